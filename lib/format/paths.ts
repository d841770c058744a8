/** Site addresses that code in several layers builds (the public URL contract: DESIGN.md). */

export const publicationPath = (slug: string) => `/publications/${slug}`;

/** An event's page: events live at /events/<slug> (their /publications/<slug> address redirects there). */
export const eventPath = (slug: string) => `/events/${slug}`;

/**
 * Slugs no event may take, because another page answers at /events/<slug>: the registration
 * pages (/events/registration/…) and the filtered listings (/events/view/<filters>, which
 * would also take /events/view/calendar.ics).
 */
export const RESERVED_EVENT_SLUGS: ReadonlySet<string> = new Set(["registration", "view"]);

/** The publication type whose publications are events (PublicationType.slug). */
export const EVENT_TYPE_SLUG = "event";

/** Where readers find a publication: an event's page for events, the publication page otherwise. */
export const publicationHref = (slug: string, typeSlug: string | null | undefined) =>
  typeSlug === EVENT_TYPE_SLUG ? eventPath(slug) : publicationPath(slug);

/** Public URL of a stored media file (images, PDFs), served from the media route. */
export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey.split("/").map(encodeURIComponent).join("/")}`;
}
