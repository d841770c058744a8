/**
 * Nobody can fill the page cache with addresses of their own invention: against the
 * production server, made-up archive keys, pages past the last, filters naming nothing
 * that exists and unknown slugs answer 404, and the cache holds exactly what it held
 * before them (read in the server's own process: tests/support/page-cache-probe.mjs).
 * Before, /publications/view/<anything> and /publications?page=<huge> answered 200 and
 * each stayed in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/next-server";

const LONG = 40 * 60_000; // a first run builds the site

const testDatabase = isolatedTestDatabase();
let server: TestServer;
let terms: { category: string; author: string; series: string; publication: string };

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 60 });
  const db = testDatabase.db;
  const [category, author, series, publication] = await Promise.all([
    db.category.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
    db.author.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
    db.series.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
    db.publication.findFirstOrThrow({ where: { status: "PUBLISHED" }, select: { slug: true } }),
  ]);
  terms = { category: category.slug, author: author.slug, series: series.slug, publication: publication.slug };
  server = await startTestServer(testDatabase.url);
}, LONG);

afterAll(async () => {
  await server?.stop();
});

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

async function status(path: string): Promise<number> {
  const response = await fetch(`${server.base}${path}`, { redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

describe("the page cache under made-up addresses", () => {
  it("answers each with 404 and keeps none of them", async () => {
    // The real pages first: what the made-up addresses also read (the layout, the filter
    // options, a topic's page boundaries) is then cached already, as on a live site.
    const real = [
      "/publications",
      "/publications?page=2",
      `/publications?category=${terms.category}`,
      `/categories/${terms.category}`,
      `/authors/${terms.author}`,
      `/series/${terms.series}`,
      `/publications/${terms.publication}`,
      "/search?q=korea",
    ];
    for (const path of real) expect(await status(path), path).toBe(200);
    // The not-found page, once for a simple page's address (/[slug], rendered per request)
    // and once for an address no route takes (Next.js's prerendered 404, which enters the
    // cache the first time it is served): neither is a made-up key.
    expect(await status("/no-such-page")).toBe(404);
    expect(await status("/no/such/page")).toBe(404);
    const before = await server.pageCache();
    // The probe reads the server's own cache (keys as Next.js writes them: /route-cache/<kind>/<hash>/$<path>).
    expect(before.keys.filter((key) => key.endsWith("$/publications/view/all"))).toHaveLength(1);

    const madeUp = [
      ...range(60).map((index) => `/publications/view/made-up-${index}`),
      ...range(30).map((index) => `/publications/view/${encodeURIComponent(`page=${10 + index}`)}`),
      ...range(30).map((index) => `/publications?page=${50 + index * 997}`),
      ...range(20).map((index) => `/publications?category=no-such-topic-${index}`),
      ...range(20).map((index) => `/publications?type=no-such-type-${index}&year=2020`),
      ...range(15).map((index) => `/publications?year=${1900 + index}`),
      ...range(20).map((index) => `/publications/no-such-publication-${index}`),
      ...range(20).map((index) => `/categories/no-such-topic-${index}`),
      ...range(20).map((index) => `/authors/no-such-author-${index}`),
      ...range(20).map((index) => `/series/no-such-series-${index}`),
      ...range(20).map((index) => `/categories/${terms.category}?page=${100 + index}`),
      ...range(20).map((index) => `/search?q=korea&page=${500 + index}`),
      "/publications/view/page%3D1",
      `/publications/view/${encodeURIComponent(`year=2020&category=${terms.category}`)}`,
      `/publications/view/${encodeURIComponent(`category=${terms.category.toUpperCase()}`)}`,
      `/publications/view/${encodeURIComponent(`category=${terms.category}&utm_source=x`)}`,
      "/publications/view/constructor%3Dx",
      "/publications/view/%00",
    ];
    for (const path of madeUp) expect(await status(path), path).toBe(404);
    // The same addresses as the framework's client navigation asks for them (RSC payload).
    for (const index of range(10)) expect(await status(`/publications/view/made-up-${index}.rsc`)).toBe(404);
    // Asked again: still not found, still not cached.
    for (const path of madeUp.slice(0, 30)) expect(await status(path), path).toBe(404);

    const after = await server.pageCache();
    expect([...after.keys].sort()).toEqual([...before.keys].sort());
    expect(after.bytes).toBe(before.bytes);
    // Nor in Next.js's own record of page lifetimes, which the handler prunes alongside.
    expect(after.frameworkLifetimes).not.toBeNull();
    expect(after.frameworkLifetimes).toBeLessThanOrEqual(before.frameworkLifetimes!);
  });

  it("stays within its byte limit", async () => {
    const stats = await server.pageCache();
    expect(stats.maxBytes).toBe(256 * 1024 * 1024);
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
  });
});
