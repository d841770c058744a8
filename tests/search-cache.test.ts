/**
 * Search results pages under a crowd, against the production server (server.ts): a search
 * asked for again is served from the page cache (lib/search/requests.ts), yet a publication
 * published since is found at once (publishing drops the page with the listings tag), and
 * every search counts in the statistics whether its page came from the cache or not, through
 * the page or GET /api/search.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";
import { startTestServer, TEST_SERVER_SECRET, type TestServer } from "./support/next-server";

const LONG = 40 * 60_000; // a first run builds the site

const testDatabase = isolatedTestDatabase();
let server: TestServer;
let typeId: number;

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 30 });
  typeId = (await testDatabase.db.publicationType.findFirstOrThrow({ select: { id: true } })).id;
  server = await startTestServer(testDatabase.url);
}, LONG);

afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

async function page(path: string): Promise<string> {
  const response = await fetch(`${server.base}${path}`);
  const html = await response.text();
  expect(response.status, path).toBe(200);
  return html;
}

/** The search log's count for a query, once it holds at least `searches` (it is written within seconds). */
async function loggedSearches(query: string, searches: number): Promise<{ searches: number; zeroResults: number }> {
  for (;;) {
    const row = await testDatabase.db.searchLog.findFirst({
      where: { query },
      select: { searches: true, zeroResults: true },
    });
    if (row && row.searches >= searches) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cachedKeys = async () => (await server.pageCache()).keys.filter((key) => key.includes("/search/view/"));

describe("search results under a crowd", () => {
  it("serves a repeated search from the page cache, and shows a matching publication as soon as it is published", async () => {
    const path = "/search?q=zanzibarite";
    expect(await page(path)).not.toContain("the-zanzibarite-question");
    // Asked once: rendered for that reader, not cached.
    expect(await cachedKeys()).toEqual([]);
    await page(path);
    await page("/search?sort=relevance&q=zanzibarite"); // the same search, written another way
    expect(await cachedKeys()).toEqual([expect.stringMatching(/\/search\/view\/q=zanzibarite$/)]);

    const publication = await testDatabase.db.publication.create({
      data: {
        slug: "the-zanzibarite-question",
        title: "The zanzibarite question",
        summary: "",
        bodyJson: { type: "doc", content: [] },
        bodyHtml: "<p>Zanzibarite deposits and export controls.</p>",
        status: "PUBLISHED",
        publishedAt: new Date(Date.now() - 60_000),
        typeId,
      },
      select: { slug: true, status: true, publishedAt: true, deletedAt: true },
    });
    // What publishing drops, dropped as the server's background jobs drop it (lib/cache/invalidate.ts).
    vi.resetModules();
    vi.stubEnv("NEXTAUTH_SECRET", TEST_SERVER_SECRET);
    vi.stubEnv("SITE_URL", server.base);
    vi.stubEnv("DATABASE_URL", testDatabase.url);
    const { invalidatePublicCache } = await import("@/lib/cache/invalidate");
    const { changeOfPublication } = await import("@/lib/publications/changes");
    await invalidatePublicCache(changeOfPublication(null, publication));

    const html = await page(path);
    expect(html).toContain("1 result for “zanzibarite”");
    expect(html).toContain('href="/publications/the-zanzibarite-question"');
    expect(await page(path)).toContain("The zanzibarite question"); // cached again, with it
  });

  it("counts every search in the statistics, those answered from the cache and those through the API too", async () => {
    for (let index = 0; index < 4; index++) await page("/search?q=Zanzibarite%20Deposits");
    expect((await cachedKeys()).some((key) => key.endsWith("/search/view/q=Zanzibarite+Deposits"))).toBe(true);
    const api = await fetch(`${server.base}/api/search?q=zanzibarite+deposits`);
    expect(api.status).toBe(200);
    await api.arrayBuffer();
    expect(await loggedSearches("zanzibarite deposits", 5)).toEqual({ searches: 5, zeroResults: 0 });
    // Refining a search (a sort, a facet, another page) is not a new search; one that found nothing counts apart.
    await page("/search?q=Zanzibarite%20Deposits&sort=newest");
    await page("/search?q=qqqzvx");
    expect(await loggedSearches("qqqzvx", 1)).toEqual({ searches: 1, zeroResults: 1 });
    expect(await loggedSearches("zanzibarite deposits", 5)).toEqual({ searches: 5, zeroResults: 0 });
  });

  it("answers 404 for a cached address asked for directly, even one a search made, and keeps none", async () => {
    for (const key of [
      "q%3DZanzibarite%2BDeposits",
      "q%3Dsomething%2Bnever%2Bsearched",
      "q%3Dzanzibarite%26sort%3Drelevance",
      "q%3Dzanzibarite%2B",
      "nothing",
      "q%3Da%26q%3Db",
      "page%3D99",
    ]) {
      const response = await fetch(`${server.base}/search/view/${key}`);
      await response.arrayBuffer();
      expect(response.status, key).toBe(404);
    }
    expect(
      (await cachedKeys()).every((key) => /\/search\/view\/q=(zanzibarite|Zanzibarite\+Deposits)$/.test(key)),
    ).toBe(true);
    expect((await cachedKeys()).some((key) => key.includes("something"))).toBe(false);
  });
});
