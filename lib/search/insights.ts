/**
 * What people search for, for staff: normalized queries counted per day, and how many of
 * those searches found nothing. Nothing about who searched (no IP, no user, no session).
 */
import type { DatabaseClient } from "@/lib/db-client";
import { log } from "@/lib/log";
import { normalizeForStatistics } from "./query";

/** Kept longer than the 30 days staff look at, so a month can be compared with the last. */
const RETENTION_DAYS = 90;

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Counts one search that found `total` results, or several of the same query at once
 * (lib/search/search-log.ts gathers them); never throws, since statistics must not break search.
 */
export async function recordSearch(
  db: DatabaseClient,
  query: string,
  outcome: number | { searches: number; zeroResults: number },
  now = new Date(),
): Promise<void> {
  const normalized = normalizeForStatistics(query);
  if (!normalized) return;
  const day = utcDay(now);
  const { searches, zeroResults } =
    typeof outcome === "number" ? { searches: 1, zeroResults: outcome === 0 ? 1 : 0 } : outcome;
  if (searches <= 0) return;
  try {
    await db.searchLog.upsert({
      where: { day_query: { day, query: normalized } },
      create: { day, query: normalized, searches, zeroResults },
      update: { searches: { increment: searches }, zeroResults: { increment: zeroResults } },
    });
    // Pruning now and then is enough: the table only grows by a day's distinct queries.
    if (Math.random() < 0.01) {
      await db.searchLog.deleteMany({ where: { day: { lt: new Date(day.getTime() - RETENTION_DAYS * 86_400_000) } } });
    }
  } catch (error) {
    log.error({ err: error }, "Recording a search failed");
  }
}

export type QueryCount = { query: string; searches: number };
export type SearchInsights = { since: Date; topSearches: QueryCount[]; zeroResultSearches: QueryCount[] };

/** The most frequent searches, and the most frequent ones that found nothing, over the last `days` days. */
export async function readSearchInsights(
  db: DatabaseClient,
  options: { days?: number; limit?: number; now?: Date } = {},
): Promise<SearchInsights> {
  const days = options.days ?? 30;
  const limit = options.limit ?? 20;
  const since = new Date(utcDay(options.now ?? new Date()).getTime() - (days - 1) * 86_400_000);
  const [top, zero] = await Promise.all([
    db.searchLog.groupBy({
      by: ["query"],
      where: { day: { gte: since } },
      _sum: { searches: true },
      orderBy: [{ _sum: { searches: "desc" } }, { query: "asc" }],
      take: limit,
    }),
    db.searchLog.groupBy({
      by: ["query"],
      where: { day: { gte: since }, zeroResults: { gt: 0 } },
      _sum: { zeroResults: true },
      orderBy: [{ _sum: { zeroResults: "desc" } }, { query: "asc" }],
      take: limit,
    }),
  ]);
  return {
    since,
    topSearches: top.map((row) => ({ query: row.query, searches: row._sum.searches ?? 0 })),
    zeroResultSearches: zero.map((row) => ({ query: row.query, searches: row._sum.zeroResults ?? 0 })),
  };
}

/** The ten most frequent site searches of the last 30 days, for the dashboard. */
export async function getTopSearches(database: DatabaseClient, now = new Date()): Promise<QueryCount[]> {
  return (await readSearchInsights(database, { days: 30, limit: 10, now })).topSearches;
}
