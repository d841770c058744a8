/**
 * Requests to the results page (/search) and GET /api/search, seen by the HTTP server
 * (server.ts) before Next.js and its page cache: each counts as a search for the staff
 * statistics, and a repeated results page is sent to its cached address (lib/search/requests.ts
 * says which). Registered by instrumentation.ts, which can load the app's code; the registry
 * lives on globalThis for the same reason as direct-routes.mjs. Imports nothing but the log.
 */
import { log } from "../log.mjs";

const REGISTRY = Symbol.for("quire.searchRequests");

/** @typedef {(method: string, url: string) => string} SearchRouter */

/** @returns {{ router: SearchRouter | null }} */
function registry() {
  const holder = /** @type {Record<symbol, { router: SearchRouter | null } | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  return (holder[REGISTRY] ??= { router: null });
}

/** @param {SearchRouter} router */
export function registerSearchRouter(router) {
  registry().router = router;
}

const SEARCH_PATHS = new Set(["/search", "/api/search"]);

/**
 * The address Next.js should answer a request at: a search's own, counted; or, for a
 * results page to be served from the page cache, its cached address. Anything else as it came.
 * @param {string | undefined} method
 * @param {string} url the request target: a path with an optional query string
 * @returns {string}
 */
export function routeSearchRequest(method, url) {
  if (method !== "GET" && method !== "HEAD") return url;
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const router = registry().router;
  if (!router || !SEARCH_PATHS.has(path)) return url;
  try {
    return router(method, url);
  } catch (error) {
    log.error({ err: error }, "Routing a search failed");
    return url;
  }
}
