/**
 * The front cache (Varnish, or a CDN) in front of the app servers: which tags a public
 * response carries, so the front can drop exactly the pages a change touched, and the
 * purge itself. Plain JavaScript: server.ts and the cache handler (loaded by Next.js at
 * run time) both use it.
 *
 * A response's tags are its route's (tagsForPath in tags.mjs, the same the page cache
 * stores it under), sent three ways: `xkey` (Varnish's xkey module, deploy/varnish/),
 * `Surrogate-Key` (Fastly and others) and `Cache-Tag` (Cloudflare, comma-separated).
 *
 * Purging: when FRONT_CACHE_PURGE_URL is set, every tag the page cache drops is then purged
 * at the front (a PURGE request with the tags in `xkey` and FRONT_CACHE_PURGE_TOKEN in
 * X-Purge-Token). It is sent after the shared page cache has dropped them, so a reader
 * arriving in between cannot put the old page back at the front.
 */
import { log } from "../log.mjs";
import { tagsForPath } from "./tags.mjs";

export const PURGE_TOKEN_HEADER = "x-purge-token";

/**
 * The cache-tag headers of a GET or HEAD to `pathname` (none for what is never public).
 * @param {string} pathname
 * @returns {Array<[string, string]>}
 */
export function frontCacheTagHeaders(pathname) {
  const tags = tagsForPath(pathname === "/" ? "/index" : pathname).filter(isFrontTag);
  if (tags.length === 0) return [];
  return [
    ["xkey", tags.join(" ")],
    ["Surrogate-Key", tags.join(" ")],
    ["Cache-Tag", tags.join(",")],
  ];
}

/**
 * Tags the front knows: the app's own (Next.js's internal ones start with "_N_T_"), in
 * printable ASCII without space or comma, as slugs are, and no longer than a slug (200
 * characters) with its prefix. A tag made from a made-up address (`/publications/%E2%80%A8…`,
 * a slug of thousands of letters) is no page's and could not go in a header: left out.
 * @param {string} tag
 */
function isFrontTag(tag) {
  return /^[\x21-\x2b\x2d-\x7e]{1,240}$/.test(tag) && !tag.startsWith("_N_T_");
}

/**
 * Purges `tags` at the front when FRONT_CACHE_PURGE_URL is set (lib/env.ts validates it
 * and FRONT_CACHE_PURGE_TOKEN at boot). Tried twice; a front that still does not answer is
 * logged, not thrown: the change is saved and the shared cache dropped, and the front's
 * copies age out (s-maxage) — the log says which tags to purge by hand.
 * @param {readonly string[]} tags
 * @returns {Promise<void>}
 */
export async function purgeFrontCache(tags) {
  const url = process.env.FRONT_CACHE_PURGE_URL;
  const token = process.env.FRONT_CACHE_PURGE_TOKEN;
  if (!url || !token) return;
  const purged = [...new Set(tags)].filter(isFrontTag);
  if (purged.length === 0) return;
  let failure = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await fetch(url, {
        method: "PURGE",
        headers: { xkey: purged.join(" "), [PURGE_TOKEN_HEADER]: token },
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
      failure = `answered ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  log.error({ tags: purged, failure }, "Front cache purge failed");
}
