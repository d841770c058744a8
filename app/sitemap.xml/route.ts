import { PUBLIC_CACHE_CONTROL } from "@/lib/feeds/respond";
import { buildSitemapIndex, buildUrlset, countSitemapParts, getSitemapPart } from "@/lib/feeds/sitemap";

export const dynamic = "force-dynamic"; // read at request time: see feedResponse

/**
 * Every URL in one sitemap while they fit (50,000); past that, an index of the parts
 * served at /sitemap/N.xml (see lib/feeds/sitemap.ts).
 */
export async function GET() {
  const parts = await countSitemapParts();
  const xml = parts === 1 ? buildUrlset(await getSitemapPart(0)) : buildSitemapIndex(parts);
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": PUBLIC_CACHE_CONTROL },
  });
}
