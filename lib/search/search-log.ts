/**
 * Counting searches for the staff statistics (lib/search/insights.ts) where every search
 * passes: the HTTP server (server.ts) tells this module of each request to /search and
 * GET /api/search before the page cache answers, so a results page served from cache counts
 * as a search as much as one rendered for it. Whether a search found nothing is known only
 * once it ran: the search itself (searchSite) notes that here, and the counts wait for it.
 *
 * Counts are gathered in memory and written every second, one row per distinct query: a
 * crowd searching the same words costs one write a second, not one per search. The state
 * lives on globalThis, since the server's hook (registered by instrumentation.ts) and the
 * pages are bundled apart but run in one process.
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { SearchRequest, SearchResults } from "./engine";
import { recordSearch } from "./insights";
import { normalizeForStatistics } from "./query";

/** How long a counted search waits for its outcome before it is written as one that found something. */
const OUTCOME_WAIT_MS = 30_000;
const FLUSH_EVERY_MS = 1_000;
/** Outcomes remembered (the most recent), and searches waiting: both bounded. */
const MAX_OUTCOMES = 20_000;
const MAX_PENDING = 50_000;

type Pending = { query: string; at: number };
type State = {
  database: DatabaseClient | null;
  /** normalized query → whether it found nothing */
  outcomes: Map<string, boolean>;
  pending: Pending[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
};

const KEY = Symbol.for("quire.searchLog");

function state(): State {
  const holder = globalThis as unknown as Record<symbol, State | undefined>;
  return (holder[KEY] ??= { database: null, outcomes: new Map(), pending: [], timer: null, flushing: null });
}

/** Where counts are written; set once at start (instrumentation.ts). */
export function setSearchLogDatabase(database: DatabaseClient): void {
  state().database = database;
}

/** Whether a request is a search as the statistics count them: a query, on its first page, not refined. */
export function countsAsSearch(request: SearchRequest): boolean {
  return (
    Boolean(request.query) &&
    request.page === 1 &&
    request.sort === "relevance" &&
    Object.keys(request.filters).length === 0
  );
}

/** A search was asked for (by the page or the API); written with its outcome within seconds. */
export function countSearch(request: SearchRequest, now = Date.now()): void {
  if (!countsAsSearch(request)) return;
  const query = normalizeForStatistics(request.query);
  if (!query) return;
  const current = state();
  if (current.pending.length >= MAX_PENDING) return; // the database is not keeping up: drop, never grow
  current.pending.push({ query, at: now });
  current.timer ??= setTimeout(() => void flushSearchLog(), FLUSH_EVERY_MS).unref();
}

/** What a search found, noted by whoever ran it: nothing (a correction shown instead counts as nothing), or something. */
export function noteSearchOutcome(request: SearchRequest, results: SearchResults): void {
  if (!countsAsSearch(request)) return;
  const query = normalizeForStatistics(request.query);
  if (!query) return;
  const { outcomes } = state();
  outcomes.delete(query);
  outcomes.set(query, Boolean(results.correctedFrom) || results.total === 0);
  if (outcomes.size > MAX_OUTCOMES) outcomes.delete(outcomes.keys().next().value!);
}

/**
 * Writes the counts whose outcome is known (or waited long enough); the others wait for the
 * next round. Never throws: statistics must not break search.
 */
export async function flushSearchLog(options: { all?: boolean } = {}): Promise<void> {
  const current = state();
  if (current.flushing) await current.flushing;
  current.timer = null;
  const database = current.database;
  if (!database || current.pending.length === 0) return;
  const now = Date.now();
  const counts = new Map<string, { searches: number; zeroResults: number }>();
  const waiting: Pending[] = [];
  for (const entry of current.pending) {
    const zero = current.outcomes.get(entry.query);
    if (zero === undefined && !options.all && now - entry.at < OUTCOME_WAIT_MS) {
      waiting.push(entry);
      continue;
    }
    const count = counts.get(entry.query) ?? { searches: 0, zeroResults: 0 };
    count.searches += 1;
    if (zero) count.zeroResults += 1;
    counts.set(entry.query, count);
  }
  current.pending = waiting;
  current.flushing = (async () => {
    for (const [query, count] of counts) await recordSearch(database, query, count);
  })();
  try {
    await current.flushing;
  } finally {
    current.flushing = null;
    if (current.pending.length > 0) current.timer ??= setTimeout(() => void flushSearchLog(), FLUSH_EVERY_MS).unref();
  }
}
