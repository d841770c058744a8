/**
 * What the HTTP server does with a request for search results before Next.js sees it
 * (lib/http/search-requests.mjs): counts it for the statistics (search-log.ts), and sends a
 * results page asked for again to its cached address, /search/view/<key>
 * (pages/search/view/[query].tsx), where the page cache serves it until what is public or
 * what queries mean changes (the page carries the listings, taxonomy and search tags).
 *
 * A search is cached only the second time it is asked for within the last few thousand
 * distinct searches: one-off searches (most of a long tail, and anything made up to fill
 * memory) render once for whoever asked and leave the cache alone. The cache itself is
 * bounded in bytes (lib/cache/memory-cache-handler.mjs).
 */
import { searchParamsRecord } from "@/lib/validations/common";
import { searchCacheKey, searchViewPath } from "./cache-key";
import { parseSearchParams } from "./query";
import { countSearch } from "./search-log";

/** Distinct searches remembered as asked once (the most recent). */
const MAX_SEEN = 10_000;

export type SearchRouterOptions = { cacheResults: boolean };

/** The router server.ts calls for GET/HEAD /search and /api/search. */
export function createSearchRouter(options: SearchRouterOptions): (method: string, url: string) => string {
  const seen = new Set<string>();
  return (method, url) => {
    const address = new URL(url, "http://site.invalid");
    const request = parseSearchParams(searchParamsRecord(address.searchParams));
    if (method === "GET") countSearch(request);
    if (address.pathname !== "/search" || !options.cacheResults) return url;
    const key = searchCacheKey(request);
    if (key === null) return url;
    const before = seen.delete(key);
    seen.add(key); // most recent last
    if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value!);
    return before ? searchViewPath(key) : url;
  };
}
