/**
 * Site search for the app: the engine bound to the app's database, and the staff
 * statistics. Server code only (tests and benchmarks build their own engine with
 * createPostgresSearchEngine()), yet without the `server-only` marker: the results page is a
 * Pages Router page (pages/search/), which refuses it, as for the publication page's reads.
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { SearchEngine, SearchRequest, SearchResults } from "./engine";
import { readSearchInsights, type SearchInsights } from "./insights";
import { createPostgresSearchEngine } from "./postgres-engine";
import { noteSearchOutcome } from "./search-log";

// One engine (and pool) per server process, surviving development's hot reload.
const globalForSearch = globalThis as { quireSearchEngine?: SearchEngine };

export const searchEngine: SearchEngine =
  globalForSearch.quireSearchEngine ?? createPostgresSearchEngine({ connectionString: env.DATABASE_URL });

if (env.NODE_ENV !== "production") globalForSearch.quireSearchEngine = searchEngine;

/**
 * What the results page and GET /api/search run. The search was counted for the statistics
 * when it arrived (server.ts, lib/search/search-log.ts), cached page or not; here it notes
 * what it found, which the count waits for.
 */
export async function searchSite(request: SearchRequest): Promise<SearchResults> {
  const results = await searchEngine.search(request);
  noteSearchOutcome(request, results);
  return results;
}

/** Top searches and zero-result searches of the last `days` days, for the admin dashboard. */
export function getSearchInsights(options: { days?: number; limit?: number } = {}): Promise<SearchInsights> {
  return readSearchInsights(db, options);
}
