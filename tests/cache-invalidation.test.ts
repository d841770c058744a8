/**
 * What makes an edit visible within a second: revalidating a publication's tag drops every
 * cached page and read that carries it, from the cache handler the server runs with
 * (lib/cache/memory-cache-handler.mjs), and leaves the rest. Entries are stored the way
 * Next.js stores them: pages list their tags in the x-next-cache-tags header, data-cache
 * reads (cachedRead) pass theirs in the context. The editor's own end-to-end test covers
 * the whole path from the Save button.
 */
import { describe, expect, it } from "vitest";
import { PUBLICATIONS_TAG, publicationTag, TAXONOMY_TAG } from "@/lib/data/cache-tags";

type CacheHandler = {
  get(
    key: string,
    ctx?: { tags?: string[]; softTags?: string[] },
  ): Promise<{ value: unknown; lastModified: number } | null>;
  set(key: string, data: unknown, ctx?: { tags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
};

type HandlerModule = { default: new () => CacheHandler; PAGES_ROUTER_TAGS: string[] };

async function loadModule(): Promise<HandlerModule> {
  // @ts-expect-error -- plain JavaScript, loaded by Next.js as is (next.config.js cacheHandler)
  return (await import("@/lib/cache/memory-cache-handler.mjs")) as HandlerModule;
}

async function loadHandler(): Promise<CacheHandler> {
  const { default: MemoryCacheHandler } = await loadModule();
  return new MemoryCacheHandler();
}

const page = (slug: string) => ({
  kind: "APP_PAGE",
  html: `<h1>${slug}</h1>`,
  headers: {
    "x-next-cache-tags": [PUBLICATIONS_TAG, TAXONOMY_TAG, publicationTag(slug), `_N_T_/publications/${slug}`].join(","),
  },
});
const read = (slug: string) => ({ kind: "FETCH", data: { body: JSON.stringify({ slug }) } });
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("cache invalidation after an edit", () => {
  it("drops the edited publication's page and reads, keeps the others, and serves the page rendered after the edit", async () => {
    const cache = await loadHandler();
    const readTags = (slug: string) => [PUBLICATIONS_TAG, publicationTag(slug)];
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

  it("drops every listing when the archive changes (publish, unpublish), and keeps pages that do not list publications", async () => {
    const cache = await loadHandler();
    await cache.set("/publications/view/all", {
      kind: "APP_PAGE",
      html: "archive",
      headers: { "x-next-cache-tags": PUBLICATIONS_TAG },
    });
    await cache.set("/categories/energy", {
      kind: "APP_PAGE",
      html: "topic",
      headers: { "x-next-cache-tags": TAXONOMY_TAG },
    });
    await later();
    await cache.revalidateTag(PUBLICATIONS_TAG);
    expect(await cache.get("/publications/view/all")).toBeNull();
    expect(await cache.get("/categories/energy")).not.toBeNull();
  });

  it("drops Pages Router pages and their redirects, which carry no tags, on any change to publications or topics", async () => {
    expect((await loadModule()).PAGES_ROUTER_TAGS).toEqual([PUBLICATIONS_TAG, TAXONOMY_TAG]);
    for (const tag of [PUBLICATIONS_TAG, TAXONOMY_TAG]) {
      const cache = await loadHandler();
      await cache.set("/publications/a-report", {
        kind: "PAGES",
        html: "<h1>A report</h1>",
        pageData: {},
        headers: undefined,
        status: 200,
      });
      await cache.set("/publications/old-address", { kind: "REDIRECT", props: {} });
      await cache.set("/privacy", { kind: "APP_PAGE", html: "privacy", headers: {} });
      await later();
      await cache.revalidateTag(tag);
      expect(await cache.get("/publications/a-report")).toBeNull();
      expect(await cache.get("/publications/old-address")).toBeNull();
      expect(await cache.get("/privacy")).not.toBeNull();
    }
  });
});
