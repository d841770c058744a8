/**
 * What a write changed of what readers see, and the cache tags (lib/cache/tags.mjs) that
 * makes stale. Pure: lib/cache/invalidate.ts drops the tags.
 */
import { EVENTS_TAG, LISTINGS_TAG, publicationTag, RELATED_TAG, SEARCH_TAG, TAXONOMY_TAG } from "./tags.mjs";

/** What a write changed of what the public sees. Empty: nothing public changed. */
export type PublicChange = {
  /** Publications (by slug, old and new) whose own page changed, appeared or went away. */
  publications?: string[];
  /** Whether any list of publications changed: something appeared, left, or was edited while public. */
  listings?: boolean;
  /** Whether a publication stopped being public, so related reading elsewhere must not link it. */
  removals?: boolean;
  /** Whether authors, topics or series changed (names, descriptions, merges). */
  taxonomy?: boolean;
  /** Whether lists of upcoming events changed without a write: an event started or ended. */
  events?: boolean;
  /** Whether what a search query means changed (synonyms), with no publication changing. */
  search?: boolean;
};

/** Several writes' changes as one. */
export function combineChanges(...changes: PublicChange[]): PublicChange {
  const publications = [...new Set(changes.flatMap((change) => change.publications ?? []))];
  return {
    ...(publications.length > 0 && { publications }),
    ...(changes.some((change) => change.listings) && { listings: true }),
    ...(changes.some((change) => change.removals) && { removals: true }),
    ...(changes.some((change) => change.taxonomy) && { taxonomy: true }),
    ...(changes.some((change) => change.events) && { events: true }),
    ...(changes.some((change) => change.search) && { search: true }),
  };
}

/** The cache tags a change drops. */
export function tagsFor(change: PublicChange): string[] {
  const tags = (change.publications ?? []).map(publicationTag);
  if (change.listings) tags.push(LISTINGS_TAG);
  if (change.removals) tags.push(RELATED_TAG);
  if (change.taxonomy) tags.push(TAXONOMY_TAG);
  if (change.events) tags.push(EVENTS_TAG);
  if (change.search) tags.push(SEARCH_TAG);
  return [...new Set(tags)];
}
