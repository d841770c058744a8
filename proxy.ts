import { NextResponse, type NextRequest } from "next/server";
import { archiveQueryKey, parseArchiveQuery } from "@/lib/validations/archive";
import { searchParamsRecord } from "@/lib/validations/common";
import { eventsQueryKey, parseEventsQuery } from "@/lib/validations/events-listing";
import { expertsRoute } from "@/lib/validations/experts";

/**
 * The archive's filters arrive as a query string, which would make /publications render
 * on every request. Rewriting it (invisibly: the address bar keeps the query string) to
 * /publications/view/<canonical query> lets each filter set and page be rendered once and
 * served from cache. Not a security boundary: nothing here checks who is asking.
 *
 * Running a proxy costs about as much as serving the cached page, so the commonest
 * addresses skip it: /publications and /publications?page=N alone (N from 2 to 99,999, as
 * archiveHref writes it) are rewritten by next.config.js. Any other page value without a
 * filter (page=1, page=abc, page=02) comes here and goes to the key of the page it means
 * ("all" for page 1): no route renders /publications itself.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/experts") return experts(request);
  if (request.nextUrl.pathname === "/events") return eventsRewrite(request);
  const key = archiveQueryKey(parseArchiveQuery(searchParamsRecord(request.nextUrl.searchParams)));
  return NextResponse.rewrite(new URL(`/publications/view/${key}`, request.url));
}

/**
 * The experts directory the same way: /experts?topic=…&language=… to its cached view
 * (lib/validations/experts.ts). A name search (q) is free text, rendered by /experts itself.
 */
function experts(request: NextRequest) {
  const route = expertsRoute(searchParamsRecord(request.nextUrl.searchParams));
  if (route.search) return NextResponse.next();
  return NextResponse.rewrite(new URL(`/experts/view/${route.key}`, request.url));
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
    // A page number other than those next.config.js rewrites (its pattern, spelled the same).
    {
      source: "/publications",
      has: [{ type: "query", key: "page" }],
      missing: [{ type: "query", key: "page", value: "(?:[2-9]|[1-9][0-9]{1,4})" }],
    },
    // The experts directory's filters and name search (EXPERT_FILTER_KEYS and q).
    { source: "/experts", has: [{ type: "query", key: "topic" }] },
    { source: "/experts", has: [{ type: "query", key: "language" }] },
    { source: "/experts", has: [{ type: "query", key: "q" }] },
    // EVENTS_FILTER_KEYS (lib/validations/events-listing.ts)
    { source: "/events", has: [{ type: "query", key: "topic" }] },
    { source: "/events", has: [{ type: "query", key: "year" }] },
    { source: "/events", has: [{ type: "query", key: "page" }] },
  ],
};
