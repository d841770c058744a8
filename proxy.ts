import { NextResponse, type NextRequest } from "next/server";
import { archiveQueryKey, parseArchiveQuery } from "@/lib/validations/archive";
import { searchParamsRecord } from "@/lib/validations/common";
import { eventsQueryKey, parseEventsQuery } from "@/lib/validations/events-listing";

/**
 * The archive's filters arrive as a query string, which would make /publications render
 * on every request. Rewriting it (invisibly: the address bar keeps the query string) to
 * /publications/view/<canonical query> lets each filter set and page be rendered once and
 * served from cache. Not a security boundary: nothing here checks who is asking.
 *
 * Running a proxy costs about as much as serving the cached page, so the commonest
 * addresses skip it: /publications and /publications?page=N alone are rewritten by
 * next.config.js. Anything else without a filter (page=1, page=abc) is rendered by
 * /publications itself.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/events") return eventsRewrite(request);
  const key = archiveQueryKey(parseArchiveQuery(searchParamsRecord(request.nextUrl.searchParams)));
  return NextResponse.rewrite(new URL(`/publications/view/${key}`, request.url));
}

/**
 * /events?topic=…&year=…&page=… the same way, to /events/view/<canonical key>; a value that
 * cannot be one (a year that is no year) goes to a key that answers 404.
 */
function eventsRewrite(request: NextRequest) {
  const query = parseEventsQuery(searchParamsRecord(request.nextUrl.searchParams));
  return NextResponse.rewrite(new URL(`/events/view/${query ? eventsQueryKey(query) : "invalid"}`, request.url));
}

// One entry per filter: FILTER_KEYS (lib/validations/archive-filters.mjs), spelled out because
// Next.js reads the matcher without running code; tests/archive-filters.test.ts holds them equal.
export const config = {
  matcher: [
    { source: "/publications", has: [{ type: "query", key: "type" }] },
    { source: "/publications", has: [{ type: "query", key: "category" }] },
    { source: "/publications", has: [{ type: "query", key: "author" }] },
    { source: "/publications", has: [{ type: "query", key: "series" }] },
    { source: "/publications", has: [{ type: "query", key: "year" }] },
    // EVENTS_FILTER_KEYS (lib/validations/events-listing.ts)
    { source: "/events", has: [{ type: "query", key: "topic" }] },
    { source: "/events", has: [{ type: "query", key: "year" }] },
    { source: "/events", has: [{ type: "query", key: "page" }] },
  ],
};
