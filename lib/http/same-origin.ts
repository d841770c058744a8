import "server-only";
import { env } from "@/lib/env";

/**
 * State-changing route handlers accept only requests from the site's own pages: the
 * browser's Origin header (or, lacking it, the Referer) must match SITE_URL's origin.
 * Browsers send Origin on cross-site POSTs and fetch POSTs, so a request with neither is
 * refused too (cross-site request forgery). Server actions get the same check from Next.js.
 */
export function isSameOrigin(request: Request, siteUrl: string = env.SITE_URL): boolean {
  const expected = new URL(siteUrl).origin;
  const origin = request.headers.get("origin");
  if (origin) return origin === expected;
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}

export const CROSS_ORIGIN_MESSAGE = "This request did not come from this site's pages.";

/** A small HTML page for a form post that failed: the status says what kind of failure, the text what to do. */
export function formProblem(status: number, message: string, backHref: string): Response {
  const escaped = message.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not done</title></head><body><main><h1>Not done</h1><p role="alert">${escaped}</p><p><a href="${backHref}">Back</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
