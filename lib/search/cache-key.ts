/**
 * The results page's cache key: one path segment per distinct search, written the one way
 * searchHref writes its query string (lib/search/query.ts), so /search?q=Korea&sort=relevance
 * and /search?sort=relevance&q=Korea share a page. A key written any other way is not a
 * key: pages/search/view/[query].tsx answers 404 for it, which the page cache never keeps.
 * Pure.
 */
import type { SearchRequest } from "./engine";
import { parseSearchParams, searchHref } from "./query";

/** The key of the results page with no query and no filter (the whole archive). */
const ALL = "all";
/** Keys past this length are never cached: real searches are short (256 characters at most, cleaned). */
export const MAX_CACHE_KEY_LENGTH = 512;
/** Deeper pages of results are rare: they are rendered for whoever asks, never cached. */
export const MAX_CACHED_PAGE = 5;

/** The key for a request, or null when its page is not one to cache. */
export function searchCacheKey(request: SearchRequest): string | null {
  if (request.page > MAX_CACHED_PAGE) return null;
  const query = searchHref(request).slice("/search?".length);
  const key = query || ALL;
  return key.length <= MAX_CACHE_KEY_LENGTH ? key : null;
}

/** The request a key stands for, or null when the key is not written as searchCacheKey writes it. */
export function searchRequestFromKey(key: string): SearchRequest | null {
  if (key.length > MAX_CACHE_KEY_LENGTH) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(key === ALL ? "" : key);
  } catch {
    return null;
  }
  const record: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of params) {
    if (name in record) return null; // repeated: never written so
    record[name] = value;
  }
  const request = parseSearchParams(record);
  return searchCacheKey(request) === key ? request : null;
}

/** The address of a key's cached page (the segment encoded once: it holds "=", "&" and "%"). */
export function searchViewPath(key: string): string {
  return `/search/view/${encodeURIComponent(key)}`;
}
