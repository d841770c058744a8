import { NextResponse } from "next/server";
import { loadPublicationPage, type PublicationPageLookup } from "@/lib/data/publication-page";
import { db } from "@/lib/db";
import { slugSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

/**
 * GET /api/publications/[slug]: a published publication with its related reading and the
 * signup box's topics (what its public page shows), or 404 `{ message, movedTo? }`. Only
 * published content.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const headers = { "Cache-Control": "no-store" };
  const slug = slugSchema.safeParse((await params).slug);
  const lookup: PublicationPageLookup = slug.success ? await loadPublicationPage(db, slug.data) : { found: false };
  if (!lookup.found) {
    const missing = {
      message: "No published publication has this address.",
      ...(lookup.movedTo && { movedTo: lookup.movedTo }),
    };
    return NextResponse.json(missing, { status: 404, headers });
  }
  return NextResponse.json(lookup.data, { headers });
}
