import { NextResponse, type NextRequest } from "next/server";
import { archiveQueryKey, parseArchiveQuery } from "@/lib/validations/archive";

/**
 * The archive's filters arrive as a query string, which would make /publications render
 * on every request. Rewriting it (invisibly: the address bar keeps the query string) to
 * /publications/view/<canonical query> lets each filter set and page be rendered once and
 * served from cache. Not a security boundary: nothing here checks who is asking.
 */
export function proxy(request: NextRequest) {
  const searchParams: Record<string, string[]> = {};
  for (const [name, value] of request.nextUrl.searchParams) (searchParams[name] ??= []).push(value);
  const key = archiveQueryKey(parseArchiveQuery(searchParams));
  return NextResponse.rewrite(new URL(`/publications/view/${key}`, request.url));
}

export const config = { matcher: "/publications" };
