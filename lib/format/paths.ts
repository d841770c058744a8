/** Site addresses that code in several layers builds (the public URL contract: DESIGN.md). */

export const publicationPath = (slug: string) => `/publications/${slug}`;

/** An event's page: events live at /events/<slug> (their /publications/<slug> address redirects there). */
export const eventPath = (slug: string) => `/events/${slug}`;

/** The publication type whose publications are events (PublicationType.slug). */
export const EVENT_TYPE_SLUG = "event";

/** Where readers find a publication: an event's page for events, the publication page otherwise. */
export const publicationHref = (slug: string, typeSlug: string | null | undefined) =>
  typeSlug === EVENT_TYPE_SLUG ? eventPath(slug) : publicationPath(slug);
