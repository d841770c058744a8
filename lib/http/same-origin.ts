/**
 * State-changing route handlers accept only requests from the site's own pages: the
 * browser's Origin header (or, lacking it, the Referer) must match SITE_URL. Server
 * actions get the same check from Next.js.
 */
export function isSameOrigin(request: Request, siteUrl: string): boolean {
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

/** A small HTML page for a form post that failed: the status says what kind of failure, the text what to do. */
export function formProblem(status: number, message: string, backHref: string): Response {
  const escaped = message.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not done</title></head><body><main><h1>Not done</h1><p role="alert">${escaped}</p><p><a href="${backHref}">Back</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
