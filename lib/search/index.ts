/**
 * Site search for the app: the engine bound to the app's database, and the staff
 * statistics. Server-only; tests and benchmarks build their own engine with
 * createPostgresSearchEngine().
 */
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { SearchEngine, SearchRequest, SearchResults } from "./engine";
import { readSearchInsights, recordSearch, type SearchInsights } from "./insights";
import { createPostgresSearchEngine } from "./postgres-engine";

// One engine (and pool) per server process, surviving development's hot reload.
const globalForSearch = globalThis as { quireSearchEngine?: SearchEngine };

export const searchEngine: SearchEngine =
  globalForSearch.quireSearchEngine ?? createPostgresSearchEngine({ connectionString: env.DATABASE_URL });

if (env.NODE_ENV !== "production") globalForSearch.quireSearchEngine = searchEngine;

/** What the search page runs: the search, then (without waiting for it) the statistics. */
export async function searchSite(request: SearchRequest): Promise<SearchResults> {
  const results = await searchEngine.search(request);
  // A search counts when it is made (first page, no filters yet), not when it is refined.
  const refined = request.page > 1 || request.sort !== "relevance" || Object.keys(request.filters).length > 0;
  if (request.query && !refined)
    void recordSearch(db, results.correctedFrom ?? results.query, results.correctedFrom ? 0 : results.total);
  return results;
}

/** Top searches and zero-result searches of the last `days` days, for the admin dashboard. */
export function getSearchInsights(options: { days?: number; limit?: number } = {}): Promise<SearchInsights> {
  return readSearchInsights(db, options);
}
