import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { escapeXml } from "./build";
import { publicWhere } from "@/lib/data/visibility";
import { publicationHref } from "@/lib/format/paths";
import { absoluteUrl } from "./query";

/*
 * The sitemap: an index at /sitemap.xml and parts at /sitemap/0.xml, /sitemap/1.xml, …
 * of at most 50,000 URLs each. Plain route handlers rather than app/sitemap.ts with
 * generateSitemaps, which Next 16 cannot pair with an index at /sitemap.xml ("Conflicting
 * route and metadata at /sitemap.xml") and which queries the database during `next build`.
 */

/** The sitemap protocol's limit of URLs per file. */
export const URLS_PER_SITEMAP = 50_000;

export type SitemapEntry = { url: string; lastModified?: Date };

/** Home, the archive, and every category, author and series page: they open part 0. */
async function listingPages(): Promise<SitemapEntry[]> {
  const slugOnly = { select: { slug: true }, orderBy: { slug: "asc" } } as const;
  const [categories, authors, series] = await Promise.all([
    db.category.findMany(slugOnly),
    db.author.findMany(slugOnly),
    db.series.findMany(slugOnly),
  ]);
  return [
    { url: absoluteUrl("/") },
    { url: absoluteUrl("/publications") },
    { url: absoluteUrl("/events") },
    ...categories.map(({ slug }) => ({ url: absoluteUrl(`/categories/${slug}`) })),
    ...authors.map(({ slug }) => ({ url: absoluteUrl(`/authors/${slug}`) })),
    ...series.map(({ slug }) => ({ url: absoluteUrl(`/series/${slug}`) })),
  ];
}

/** How many parts the sitemap has: the listing pages, then every visible publication. */
export async function countSitemapParts(): Promise<number> {
  const [listings, publicationCount] = await Promise.all([
    listingPages(),
    db.publication.count({ where: publicWhere() }),
  ]);
  return Math.max(1, Math.ceil((listings.length + publicationCount) / URLS_PER_SITEMAP));
}

/** Part `index` holds positions [index × 50,000, (index + 1) × 50,000) of: listing pages, then publications by id. */
export async function getSitemapPart(index: number): Promise<SitemapEntry[]> {
  const start = index * URLS_PER_SITEMAP;
  const allListings = await listingPages();
  const listings = allListings.slice(start, start + URLS_PER_SITEMAP);
  const where = publicWhere();
  const afterId = await idOfPublicationAt(Math.max(0, start - allListings.length), where);
  if (afterId === null) return listings;
  const publications = await db.publication.findMany({
    where: { ...where, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: URLS_PER_SITEMAP - listings.length,
    select: { slug: true, updatedAt: true, type: { select: { slug: true } } },
  });
  return [
    ...listings,
    ...publications.map(({ slug, updatedAt, type }) => ({
      url: absoluteUrl(publicationHref(slug, type.slug)),
      lastModified: updatedAt,
    })),
  ];
}

/**
 * The id of the position-th matching publication in id order (0 before the first), or
 * null when there are fewer. Walks in keyset hops of one part's worth (id > last id,
 * skipping at most 50,000 index entries), so a late part never OFFSETs over the table.
 */
async function idOfPublicationAt(position: number, where: Prisma.PublicationWhereInput): Promise<number | null> {
  let lastId = 0;
  for (let remaining = position; remaining > 0;) {
    const hop = Math.min(remaining, URLS_PER_SITEMAP);
    const row = await db.publication.findFirst({
      where: { ...where, id: { gt: lastId } },
      orderBy: { id: "asc" },
      skip: hop - 1,
      select: { id: true },
    });
    if (!row) return null;
    lastId = row.id;
    remaining -= hop;
  }
  return lastId;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

function sitemapPartPath(index: number): string {
  return `/sitemap/${index}.xml`;
}

export function buildSitemapIndex(partCount: number): string {
  const parts = Array.from(
    { length: partCount },
    (_, index) => `<sitemap><loc>${escapeXml(absoluteUrl(sitemapPartPath(index)))}</loc></sitemap>`,
  );
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NAMESPACE}">`, ...parts, "</sitemapindex>", ""].join("\n");
}

export function buildUrlset(entries: SitemapEntry[]): string {
  const urls = entries.map(({ url, lastModified }) => {
    const lastmod = lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : "";
    return `<url><loc>${escapeXml(url)}</loc>${lastmod}</url>`;
  });
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NAMESPACE}">`, ...urls, "</urlset>", ""].join("\n");
}
