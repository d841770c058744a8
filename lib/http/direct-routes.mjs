/**
 * Route handlers the HTTP server (server.ts) calls itself, without Next.js's request
 * pipeline in between: for endpoints whose cost is mostly that pipeline and that must take
 * a flood (POST /api/subscribe, which forms on other sites post to). The handler is the
 * route's own exported function, registered when the app starts (instrumentation.ts), so
 * the route answers the same whichever way a request reaches it.
 *
 * The registry lives on globalThis because the server and the app load this file separately
 * (the app's copy is bundled by Next.js) in the same process. No imports.
 */

const REGISTRY = Symbol.for("quire.directRoutes");

/** @typedef {(request: Request) => Promise<Response>} DirectHandler */

/** @returns {Map<string, DirectHandler>} */
function registry() {
  const holder = /** @type {Record<symbol, Map<string, DirectHandler> | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  return (holder[REGISTRY] ??= new Map());
}

/**
 * Has the server answer `method path` (exact path, any query string) with `handler`.
 * @param {string} method
 * @param {string} path
 * @param {DirectHandler} handler
 */
export function registerDirectRoute(method, path, handler) {
  registry().set(`${method.toUpperCase()} ${path}`, handler);
}

/**
 * The handler registered for a request line, if any.
 * @param {string | undefined} method
 * @param {string} url the request target: a path with an optional query string
 * @returns {DirectHandler | undefined}
 */
export function directRouteFor(method, url) {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  return registry().get(`${method ?? "GET"} ${path}`);
}
