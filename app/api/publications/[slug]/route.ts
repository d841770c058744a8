import { NextResponse } from "next/server";
import { z } from "zod";
import type { PublicationPageData, PublicationPageMissing } from "@/lib/data/publication-page";
import { getPublishedPublication, getRedirect, getRelatedPublications } from "@/lib/data/publications";
import { getSignupTopics } from "@/lib/subscribers/topics";

export const dynamic = "force-dynamic";

const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

/**
 * GET /api/publications/[slug]: a published publication with its related reading and the
 * signup box's topics (what its public page shows), or 404 `{ message, movedTo? }`. Only
 * published content, from the same cached reads as the other public pages.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const headers = { "Cache-Control": "no-store" };
  const slug = slugSchema.safeParse((await params).slug);
  const publication = slug.success ? await getPublishedPublication(slug.data) : null;
  if (!publication) {
    const movedTo = slug.success ? await getRedirect(`/publications/${slug.data}`) : null;
    const missing: PublicationPageMissing = {
      message: "No published publication has this address.",
      ...(movedTo && { movedTo }),
    };
    return NextResponse.json(missing, { status: 404, headers });
  }
  const [related, signupTopics] = await Promise.all([getRelatedPublications(publication.id), getSignupTopics()]);
  const data: PublicationPageData = { publication, related, signupTopics };
  return NextResponse.json(data, { headers });
}
