import { NextResponse } from "next/server";
import { searchSite } from "@/lib/search";
import { parseSearchParams } from "@/lib/search/query";
import { searchParamsRecord } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

/**
 * GET /api/search?q=…&type=…&category=…&author=…&series=…&year=…&sort=…&page=… → the
 * results /search shows, as JSON: total, facets with counts, hits with highlighted
 * snippets, "did you mean". Same parameters as the page; bad values are dropped, never a
 * 500. Counted in the search statistics as the page is (server.ts, lib/search/search-log.ts). The Server-Timing header says how long the search took on the server.
 */
export async function GET(request: Request) {
  const searchRequest = parseSearchParams(searchParamsRecord(new URL(request.url).searchParams));
  const started = performance.now();
  try {
    const results = await searchSite(searchRequest);
    return NextResponse.json(results, {
      headers: {
        "Cache-Control": "no-store",
        "Server-Timing": `search;dur=${(performance.now() - started).toFixed(1)}`,
      },
    });
  } catch (error) {
    console.error(`Search failed: ${error instanceof Error ? error.message : String(error)}`);
    return NextResponse.json(
      { error: "Search is unavailable just now." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
