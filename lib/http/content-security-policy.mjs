/**
 * The Content-Security-Policy of every response, and the security headers sent with it.
 * Plain JavaScript with JSDoc types: the page cache handler (lib/cache/memory-cache-handler.mjs)
 * uses it at run time without compilation, as does the HTTP server (server.ts).
 *
 * Scripts. No page may run an inline script the server did not mean to send, so no
 * 'unsafe-inline'. The server gives every request a fresh nonce (passed to Next.js in a
 * request header, which puts it on each script the framework renders); a page rendered
 * for this request is covered by it. A public page served from the page cache was
 * rendered for an earlier request, so its framework scripts carry that request's nonce:
 * when the page enters the cache the handler hashes exactly those scripts (the ones
 * bearing the nonce the framework used, read from the framework's own script tags) and
 * stores the hashes with the page (SCRIPT_HASHES_HEADER); the server lists them in the
 * policy. A script that found its way into the content (stored cross-site scripting) has
 * no such nonce, so it is neither hashed nor run. Hashing happens once per cached page,
 * never per request, and no public page is rendered dynamically for it.
 * Scripts the app renders itself outside the framework register their source
 * (lib/http/inline-scripts.mjs) and are allowed by hash on every page.
 *
 * Staff pages (/admin, /login) are always rendered per request: their policy is the
 * strictest, 'strict-dynamic' with the nonce only (no host allowlist).
 */
import { createHash } from "node:crypto";
import { allowedInlineScripts } from "./inline-scripts.mjs";

/** Response header by which the cache handler hands a cached page's script hashes to the server (never sent). */
export const SCRIPT_HASHES_HEADER = "x-quire-script-hashes";

/** Where the editor's and the articles' video players come from (lib/content/video.ts). */
const FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

/** Powerful browser features no page of the site uses, denied to the page and every frame in it. */
const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/**
 * @param {string} source
 * @returns {string} the CSP hash source of an inline script: 'sha256-…'
 */
export function scriptHash(source) {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const NONCE_ATTRIBUTE = /\snonce="([^"]+)"/;
const FRAMEWORK_SOURCE = /\ssrc="\/_next\//;

/**
 * The hash sources of the inline scripts the framework rendered into `html`: those bearing
 * the nonce found on the framework's own script files (/_next/…). Empty when there is none.
 * @param {string} html
 * @returns {string[]}
 */
export function frameworkScriptHashes(html) {
  let nonce = null;
  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const attributes = match[1] ?? "";
    if (FRAMEWORK_SOURCE.test(attributes)) {
      nonce = NONCE_ATTRIBUTE.exec(attributes)?.[1] ?? null;
      break;
    }
  }
  if (!nonce) return [];
  const hashes = new Set();
  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const attributes = match[1] ?? "";
    if (/\ssrc=/.test(attributes)) continue;
    if (NONCE_ATTRIBUTE.exec(attributes)?.[1] !== nonce) continue;
    hashes.add(scriptHash(match[2] ?? ""));
  }
  return [...hashes];
}

/** The registered inline scripts' hash sources, as policy text, recomputed only when one is added. */
let registered = { count: -1, sources: "" };

/** @returns {string} " 'sha256-…' 'sha256-…'" (a leading space each), or "" */
function registeredScriptSources() {
  const scripts = allowedInlineScripts();
  if (registered.count !== scripts.size) {
    registered = { count: scripts.size, sources: [...scripts].map((source) => ` ${scriptHash(source)}`).join("") };
  }
  return registered.sources;
}

/** The directives after script-src, the same for every page of a server: built once. */
const directivesAfterScripts = new Map();

/**
 * @param {boolean} dev
 * @param {boolean} https
 * @returns {string}
 */
function otherDirectives(dev, https) {
  const key = `${dev}:${https}`;
  let text = directivesAfterScripts.get(key);
  if (text === undefined) {
    const directives = [
      // Style attributes (React's style={…}) and the editor's injected styles; CSS cannot run script.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      "font-src 'self' data:",
      "media-src 'self' https:",
      `connect-src 'self'${dev ? " ws: wss:" : ""}`,
      `frame-src ${FRAME_SOURCES.join(" ")}`,
      "worker-src 'self' blob:",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ];
    if (https) directives.push("upgrade-insecure-requests");
    text = directives.join("; ");
    directivesAfterScripts.set(key, text);
  }
  return text;
}

/**
 * @typedef {object} PolicyOptions
 * @property {string} nonce this request's nonce
 * @property {string} [hashes] hash sources of a cached page's framework scripts, space-separated
 * @property {boolean} staff a staff page (/admin, /login): nonce and 'strict-dynamic' only
 * @property {boolean} dev `next dev`, whose React needs eval and whose reloads use a WebSocket
 * @property {boolean} https the site is served over https (SITE_URL)
 */

/**
 * The policy of an HTML page (built per response, so kept to string concatenation).
 * @param {PolicyOptions} options
 * @returns {string}
 */
export function documentPolicy({ nonce, hashes = "", staff, dev, https }) {
  const scripts = staff
    ? `'nonce-${nonce}' 'strict-dynamic'`
    : `'self' 'nonce-${nonce}'${hashes ? ` ${hashes}` : ""}${registeredScriptSources()}`;
  return `default-src 'self'; script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}; ${otherDirectives(dev, https)}`;
}

/**
 * The policy of anything that is not a page (JSON, feeds, images, files): nothing may load
 * or run in it, nor may it be framed. A PDF keeps what the browser's viewer needs.
 * @param {string | undefined} contentType
 * @returns {string}
 */
export function resourcePolicy(contentType) {
  if (contentType?.startsWith("application/pdf")) return "frame-ancestors 'none'";
  return "default-src 'none'; frame-ancestors 'none'";
}

/**
 * Headers every response carries, whatever it is.
 * @param {{ https: boolean }} options
 * @returns {Array<[string, string]>}
 */
export function securityHeaders({ https }) {
  /** @type {Array<[string, string]>} */
  const headers = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  if (https) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}

/**
 * Whether a path is a staff page (always rendered per request).
 * @param {string} pathname
 * @returns {boolean}
 */
export function isStaffPath(pathname) {
  return (
    pathname === "/admin" || pathname.startsWith("/admin/") || pathname === "/login" || pathname.startsWith("/login/")
  );
}
