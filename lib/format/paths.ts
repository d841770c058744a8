/** Site addresses that code in several layers builds (the public URL contract: DESIGN.md). */

export const publicationPath = (slug: string) => `/publications/${slug}`;

/** An event's page: events live at /events/<slug> (their /publications/<slug> address redirects there). */
export const eventPath = (slug: string) => `/events/${slug}`;
