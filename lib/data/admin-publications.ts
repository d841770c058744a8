import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ADMIN_PAGE_SIZE, type AdminPublicationQuery, type AdminSort } from "@/lib/validations/admin-publications";
import { escapeLikePattern } from "./like-pattern";

export { escapeLikePattern };

const rowSelect = {
  id: true,
  title: true,
  slug: true,
  status: true,
  updatedAt: true,
  publishedAt: true,
  deletedAt: true,
  createdById: true,
  type: { select: { name: true } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true } } } },
} satisfies Prisma.PublicationSelect;

export type AdminPublicationRow = Prisma.PublicationGetPayload<{ select: typeof rowSelect }>;

export type AdminPublicationPage = { rows: AdminPublicationRow[]; total: number; page: number; pageCount: number };

/** Fixed SQL per sort choice (never built from the query string itself). */
const ORDER_BY: Record<AdminSort, Prisma.Sql> = {
  updated: Prisma.sql`"updatedAt" DESC, "id" DESC`,
  published: Prisma.sql`"publishedAt" DESC NULLS LAST, "id" DESC`,
  title: Prisma.sql`lower("title") ASC, "id" ASC`,
  created: Prisma.sql`"createdAt" DESC, "id" DESC`,
};

/**
 * Publications in every status except the trash (or only the trash), most recently updated first. The title
 * search is an ILIKE with the user's wildcards escaped; the SQL picks the page's ids and
 * Prisma loads their rows.
 */
export async function listAdminPublications(
  database: DatabaseClient,
  query: AdminPublicationQuery,
): Promise<AdminPublicationPage> {
  const conditions: Prisma.Sql[] = [
    query.view === "trash" ? Prisma.sql`"deletedAt" IS NOT NULL` : Prisma.sql`"deletedAt" IS NULL`,
  ];
  if (query.q) conditions.push(Prisma.sql`"title" ILIKE ${`%${escapeLikePattern(query.q)}%`} ESCAPE '\\'`);
  if (query.status) conditions.push(Prisma.sql`"status" = ${query.status}::"PublicationStatus"`);
  if (query.type) conditions.push(Prisma.sql`"typeId" = ${query.type}`);
  if (query.author)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "PublicationAuthor" pa WHERE pa."publicationId" = "Publication"."id" AND pa."authorId" = ${query.author})`,
    );
  if (query.category)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "PublicationCategory" pc WHERE pc."publicationId" = "Publication"."id" AND pc."categoryId" = ${query.category})`,
    );
  const where = Prisma.join(conditions, " AND ");

  const [{ count }] = await database.$queryRaw<
    [{ count: bigint }]
  >`SELECT count(*) AS count FROM "Publication" WHERE ${where}`;
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const ids = await database.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Publication" WHERE ${where}
    ORDER BY ${ORDER_BY[query.sort ?? "updated"]}
    LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(page - 1) * ADMIN_PAGE_SIZE}`;
  const found = await database.publication.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    select: rowSelect,
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.map((row) => byId.get(row.id)).filter((row): row is AdminPublicationRow => row !== undefined);
  return { rows, total, page, pageCount };
}
