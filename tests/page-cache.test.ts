/**
 * The page cache's memory is bounded in bytes (PAGE_CACHE_MAX_BYTES), least recently used
 * first out, and error answers are never kept. The handler before this held 20,000 entries
 * of any size (600 made-up addresses took a server from 280 MB to 671 MB) and stored 404s.
 * tests/page-cache-junk.test.ts shows the same against the running server.
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LISTINGS_TAG, publicationTag } from "@/lib/cache/tags.mjs";
import { parseEnvironment } from "@/lib/env";

type CacheHandler = {
  get(key: string, ctx?: { tags?: string[] }): Promise<{ value: unknown; lastModified: number } | null>;
  set(key: string, data: unknown, ctx?: { tags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
};
type Stats = { entries: number; bytes: number; maxBytes: number; keys: string[]; frameworkLifetimes: number | null };
type HandlerModule = {
  default: new () => CacheHandler;
  pageCacheStats(): Stats;
  sizeOf(value: unknown): number;
  DEFAULT_PAGE_CACHE_MAX_BYTES: number;
};

/** A fresh handler module (its store is per module) with PAGE_CACHE_MAX_BYTES as given. */
async function loadHandler(maxBytes?: string) {
  vi.resetModules();
  if (maxBytes === undefined) vi.stubEnv("PAGE_CACHE_MAX_BYTES", undefined as unknown as string);
  else vi.stubEnv("PAGE_CACHE_MAX_BYTES", maxBytes);
  const handler = (await import("@/lib/cache/memory-cache-handler.mjs")) as unknown as HandlerModule;
  return { cache: new handler.default(), module: handler };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** An App Router page as Next.js caches it: HTML, the RSC payload and per-segment prefetch data. */
const appPage = (htmlBytes: number, status = 200) => ({
  kind: "APP_PAGE",
  html: "h".repeat(htmlBytes),
  rscData: Buffer.alloc(Math.floor(htmlBytes / 2), 1),
  segmentData: new Map([["/_tree", Buffer.alloc(1_000, 2)]]),
  headers: { "x-next-cache-tags": "_N_T_/layout" },
  postponed: undefined,
  status,
});

describe("the page cache's size", () => {
  it("counts an entry's HTML, RSC payload and segment data", async () => {
    const { module } = await loadHandler();
    const size = module.sizeOf(appPage(100_000));
    expect(size).toBeGreaterThanOrEqual(100_000 + 50_000 + 1_000);
    expect(size).toBeLessThan(100_000 + 50_000 + 1_000 + 2_000);
    // As V8 keeps them: one byte per character while each fits in one, else two.
    expect(module.sizeOf("é".repeat(1000))).toBeLessThan(1_100);
    expect(module.sizeOf({ kind: "FETCH", data: { body: "–".repeat(1000) } })).toBeGreaterThanOrEqual(2_000);
  });

  it("evicts the least recently used entries when the bytes pass the limit, not before", async () => {
    const { cache, module } = await loadHandler("400000"); // room for two 150 KB pages, not three
    await cache.set("/a", appPage(100_000));
    await cache.set("/b", appPage(100_000));
    expect(module.pageCacheStats().entries).toBe(2);
    expect(await cache.get("/a")).not.toBeNull(); // /a is now the most recently used

    await cache.set("/c", appPage(100_000));
    expect(module.pageCacheStats().keys).toEqual(["/a", "/c"]);
    expect(await cache.get("/b")).toBeNull();

    // Small entries take little room: many fit beside the large ones.
    for (let index = 0; index < 50; index++) await cache.set(`read:${index}`, { kind: "FETCH", data: { body: "{}" } });
    const stats = module.pageCacheStats();
    expect(stats.keys).toContain("/c");
    expect(stats.entries).toBeGreaterThan(40);
    expect(stats.bytes).toBeLessThanOrEqual(400_000);
  });

  it("keeps the total within the limit whatever is stored, and counts replaced entries once", async () => {
    const { cache, module } = await loadHandler("1MB");
    expect(module.pageCacheStats().maxBytes).toBe(1024 * 1024);
    for (let index = 0; index < 200; index++) {
      await cache.set(`/page/${index % 30}`, appPage(5_000 + (index % 7) * 9_000));
      expect(module.pageCacheStats().bytes).toBeLessThanOrEqual(1024 * 1024);
    }
    const stats = module.pageCacheStats();
    expect(stats.entries).toBeLessThanOrEqual(30);
    let sum = 0;
    for (const key of stats.keys) sum += module.sizeOf(key);
    expect(stats.bytes).toBeGreaterThan(sum);
  });

  it("does not store an entry larger than the whole cache", async () => {
    const { cache, module } = await loadHandler("100000");
    await cache.set("/small", appPage(1_000));
    await cache.set("/huge", appPage(200_000));
    expect(await cache.get("/huge")).toBeNull();
    expect(module.pageCacheStats().keys).toEqual(["/small"]);
  });

  it("holds 256 MB unless told otherwise", async () => {
    const { module } = await loadHandler();
    expect(module.pageCacheStats().maxBytes).toBe(256 * 1024 * 1024);
    expect(module.DEFAULT_PAGE_CACHE_MAX_BYTES).toBe(256 * 1024 * 1024);
  });
});

describe("what the page cache refuses", () => {
  it("never keeps a page that answered 404 (or any error) under an address a visitor chose", async () => {
    const { cache, module } = await loadHandler();
    await cache.set("/publications/view/made-up", appPage(10_000, 404));
    await cache.set("/publications/view/other", appPage(10_000, 500));
    await cache.set("/publications/view/all", appPage(10_000, 200));
    expect(module.pageCacheStats().keys).toEqual(["/publications/view/all"]);
  });

  it("drops a cached page when its address starts answering 404 (it was unpublished)", async () => {
    const { cache, module } = await loadHandler();
    await cache.set("/categories/energy", appPage(10_000, 200));
    await cache.set("/categories/energy", appPage(10_000, 404));
    expect(module.pageCacheStats().entries).toBe(0);
  });

  it("keeps the framework's own not-found page, one fixed key", async () => {
    const { cache, module } = await loadHandler();
    await cache.set("/_not-found", appPage(5_000, 404));
    expect(module.pageCacheStats().keys).toEqual(["/_not-found"]);
  });

  it("drops a Pages Router page that answered notFound (Next.js stores null)", async () => {
    const { cache, module } = await loadHandler();
    await cache.set("/publications/gone", { kind: "PAGES", html: "<p>x</p>", pageData: {}, status: 200 });
    await cache.set("/publications/gone", null);
    expect(module.pageCacheStats().entries).toBe(0);
  });
});

/** A key as Next.js 16 writes it for a rendered route: kind, a hash of the route's source, the path. */
const routeKey = (kind: string, path: string) => `/route-cache/${kind}/9f86d081884c7d659a2feaa0c55ad015/$${path}`;
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("keys as Next.js writes them", () => {
  it("read the path after the route's hash: a 404 under a made-up path is refused, the framework's own kept", async () => {
    const { cache, module } = await loadHandler();
    await cache.set(routeKey("APP_PAGE", "/publications/view/made-up"), appPage(5_000, 404));
    await cache.set(routeKey("APP_PAGE", "/_not-found"), appPage(5_000, 404));
    expect(module.pageCacheStats().keys).toEqual([routeKey("APP_PAGE", "/_not-found")]);
  });

  it("tag a publication page with its own tag, so an edit drops that page and publishing drops no other", async () => {
    // Before, the route's tags were looked up with the whole key, which matched no route:
    // every page got the listings' tags, and any publish dropped every publication page.
    const { cache } = await loadHandler();
    const page = (slug: string) => ({ kind: "PAGES", html: `<h1>${slug}</h1>`, pageData: {}, status: 200 });
    await cache.set(routeKey("PAGES", "/publications/edited"), page("edited"));
    await cache.set(routeKey("PAGES", "/publications/untouched"), page("untouched"));
    await later();
    await cache.revalidateTag(LISTINGS_TAG);
    expect(await cache.get(routeKey("PAGES", "/publications/untouched"))).not.toBeNull();
    await cache.revalidateTag(publicationTag("edited"));
    expect(await cache.get(routeKey("PAGES", "/publications/edited"))).toBeNull();
    expect(await cache.get(routeKey("PAGES", "/publications/untouched"))).not.toBeNull();
  });
});

describe("Next.js's own record of each page's lifetime", () => {
  // SharedCacheControls keeps one entry per key ever stored, never pruned: a made-up
  // address the handler refuses would still cost memory there, without this.
  const lifetimes = (
    createRequire(import.meta.url)("next/dist/server/lib/incremental-cache/shared-cache-controls.external.js") as {
      SharedCacheControls: { cacheControls: Map<string, unknown> };
    }
  ).SharedCacheControls.cacheControls;

  it("is forgotten for a key the handler refuses or lets go", async () => {
    const { cache, module } = await loadHandler("400000");
    const lifetime = { revalidate: 3600, expire: 31536000 };
    for (const path of ["/made-up", "/a", "/b", "/c"]) lifetimes.set(routeKey("APP_PAGE", path), lifetime);
    await cache.set(routeKey("APP_PAGE", "/made-up"), appPage(1_000, 404));
    expect(lifetimes.has(routeKey("APP_PAGE", "/made-up"))).toBe(false);

    await cache.set(routeKey("APP_PAGE", "/a"), appPage(100_000));
    await cache.set(routeKey("APP_PAGE", "/b"), appPage(100_000));
    await cache.set(routeKey("APP_PAGE", "/c"), appPage(100_000)); // evicts /a
    expect(lifetimes.has(routeKey("APP_PAGE", "/a"))).toBe(false);
    expect(lifetimes.has(routeKey("APP_PAGE", "/b"))).toBe(true);
    expect(module.pageCacheStats().frameworkLifetimes).toBe(lifetimes.size);
  });
});

describe("PAGE_CACHE_MAX_BYTES", () => {
  const base = { DATABASE_URL: "postgresql://localhost/quire" };

  it.each(["268435456", "256MB", "512 kb", "1g", "64M"])("accepts %s", (value) => {
    expect(() => parseEnvironment({ ...base, PAGE_CACHE_MAX_BYTES: value })).not.toThrow();
  });

  it.each(["lots", "0", "-5", "1.5GB", "10TB", "256 MiB"])("refuses %s at boot, naming the variable", (value) => {
    expect(() => parseEnvironment({ ...base, PAGE_CACHE_MAX_BYTES: value })).toThrow(/PAGE_CACHE_MAX_BYTES/);
  });
});
