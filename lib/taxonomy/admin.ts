import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DatabaseClient } from "@/lib/db-client";
import { TAXONOMY, type TaxonomyKind } from "./kinds";
import { escapeLikePattern } from "@/lib/data/admin-publications";

export type AdminTerm = {
  id: number;
  slug: string;
  name: string;
  /** Publications linked (not in the trash), whatever their status. */
  publications: number;
};

/** Authors, categories or series with their publication counts, filtered by name or slug. */
export async function listTerms(database: DatabaseClient, kind: TaxonomyKind, query = ""): Promise<AdminTerm[]> {
  const pattern = `%${escapeLikePattern(query)}%`;
  const table = Prisma.raw(`"${TAXONOMY[kind].table}"`);
  const counts =
    kind === "series"
      ? Prisma.sql`SELECT p."seriesId" AS id, count(*) AS n FROM "Publication" p WHERE p."deletedAt" IS NULL AND p."seriesId" IS NOT NULL GROUP BY p."seriesId"`
      : kind === "author"
        ? Prisma.sql`SELECT l."authorId" AS id, count(*) AS n FROM "PublicationAuthor" l JOIN "Publication" p ON p.id = l."publicationId" WHERE p."deletedAt" IS NULL GROUP BY l."authorId"`
        : Prisma.sql`SELECT l."categoryId" AS id, count(*) AS n FROM "PublicationCategory" l JOIN "Publication" p ON p.id = l."publicationId" WHERE p."deletedAt" IS NULL GROUP BY l."categoryId"`;
  return database.$queryRaw<AdminTerm[]>`
    WITH counts AS (${counts})
    SELECT t.id, t.slug, t.name, coalesce(c.n, 0)::int AS publications
      FROM ${table} t LEFT JOIN counts c ON c.id = t.id
     WHERE ${query} = '' OR t.name ILIKE ${pattern} OR t.slug ILIKE ${pattern}
     ORDER BY t.name, t.id`;
}

/** One term with every field the edit form shows, or null. */
export async function getTerm(database: DatabaseClient, kind: TaxonomyKind, id: number) {
  if (kind === "author") {
    const author = await database.author.findUnique({ where: { id } });
    return (
      author && {
        id: author.id,
        name: author.name,
        slug: author.slug,
        description: author.bio,
        imageUrl: author.photoUrl ?? "",
        title: author.title,
        affiliation: author.affiliation,
        familyNameFirst: author.nameOrder === "FAMILY_FIRST",
        featured: false,
      }
    );
  }
  const select = { id: true, name: true, slug: true, description: true, imageUrl: true } as const;
  const term =
    kind === "category"
      ? await database.category.findUnique({ where: { id }, select })
      : await database.series.findUnique({ where: { id }, select: { ...select, featured: true } });
  if (!term) return null;
  const featured = "featured" in term && term.featured === true;
  return { ...term, imageUrl: term.imageUrl ?? "", title: "", affiliation: "", familyNameFirst: false, featured };
}
