/**
 * Search statistics for staff (/admin/search), through the code the server runs for a
 * search: the count taken when the request arrives (lib/search/requests.ts, before the page
 * cache), the outcome noted by the search itself; what is counted, and that nothing about
 * the person searching is stored anywhere.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
let app: Awaited<ReturnType<typeof loadApp>>;

/** lib/search as the server loads it, against this file's database. */
async function loadApp() {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  const search = await import("@/lib/search");
  const log = await import("@/lib/search/search-log");
  log.setSearchLogDatabase((await import("@/lib/db")).db);
  const { createSearchRouter } = await import("@/lib/search/requests");
  const { parseSearchParams } = await import("@/lib/search/query");
  return { ...search, ...log, router: createSearchRouter({ cacheResults: true }), parseSearchParams };
}

type LogRow = { day: Date; query: string; searches: number; zeroResults: number };

/** The search log is written after the results are sent: wait until it holds `searches` in all. */
async function searchLogOnceSettled(searches: number): Promise<LogRow[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rows = await testDatabase.db.$queryRaw<LogRow[]>`SELECT * FROM "SearchLog" ORDER BY query`;
    if (rows.reduce((sum, row) => sum + row.searches, 0) >= searches) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The searches were not logged");
}

beforeAll(async () => {
  const db = testDatabase.db;
  const type = await db.publicationType.create({
    data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries", position: 0 },
  });
  await db.publication.create({
    data: {
      slug: "sanctions-and-kaesong",
      title: "Sanctions and Kaesong",
      summary: "",
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Sanctions were tightened.</p>",
      status: "PUBLISHED",
      publishedAt: new Date("2024-01-01Z"),
      typeId: type.id,
    },
  });
  app = await loadApp();
});

afterAll(async () => {
  await app?.searchEngine.close();
  vi.unstubAllEnvs();
});

describe("search statistics", () => {
  it("count first-page searches by normalized query, zero-result ones apart, and store nothing about who searched", async () => {
    // As the server does: the request counted on arrival, then (unless its page was cached) the search run.
    const search = async (url: string, options: { cached?: boolean } = {}) => {
      const routed = app.router("GET", url);
      if (options.cached) expect(routed).toMatch(/^\/search\/view\//);
      else await app.searchSite(app.parseSearchParams(Object.fromEntries(new URL(url, "http://x").searchParams)));
    };
    await search("/search?q=Sanctions");
    await search("/search?q=%20%20SANCTIONS%20");
    await search("/search?q=Qwxzvbnm%20%C3%9Crk");
    // Asked again: answered from the page cache, without running the search, and still counted.
    await search("/search?q=Sanctions");
    await search("/search?q=Sanctions", { cached: true });
    // …as are searches through the API.
    await search("/api/search?q=sanctions");
    // Refining a search (another page, a facet) is not a new search.
    await search("/search?q=sanctions&page=2");
    await search("/search?q=sanctions&category=north-korea");
    await app.flushSearchLog();

    const rows = await searchLogOnceSettled(6);
    const today = new Date();
    expect(rows.map(({ query, searches, zeroResults }) => ({ query, searches, zeroResults }))).toEqual([
      { query: "qwxzvbnm urk", searches: 1, zeroResults: 1 },
      { query: "sanctions", searches: 5, zeroResults: 0 },
    ]);
    expect(rows.every((row) => row.day.toISOString().slice(0, 10) === today.toISOString().slice(0, 10))).toBe(true);

    // Only the day, the query and two counts: no address, agent, session, user or time of day.
    const columns = await testDatabase.db.$queryRaw<Array<{ column_name: string }>>`
      SELECT column_name::text FROM information_schema.columns WHERE table_name = 'SearchLog' ORDER BY column_name`;
    expect(columns.map((column) => column.column_name)).toEqual(["day", "query", "searches", "zeroResults"]);
    // …and searching wrote nowhere else that could tie a search to a person.
    expect(await testDatabase.db.auditLog.count()).toBe(0);

    const insights = await app.getSearchInsights();
    expect(insights.topSearches).toEqual([
      { query: "sanctions", searches: 5 },
      { query: "qwxzvbnm urk", searches: 1 },
    ]);
    expect(insights.zeroResultSearches).toEqual([{ query: "qwxzvbnm urk", searches: 1 }]);
  });
});
