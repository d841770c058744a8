/**
 * Next.js's cache for rendered pages and cached data, kept in this process's memory only.
 *
 * Why not the default (memory backed by files under .next/cache): one build serves
 * databases that differ (npm start, the e2e server, benchmarks), and entries written
 * against one would be served for another after a restart. Here every server starts
 * empty and fills as pages are read; tags revalidated by content changes drop the entries
 * that carry them. Several instances behind a load balancer would each keep their own
 * copy: a shared store (Redis) would replace this file then.
 */

const MAX_ENTRIES = 20_000;

/**
 * Pages Router pages (pages/: the publication page) and their redirects carry no tags:
 * Next.js collects tags for App Router pages only. Every such page shows publications
 * and topics, so it takes the public data's tags (PUBLICATIONS_TAG and TAXONOMY_TAG in
 * lib/data/cache-tags.ts, which a test holds equal to these).
 */
export const PAGES_ROUTER_KINDS = new Set(["PAGES", "REDIRECT"]);
export const PAGES_ROUTER_TAGS = ["publications", "taxonomy"];

/** key → { value, lastModified, tags } in least-recently-used order (Map keeps insertion order). */
const entries = new Map();
/** tag → time it was last revalidated. */
const revalidatedAt = new Map();

function tagsOf(data, ctx) {
  const fromContext = Array.isArray(ctx?.tags) ? ctx.tags : [];
  const header = data?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  const fromKind = PAGES_ROUTER_KINDS.has(data?.kind) ? PAGES_ROUTER_TAGS : [];
  return [
    ...new Set([...fromContext, ...fromHeader, ...fromKind, ...(Array.isArray(ctx?.softTags) ? ctx.softTags : [])]),
  ];
}

export default class MemoryCacheHandler {
  async get(key, ctx) {
    const entry = entries.get(key);
    if (!entry) return null;
    const tags = [
      ...entry.tags,
      ...(Array.isArray(ctx?.softTags) ? ctx.softTags : []),
      ...(Array.isArray(ctx?.tags) ? ctx.tags : []),
    ];
    if (tags.some((tag) => (revalidatedAt.get(tag) ?? 0) >= entry.lastModified)) {
      entries.delete(key);
      return null;
    }
    entries.delete(key);
    entries.set(key, entry); // most recently used last
    return { value: entry.value, lastModified: entry.lastModified };
  }

  async set(key, data, ctx) {
    if (data === null) {
      entries.delete(key);
      return;
    }
    entries.delete(key);
    entries.set(key, { value: data, lastModified: Date.now(), tags: tagsOf(data, ctx) });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
  }

  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of [tags].flat()) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
}
