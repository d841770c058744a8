import { z } from "zod";
import { notFoundResponse, PUBLIC_CACHE_CONTROL } from "@/lib/feeds/respond";
import { buildUrlset, getSitemapPart } from "@/lib/feeds/sitemap";

export const dynamic = "force-dynamic"; // read at request time: see feedResponse

/** "0.xml", "1.xml", …: the part's number. */
const partSchema = z
  .string()
  .regex(/^\d{1,6}\.xml$/)
  .transform((part) => Number.parseInt(part, 10));

/** One part of the sitemap, /sitemap/N.xml; a 404 past the last part or for anything else. */
export async function GET(_request: Request, { params }: { params: Promise<{ part: string }> }) {
  const parsed = partSchema.safeParse((await params).part);
  if (!parsed.success) return notFoundResponse();
  const entries = await getSitemapPart(parsed.data);
  // Part 0 always exists (it starts with the home page); a later one only if it has URLs.
  if (entries.length === 0) return notFoundResponse();
  return new Response(buildUrlset(entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": PUBLIC_CACHE_CONTROL },
  });
}
