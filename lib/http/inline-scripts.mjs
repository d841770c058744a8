/**
 * Inline scripts the app renders on purpose, outside the framework (the publication
 * page's enhancements, components/public/inline-enhancements.tsx). Each is registered
 * here when its module loads; the HTTP server (server.ts) lists their SHA-256 hashes in
 * every page's Content-Security-Policy (lib/http/content-security-policy.mjs).
 *
 * The set lives on globalThis because the server and the app load this file separately
 * (the app's copy is bundled by Next.js) in the same process. No imports: it is bundled
 * for the browser too, where registering does nothing useful and costs nothing.
 */

const REGISTRY = Symbol.for("quire.allowedInlineScripts");

/** @returns {Set<string>} */
function registry() {
  const holder = /** @type {Record<symbol, Set<string> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (holder[REGISTRY] ??= new Set());
}

/**
 * Allows `source` as an inline script on every page; returns it unchanged.
 * @param {string} source
 * @returns {string}
 */
export function allowInlineScript(source) {
  registry().add(source);
  return source;
}

/** @returns {ReadonlySet<string>} */
export function allowedInlineScripts() {
  return registry();
}
