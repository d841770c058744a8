/**
 * Old addresses of a site moved from WordPress (`/?p=123`, `/2023/12/01/slug/`,
 * `/category/asia/`, `/wp-content/uploads/…`) answered 301 by the HTTP server (server.ts)
 * before Next.js, from the Redirect rows the import wrote. Only requests shaped like a
 * WordPress address pay for the lookup; an unknown one goes on to Next.js (and its 404).
 *
 * The lookup is registered by instrumentation.ts (it reads the database through the app's
 * client); the registry lives on globalThis for the same reason as direct-routes.mjs. No imports.
 */

const REGISTRY = Symbol.for("quire.legacyRedirects");

/** The query parameters WordPress routes by on its home address. */
export const WORDPRESS_QUERY_KEYS = ["p", "page_id", "attachment_id", "cat", "tag", "author", "feed"];

/** First segments of WordPress's pretty permalinks for archives and files. */
const LEGACY_PREFIX = /^\/(?:category|tag|author|feed|wp-content\/uploads|\d{4}\/\d{2})(?:\/|$)/;

/**
 * The key an old address is stored under in Redirect.fromPath: its path without a trailing
 * slash, or on the home path the one query parameter WordPress routes by ("/?p=123").
 * null when it is not an address an import records.
 * @param {string} pathAndQuery
 * @returns {string | null}
 */
export function legacyKey(pathAndQuery) {
  let url;
  try {
    url = new URL(pathAndQuery, "http://old.invalid");
  } catch {
    return null;
  }
  let path = url.pathname;
  if (path.length > 1) path = path.replace(/\/+$/, "") || "/";
  if (path === "/" || path === "/index.php") {
    for (const key of WORDPRESS_QUERY_KEYS) {
      const value = url.searchParams.get(key);
      if (value)
        return value.length <= 200 && !/[\ud800-\udfff]/.test(value) ? `/?${key}=${encodeURIComponent(value)}` : null;
    }
    return null;
  }
  return path.slice(0, 1000);
}

/**
 * Whether a request is shaped like an old WordPress address worth a lookup: the home path
 * with one of WordPress's query parameters, a WordPress archive or upload path, or any path
 * ending in a slash (WordPress's permalinks do; Quire's never do).
 * @param {string | undefined} method
 * @param {string} url
 */
export function isLegacyCandidate(method, url) {
  if (method !== "GET" && method !== "HEAD") return false;
  if (url.length > 2000 || url.startsWith("/_next/")) return false;
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path === "/" || path === "/index.php") {
    if (queryStart === -1) return false;
    const query = url.slice(queryStart + 1);
    return WORDPRESS_QUERY_KEYS.some((key) => query.startsWith(`${key}=`) || query.includes(`&${key}=`));
  }
  return LEGACY_PREFIX.test(path) || (path.length > 1 && path.endsWith("/"));
}

/** @typedef {(fromPath: string) => Promise<{ toPath: string; statusCode: number } | null>} LegacyLookup */

/** @returns {{ lookup?: LegacyLookup }} */
function registry() {
  const holder = /** @type {Record<symbol, { lookup?: LegacyLookup } | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  return (holder[REGISTRY] ??= {});
}

/** @param {LegacyLookup} lookup */
export function registerLegacyRedirectLookup(lookup) {
  registry().lookup = lookup;
}

/**
 * Where an old address moved, or null (no lookup registered, not an old address, unknown).
 * @param {string | undefined} method
 * @param {string} url
 */
export async function legacyRedirectFor(method, url) {
  const lookup = registry().lookup;
  if (!lookup || !isLegacyCandidate(method, url)) return null;
  const key = legacyKey(url);
  return key ? lookup(key) : null;
}
