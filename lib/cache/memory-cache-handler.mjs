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
import { frameworkScriptHashes, SCRIPT_HASHES_HEADER } from "../http/content-security-policy.mjs";
import { tagsForPath } from "./tags.mjs";

const MAX_ENTRIES = 20_000;

/**
 * Rendered pages and routes, keyed by their path. Next.js tags App Router pages with the
 * tags of the reads they made, but Pages Router pages (the publication page) and their
 * redirects get none: every page also takes its route's tags from lib/cache/tags.mjs.
 */
const PAGE_KINDS = new Set(["APP_PAGE", "APP_ROUTE", "PAGES", "REDIRECT"]);

/** key → { value, lastModified, tags } in least-recently-used order (Map keeps insertion order). */
const entries = new Map();
/** tag → time it was last revalidated. */
const revalidatedAt = new Map();

function tagsOf(key, data, ctx) {
  const fromContext = Array.isArray(ctx?.tags) ? ctx.tags : [];
  const header = data?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  const fromRoute = PAGE_KINDS.has(data?.kind) ? tagsForPath(key) : [];
  const soft = Array.isArray(ctx?.softTags) ? ctx.softTags : [];
  return [...new Set([...fromContext, ...fromHeader, ...fromRoute, ...soft])];
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
    // The page's framework scripts, hashed once for its Content-Security-Policy
    // (lib/http/content-security-policy.mjs). Next.js sends an App Router page's stored
    // headers with it, on this first response as on every hit.
    if (data.kind === "APP_PAGE" && typeof data.html === "string") {
      data.headers = { ...data.headers, [SCRIPT_HASHES_HEADER]: frameworkScriptHashes(data.html).join(" ") };
    }
    entries.delete(key);
    entries.set(key, { value: data, lastModified: Date.now(), tags: tagsOf(key, data, ctx) });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
  }

  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of [tags].flat()) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
}
