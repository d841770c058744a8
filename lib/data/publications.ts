import "server-only";
import { db } from "@/lib/db";

/** What a listing needs of a publication, and nothing more (no bodies). */
const listItemSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  publishedAt: true,
  type: { select: { name: true, slug: true } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true, slug: true } } } },
} as const;

export async function getLatestPublications(limit: number) {
  return db.publication.findMany({
    where: { status: "PUBLISHED", deletedAt: null },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: listItemSelect,
  });
}

export type PublicationListItem = Awaited<ReturnType<typeof getLatestPublications>>[number];

export async function countPublishedPublications() {
  return db.publication.count({ where: { status: "PUBLISHED", deletedAt: null } });
}

export async function getPublishedPublication(slug: string) {
  return db.publication.findFirst({
    where: { slug, status: "PUBLISHED", deletedAt: null },
    select: {
      ...listItemSelect,
      bodyHtml: true,
      wordCount: true,
      featuredImageCaption: true,
      featuredImageCredit: true,
      series: { select: { name: true, slug: true } },
      categories: { select: { category: { select: { name: true, slug: true } } } },
      authors: {
        orderBy: { position: "asc" },
        select: { author: { select: { name: true, slug: true, title: true, affiliation: true } } },
      },
    },
  });
}
