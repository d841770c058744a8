/**
 * Next.js's cache for rendered pages and cached data, kept in this process's memory only.
 *
 * Why not the default (memory backed by files under .next/cache): one build serves
 * databases that differ (npm start, the e2e server, benchmarks), and entries written
 * against one would be served for another after a restart. Here every server starts
 * empty and fills as pages are read; tags revalidated by content changes drop the entries
 * that carry them. Several instances behind a load balancer would each keep their own
 * copy: with REDIS_URL, the shared store of redis-cache-handler.mjs is used instead
 * (cache-handler.mjs chooses).
 *
 * Bounded in bytes, not entries (PAGE_CACHE_MAX_BYTES, 256 MB by default): each entry is
 * sized when stored (its HTML, RSC payload and data), and the least recently used go first
 * when a new one would pass the limit. Answers that are errors (a 404 under an address a
 * visitor made up) are never stored, so nobody can fill the cache with addresses of their
 * own invention: pages that take a key from the URL answer 404 for unknown keys.
 */
import { createRequire } from "node:module";
import { parseByteSize } from "../byte-size.mjs";
import { frameworkScriptHashes, SCRIPT_HASHES_HEADER } from "../http/content-security-policy.mjs";
import { tagsForPath } from "./tags.mjs";

/** PAGE_CACHE_MAX_BYTES when unset (an invalid value stops the server at boot: lib/env.ts). */
export const DEFAULT_PAGE_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Rendered pages and routes, keyed by their path. Next.js tags App Router pages with the
 * tags of the reads they made, but Pages Router pages (the publication page) and their
 * redirects get none: every page also takes its route's tags from lib/cache/tags.mjs.
 */
const PAGE_KINDS = new Set(["APP_PAGE", "APP_ROUTE", "PAGES", "REDIRECT"]);

/** The framework's own error pages: fixed addresses, rendered once like any static page. */
const ERROR_PAGE_PATHS = new Set(["/_not-found", "/_error", "/_global-error", "/404", "/500"]);

/** What an entry costs beyond its contents (the Map slot, the entry object, its tag list). */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Next.js also remembers the lifetime of every page it hands to this handler, in a map of
 * its own (SharedCacheControls.cacheControls: one entry per key, never pruned). Keys this
 * handler refuses or lets go are forgotten there too, so that map is bounded by this one.
 * An internal of Next.js 16, found by feature detection: should an upgrade move it, only
 * this pruning is lost.
 * @type {Map<string, unknown> | null}
 */
const frameworkLifetimes = (() => {
  try {
    const { SharedCacheControls } = createRequire(import.meta.url)(
      "next/dist/server/lib/incremental-cache/shared-cache-controls.external.js",
    );
    return SharedCacheControls?.cacheControls instanceof Map ? SharedCacheControls.cacheControls : null;
  } catch {
    return null;
  }
})();

/** @param {string} key */
function forgetLifetime(key) {
  frameworkLifetimes?.delete(key);
}

/**
 * Entries by key in least-recently-used order (a Map keeps insertion order: a read moves
 * its entry to the end), with their total size kept within `maxBytes`.
 */
export class PageCacheStore {
  /** @param {number} maxBytes */
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    /** @type {Map<string, { value: unknown; lastModified: number; tags: string[]; bytes: number }>} */
    this.entries = new Map();
  }

  /** @param {string} key */
  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  /**
   * Stores the entry, then drops the least recently used until the total fits. An entry
   * larger than the whole cache is not stored.
   * @param {string} key
   * @param {{ value: unknown; lastModified: number; tags: string[] }} entry
   */
  set(key, entry) {
    this.delete(key);
    const bytes = ENTRY_OVERHEAD_BYTES + sizeOf(key) + sizeOf(entry.tags) + sizeOf(entry.value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { ...entry, bytes });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** @param {string} key */
  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    forgetLifetime(key);
  }
}

const TWO_BYTE = /[^\u0000-\u00ff]/;

/**
 * Roughly what a value holds in memory: strings by their length (twice that when a
 * character needs two bytes), buffers by their length, plus a little for every object,
 * property and element. Cached values are plain data (strings, buffers, maps, arrays,
 * objects), so this walks them once when stored.
 * @param {unknown} value
 * @param {number} [depth]
 * @returns {number}
 */
export function sizeOf(value, depth = 0) {
  // V8 keeps a string in one byte per character while every character fits, two otherwise.
  if (typeof value === "string") return 16 + (TWO_BYTE.test(value) ? 2 : 1) * value.length;
  if (value === null || typeof value !== "object") return 8;
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  if (value instanceof ArrayBuffer) return 64 + value.byteLength;
  if (depth > 64) return 64;
  let size = 64;
  if (value instanceof Map) {
    for (const [key, item] of value) size += 16 + sizeOf(key, depth + 1) + sizeOf(item, depth + 1);
  } else if (value instanceof Set || Array.isArray(value)) {
    for (const item of value) size += 8 + sizeOf(item, depth + 1);
  } else {
    for (const [key, item] of Object.entries(value)) size += 16 + key.length + sizeOf(item, depth + 1);
  }
  return size;
}

const store = new PageCacheStore(parseByteSize(process.env.PAGE_CACHE_MAX_BYTES ?? "") ?? DEFAULT_PAGE_CACHE_MAX_BYTES);
/** tag → time it was last revalidated. */
const revalidatedAt = new Map();

/**
 * What the cache holds now: for tests and benchmarks in the server's own process (a
 * preloaded module reads it over the IPC channel of a spawned server); nothing serves it.
 */
export function pageCacheStats() {
  return {
    entries: store.entries.size,
    bytes: store.bytes,
    maxBytes: store.maxBytes,
    keys: [...store.entries.keys()],
    /** Entries in Next.js's own map of page lifetimes (null if not found). */
    frameworkLifetimes: frameworkLifetimes?.size ?? null,
  };
}

/**
 * The path a page's key stands for. Next.js keys rendered routes as
 * `/route-cache/<kind>/<hash of the route's source>/$<path>` ("/index" for the home page),
 * and data reads by a hash of their arguments.
 * @param {string} key
 */
export function routePath(key) {
  const match = /^\/route-cache\/[A-Z_]+\/[0-9a-f]+\/\$(\/.*)$/.exec(key);
  return match ? match[1] : key;
}

/**
 * An entry's tags: those Next.js gave it, and its route's (tagsForPath). Shared with the
 * Redis handler, as are isErrorAnswer and withScriptHashes.
 * @param {string} key
 * @param {any} data
 * @param {any} ctx
 * @returns {string[]}
 */
export function tagsOf(key, data, ctx) {
  const fromContext = Array.isArray(ctx?.tags) ? ctx.tags : [];
  const header = data?.headers?.["x-next-cache-tags"];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  const fromRoute = PAGE_KINDS.has(data?.kind) ? tagsForPath(routePath(key)) : [];
  const soft = Array.isArray(ctx?.softTags) ? ctx.softTags : [];
  return [...new Set([...fromContext, ...fromHeader, ...fromRoute, ...soft])];
}

/** A page or route that answered with an error: kept only for the framework's fixed error pages. */
export function isErrorAnswer(key, data) {
  return (
    PAGE_KINDS.has(data?.kind) &&
    typeof data.status === "number" &&
    data.status >= 400 &&
    !ERROR_PAGE_PATHS.has(routePath(key))
  );
}

/**
 * The page's framework scripts, hashed once for its Content-Security-Policy
 * (lib/http/content-security-policy.mjs). Next.js sends an App Router page's stored
 * headers with it, on this first response as on every hit.
 * @param {any} data
 */
export function withScriptHashes(data) {
  if (data?.kind === "APP_PAGE" && typeof data.html === "string") {
    data.headers = { ...data.headers, [SCRIPT_HASHES_HEADER]: frameworkScriptHashes(data.html).join(" ") };
  }
  return data;
}

export default class MemoryCacheHandler {
  async get(key, ctx) {
    const entry = store.get(key);
    if (!entry) return null;
    const tags = [
      ...entry.tags,
      ...(Array.isArray(ctx?.softTags) ? ctx.softTags : []),
      ...(Array.isArray(ctx?.tags) ? ctx.tags : []),
    ];
    if (tags.some((tag) => (revalidatedAt.get(tag) ?? 0) >= entry.lastModified)) {
      store.delete(key);
      return null;
    }
    return { value: entry.value, lastModified: entry.lastModified };
  }

  async set(key, data, ctx) {
    // null: a Pages Router page that answered notFound; neither it nor an error page is kept.
    if (data === null || isErrorAnswer(key, data)) {
      store.delete(key);
      forgetLifetime(key);
      return;
    }
    withScriptHashes(data);
    store.set(key, { value: data, lastModified: Date.now(), tags: tagsOf(key, data, ctx) });
  }

  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of [tags].flat()) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
}
