import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicSql, publicWhere } from "./visibility";

/** What a listing needs of a publication, and nothing more (no bodies). */
export const listItemSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  publishedAt: true,
  type: { select: { name: true, slug: true } },
  series: { select: { name: true, slug: true } },
  categories: { select: { category: { select: { name: true, slug: true } } } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true, slug: true } } } },
} satisfies Prisma.PublicationSelect;

export type PublicationListItem = Prisma.PublicationGetPayload<{ select: typeof listItemSelect }>;

const publicationSelect = {
  ...listItemSelect,
  bodyHtml: true,
  wordCount: true,
  createdAt: true,
  updatedAt: true,
  seoTitle: true,
  seoDescription: true,
  seoImageUrl: true,
  featuredImageCaption: true,
  featuredImageCredit: true,
  featuredImage: { select: { storageKey: true, alt: true, width: true, height: true, variants: true } },
  pdf: { select: { storageKey: true, sizeBytes: true, filename: true } },
  series: { select: { name: true, slug: true } },
  authors: {
    orderBy: { position: "asc" },
    select: {
      author: { select: { id: true, name: true, slug: true, title: true, affiliation: true, nameOrder: true } },
    },
  },
  categories: { select: { category: { select: { id: true, name: true, slug: true } } } },
} satisfies Prisma.PublicationSelect;

export type PublicationDetail = Prisma.PublicationGetPayload<{ select: typeof publicationSelect }>;

/** One publication as the public sees it, or null (not published, in the trash, or unknown). */
export function findPublishedPublication(database: DatabaseClient, slug: string): Promise<PublicationDetail | null> {
  return database.publication.findFirst({ where: { slug, ...publicWhere() }, select: publicationSelect });
}

/** Where an old address now lives (a publication or topic whose slug changed), if anywhere. */
export async function findRedirect(database: DatabaseClient, fromPath: string): Promise<string | null> {
  return (await database.redirect.findUnique({ where: { fromPath }, select: { toPath: true } }))?.toPath ?? null;
}

/**
 * findRedirect for an address that matched nothing else. Not cached: the address is
 * whatever a visitor typed, and a cache entry per made-up address would let anyone fill
 * the cache (one indexed read per such request instead).
 */
export function getRedirect(fromPath: string): Promise<string | null> {
  return findRedirect(db, fromPath);
}

const RELATED_COUNT = 4;
/** How many publications sharing an author or topic are compared by their words. */
const RELATED_CANDIDATES = 400;

/**
 * Related reading: the publications sharing the most authors (counted double) and topics;
 * among equals, those whose titles, names and summaries (the search head) best match this
 * title's words; then the newest. Publications sharing nothing but words fill the list when
 * few share an author or topic. One query on indexed columns; the page caches it.
 */
export async function findRelatedPublications(
  database: DatabaseClient,
  publicationId: number,
): Promise<PublicationListItem[]> {
  const ranked = await database.$queryRaw<Array<{ id: number }>>`
    WITH words AS (
      -- The title's words, any of them: 'north' & 'korea' becomes 'north' | 'korea'.
      SELECT nullif(replace(plainto_tsquery('quire_english', title)::text, ' & ', ' | '), '')::tsquery AS query
        FROM "Publication" WHERE id = ${publicationId}
    ),
    shared AS (
      SELECT pc."publicationId" AS id, 1 AS weight FROM "PublicationCategory" pc
       WHERE pc."categoryId" IN (SELECT "categoryId" FROM "PublicationCategory" WHERE "publicationId" = ${publicationId})
      UNION ALL
      SELECT pa."publicationId", 2 FROM "PublicationAuthor" pa
       WHERE pa."authorId" IN (SELECT "authorId" FROM "PublicationAuthor" WHERE "publicationId" = ${publicationId})
    ),
    scored AS (
      SELECT id, sum(weight) AS score FROM shared WHERE id <> ${publicationId}
       GROUP BY id ORDER BY score DESC, id DESC LIMIT ${RELATED_CANDIDATES}
    ),
    same_words AS (
      SELECT d."publicationId" AS id, 0 AS score FROM "SearchDocument" d, words
       WHERE d.head @@ words.query AND d.visible AND d."publicationId" <> ${publicationId}
       LIMIT ${RELATED_CANDIDATES}
    ),
    candidates AS (
      SELECT id, max(score) AS score FROM (SELECT * FROM scored UNION ALL SELECT * FROM same_words) found GROUP BY id
    )
    SELECT p.id FROM candidates c
      JOIN "Publication" p ON p.id = c.id
      LEFT JOIN "SearchDocument" d ON d."publicationId" = c.id
      CROSS JOIN words
     WHERE ${publicSql("p")}
     ORDER BY c.score DESC, coalesce(ts_rank(d.head, words.query), 0) DESC, p."publishedAt" DESC, p.id DESC
     LIMIT ${RELATED_COUNT}`;
  const items = await database.publication.findMany({
    where: { id: { in: ranked.map((row) => row.id) } },
    select: listItemSelect,
  });
  const order = new Map(ranked.map((row, index) => [row.id, index]));
  return items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Any publication not in the trash, whatever its status, for a private preview: never
 * cached, since it shows unpublished work.
 */
export function getPublicationForPreview(id: number): Promise<PublicationDetail | null> {
  return db.publication.findFirst({ where: { id, deletedAt: null }, select: publicationSelect });
}
