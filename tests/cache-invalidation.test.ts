/**
 * What makes an edit visible within a second, and leaves the rest of the cache alone: a
 * change drops exactly the tags lib/cache/invalidate.ts derives from it, and the cache
 * handler the server runs with (lib/cache/memory-cache-handler.mjs) drops every cached
 * page and read carrying one of them. Pages carry their route's tags (lib/cache/tags.mjs)
 * plus what Next.js recorded (the x-next-cache-tags header); data-cache reads pass theirs
 * in the context. The editor's own end-to-end test covers the whole path from Save.
 */
import { describe, expect, it } from "vitest";
import {
  EVENTS_TAG,
  LISTINGS_TAG,
  publicationTag,
  RELATED_TAG,
  SEARCH_TAG,
  tagsForPath,
  TAXONOMY_TAG,
} from "@/lib/cache/tags.mjs";
import { combineChanges, tagsFor } from "@/lib/cache/changes";
import { changeOfPublication } from "@/lib/publications/changes";

type CacheHandler = {
  get(
    key: string,
    ctx?: { tags?: string[]; softTags?: string[] },
  ): Promise<{ value: unknown; lastModified: number } | null>;
  set(key: string, data: unknown, ctx?: { tags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
};

type HandlerModule = { default: new () => CacheHandler };

async function loadModule(): Promise<HandlerModule> {
  return (await import("@/lib/cache/memory-cache-handler.mjs")) as unknown as HandlerModule;
}

async function loadHandler(): Promise<CacheHandler> {
  const { default: MemoryCacheHandler } = await loadModule();
  return new MemoryCacheHandler();
}

/** A publication page as the Pages Router caches it: no tags of its own. */
const page = (slug: string) => ({
  kind: "PAGES",
  html: `<h1>${slug}</h1>`,
  pageData: {},
  headers: undefined,
  status: 200,
});
const read = (slug: string) => ({ kind: "FETCH", data: { body: JSON.stringify({ slug }) } });
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("cache invalidation after an edit", () => {
  it("drops the edited publication's page and reads, keeps the others, and serves the page rendered after the edit", async () => {
    const cache = await loadHandler();
    const readTags = (slug: string) => [publicationTag(slug)];
    await cache.set("/publications/edited", page("edited"));
    await cache.set("/publications/untouched", page("untouched"));
    await cache.set("read:edited", read("edited"), { tags: readTags("edited") });
    await cache.set("read:untouched", read("untouched"), { tags: readTags("untouched") });
    expect(await cache.get("/publications/edited")).not.toBeNull();

    await later();
    await cache.revalidateTag([publicationTag("edited")]);
    expect(await cache.get("/publications/edited")).toBeNull();
    expect(await cache.get("read:edited", { tags: readTags("edited") })).toBeNull();
    expect(await cache.get("/publications/untouched")).toMatchObject({ value: page("untouched") });
    expect(await cache.get("read:untouched", { tags: readTags("untouched") })).toMatchObject({
      value: read("untouched"),
    });

    // The next request renders the edited page again; that copy is served from then on.
    await later();
    await cache.set("/publications/edited", page("edited"));
    expect(await cache.get("/publications/edited")).toMatchObject({ value: page("edited") });
  });

  it("drops every listing when what is public changes, and keeps the publication pages and pages that list nothing", async () => {
    const cache = await loadHandler();
    await cache.set("/publications/view/all", {
      kind: "APP_PAGE",
      html: "archive",
      headers: { "x-next-cache-tags": "_N_T_/publications/view/all" },
    });
    await cache.set("/categories/energy", { kind: "APP_PAGE", html: "topic", headers: {} });
    await cache.set("/index", { kind: "APP_PAGE", html: "home", headers: {} });
    await cache.set("/publications/a-report", page("a-report"));
    await cache.set("/privacy", { kind: "APP_PAGE", html: "privacy", headers: {} });
    await later();
    await cache.revalidateTag(LISTINGS_TAG);
    for (const listing of ["/publications/view/all", "/categories/energy", "/index"])
      expect(await cache.get(listing)).toBeNull();
    expect(await cache.get("/publications/a-report")).not.toBeNull();
    expect(await cache.get("/privacy")).not.toBeNull();
  });

  it("drops a publication page, a redirect or a 404 cached at its address by the address's own tag", async () => {
    const cache = await loadHandler();
    await cache.set("/publications/a-report", page("a-report"));
    await cache.set("/publications/old-address", { kind: "REDIRECT", props: {} });
    await cache.set("/publications/not-yet", { ...page("not-yet"), status: 404 });
    await later();
    await cache.revalidateTag([publicationTag("old-address"), publicationTag("not-yet")]);
    expect(await cache.get("/publications/old-address")).toBeNull();
    expect(await cache.get("/publications/not-yet")).toBeNull();
    expect(await cache.get("/publications/a-report")).not.toBeNull();
  });

  it("drops every publication page when one stops being public (related reading) or a name changes (taxonomy)", async () => {
    for (const tag of [RELATED_TAG, TAXONOMY_TAG]) {
      const cache = await loadHandler();
      await cache.set("/publications/a-report", page("a-report"));
      await cache.set("/publications/a-brief", page("a-brief"));
      await later();
      await cache.revalidateTag(tag);
      expect(await cache.get("/publications/a-report")).toBeNull();
      expect(await cache.get("/publications/a-brief")).toBeNull();
    }
  });
});

describe("route tags", () => {
  it("tag a publication page by its slug, listings as listings, and private routes not at all", () => {
    expect(tagsForPath("/publications/north-korea-and-sanctions")).toEqual([
      publicationTag("north-korea-and-sanctions"),
      RELATED_TAG,
      TAXONOMY_TAG,
    ]);
    expect(tagsForPath("/events/a-panel")).toEqual([publicationTag("a-panel"), TAXONOMY_TAG]);
    for (const eventList of ["/events", "/events/view/topic%3Denergy", "/index", "/authors/jane-doe"])
      expect(tagsForPath(eventList)).toEqual([LISTINGS_TAG, TAXONOMY_TAG, EVENTS_TAG]);
    for (const listing of ["/publications/view/type%3Dreport", "/categories/energy", "/feed.xml", "/sitemap/0.xml"])
      expect(tagsForPath(listing)).toEqual([LISTINGS_TAG, TAXONOMY_TAG]);
    expect(tagsForPath("/search")).toEqual([LISTINGS_TAG, TAXONOMY_TAG, SEARCH_TAG]);
    expect(tagsForPath("/subscribe")).toEqual([TAXONOMY_TAG]);
    for (const unshared of ["/admin", "/admin/publications/3", "/login", "/preview/abc", "/api/search", "/media/x.png"])
      expect(tagsForPath(unshared)).toEqual([]);
  });
});

describe("the front cache's tag headers", () => {
  it("name a public page's tags three ways, and leave out what no header may carry", async () => {
    const { frontCacheTagHeaders } = await import("@/lib/cache/front-cache.mjs");
    expect(frontCacheTagHeaders("/publications/a-report")).toEqual([
      ["xkey", "publication:a-report related taxonomy"],
      ["Surrogate-Key", "publication:a-report related taxonomy"],
      ["Cache-Tag", "publication:a-report,related,taxonomy"],
    ]);
    // Made-up addresses decode to tags no page has, which a header could not hold.
    for (const made of [
      "/publications/%E2%80%A8x",
      "/publications/%C3%A9t%C3%A9",
      "/publications/a%0d%0ab",
      "/publications/a%2Cb",
    ])
      expect(frontCacheTagHeaders(made)[0]).toEqual(["xkey", "related taxonomy"]);
    expect(frontCacheTagHeaders("/admin/publications")).toEqual([]);
  });
});

describe("what a publication write changes for readers", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const state = (status: "DRAFT" | "SCHEDULED" | "PUBLISHED", slug = "a-report", publishedAt: Date | null = now) => ({
    status,
    slug,
    deletedAt: null,
    publishedAt,
  });

  it("is nothing while it is not public", () => {
    expect(tagsFor(changeOfPublication(null, state("DRAFT"), now))).toEqual([]);
    expect(
      tagsFor(changeOfPublication(state("DRAFT"), state("SCHEDULED", "a-report", new Date("2027-01-01")), now)),
    ).toEqual([]);
  });

  it("is its own page and the listings when it is published or edited, without touching other publication pages", () => {
    expect(tagsFor(changeOfPublication(state("DRAFT"), state("PUBLISHED"), now))).toEqual([
      publicationTag("a-report"),
      LISTINGS_TAG,
    ]);
    expect(tagsFor(changeOfPublication(state("PUBLISHED"), state("PUBLISHED", "renamed"), now))).toEqual([
      publicationTag("a-report"),
      publicationTag("renamed"),
      LISTINGS_TAG,
    ]);
  });

  it("also drops related reading elsewhere when it stops being public", () => {
    expect(tagsFor(changeOfPublication(state("PUBLISHED"), state("DRAFT"), now))).toEqual([
      publicationTag("a-report"),
      LISTINGS_TAG,
      RELATED_TAG,
    ]);
    expect(tagsFor(changeOfPublication(state("PUBLISHED"), { ...state("PUBLISHED"), deletedAt: now }, now))).toContain(
      RELATED_TAG,
    );
  });

  it("combines several writes into one set of tags", () => {
    const published = changeOfPublication(null, state("PUBLISHED", "one"), now);
    const renamed = combineChanges({ taxonomy: true });
    expect(tagsFor(combineChanges(published, renamed))).toEqual([publicationTag("one"), LISTINGS_TAG, TAXONOMY_TAG]);
  });
});
