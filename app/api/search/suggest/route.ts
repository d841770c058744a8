import { NextResponse } from "next/server";
import { z } from "zod";
import { searchEngine } from "@/lib/search";
import { cleanQuery } from "@/lib/search/query";

export const dynamic = "force-dynamic";

// Whatever arrives is cleaned and cut, never rejected: typing must not produce errors.
const querySchema = z.object({ q: z.string().transform(cleanQuery).catch("") });

/** GET /api/search/suggest?q=… → { query, suggestions: [{ kind, label, href }] } for search-as-you-type. */
export async function GET(request: Request) {
  const { q } = querySchema.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  try {
    const suggestions = await searchEngine.suggest(q);
    // Short-lived: typing back and forth reuses answers, new publications show within the minute.
    return NextResponse.json({ query: q, suggestions }, { headers: { "Cache-Control": "public, max-age=30" } });
  } catch (error) {
    console.error(`Search suggestions failed: ${error instanceof Error ? error.message : String(error)}`);
    return NextResponse.json(
      { error: "Suggestions are unavailable just now." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
