/**
 * GET /authors: the directory of the institute's people replaced the list of authors
 * (DESIGN.md), so the old address answers 308 to /experts. A route handler rather than a
 * next.config.js redirect, which would copy any query string into Location: a made-up
 * query of any length would come back as a header too long for clients to read.
 */
export function GET() {
  return new Response(null, {
    status: 308,
    headers: { Location: "/experts", "Cache-Control": "public, max-age=3600" },
  });
}
