/**
 * Cache tags: the names under which cached public pages and data are dropped when content
 * changes, and the tags of each public route, computed here from its path so that the page
 * cache (memory-cache-handler.mjs) and, later, a front cache (told in a response header)
 * drop exactly the same pages. Plain JavaScript with JSDoc types, because Next.js loads the
 * cache handler at run time without compiling it; TypeScript code imports it as is.
 *
 *   publication:<slug>  one publication's page, and a redirect or 404 cached at its address
 *   listings            every list of publications: home, archive, topic, author and series
 *                       pages, feeds, sitemaps, search
 *   related             publication pages' related reading, which links other publications:
 *                       dropped when a publication stops being public, so no page links it
 *   taxonomy            names and descriptions of authors, topics and series, wherever shown
 *   events              lists of upcoming events (/events, the home page, author profiles):
 *                       dropped when an event starts or ends, which no write announces
 *   search              search results and suggestions: dropped (besides listings) when what
 *                       a query means changes without any publication changing (synonyms)
 *
 * What a write changed becomes tags in lib/cache/invalidate.ts.
 */

export const LISTINGS_TAG = "listings";
export const RELATED_TAG = "related";
export const TAXONOMY_TAG = "taxonomy";
export const EVENTS_TAG = "events";
export const SEARCH_TAG = "search";

/**
 * @param {string} slug
 * @returns {string}
 */
export const publicationTag = (slug) => `publication:${slug}`;

/** How long a cached public page or read may be served before a background refresh, in seconds. */
export const PUBLIC_REVALIDATE_SECONDS = 3600;

/** Staff, sign-in, previews and per-request APIs: never cached as public pages. */
const PRIVATE_PATH = /^\/(?:admin|login|preview|api|media|_next)(?:\/|$)/;
const PUBLICATION_PAGE = /^\/publications\/([^/]+)$/;
/** An event's page carries its publication's tag, so publishing and unpublishing reach it. */
const EVENT_PAGE = /^\/events\/([^/]+)$/;
/** Pages that list upcoming events: /events and its filtered views, the home page, author profiles. */
const EVENT_LISTS = /^\/(?:events(?:\/view\/[^/]+)?|events\.ics|index|authors\/[^/]+)$/;
/** Pages that show no publications, only the signup box's topics. */
/** Search results: every listing's tags, and the search vocabulary's. */
const SEARCH_PAGES = /^\/search(?:\/|$)/;
const TOPICS_ONLY_PAGES = new Set([
  "/subscribe",
  "/subscribe/confirm",
  "/subscribe/preferences",
  "/unsubscribe",
  "/privacy",
]);

/**
 * The tags of a public page or route, by its path ("/index" is how Next.js keys the home
 * page); an empty list for what is never cached publicly.
 * @param {string} pathname
 * @returns {string[]}
 */
export function tagsForPath(pathname) {
  if (PRIVATE_PATH.test(pathname)) return [];
  const publication = PUBLICATION_PAGE.exec(pathname);
  if (publication) return [publicationTag(safeDecode(publication[1])), RELATED_TAG, TAXONOMY_TAG];
  const event = EVENT_PAGE.exec(pathname);
  if (event) return [publicationTag(safeDecode(event[1])), TAXONOMY_TAG];
  if (EVENT_LISTS.test(pathname)) return [LISTINGS_TAG, TAXONOMY_TAG, EVENTS_TAG];
  if (SEARCH_PAGES.test(pathname)) return [LISTINGS_TAG, TAXONOMY_TAG, SEARCH_TAG];
  if (TOPICS_ONLY_PAGES.has(pathname)) return [TAXONOMY_TAG];
  return [LISTINGS_TAG, TAXONOMY_TAG];
}

/**
 * @param {string} segment
 * @returns {string}
 */
function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
