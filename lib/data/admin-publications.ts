import "server-only";
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma, type PublicationStatus } from "@/lib/generated/prisma/client";

export const PUBLICATION_STATUSES = ["DRAFT", "IN_REVIEW", "SCHEDULED", "PUBLISHED", "ARCHIVED"] as const satisfies readonly PublicationStatus[];

export const STATUS_LABELS: Record<PublicationStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  SCHEDULED: "Scheduled",
  PUBLISHED: "Published",
  ARCHIVED: "Archived",
};

export const ADMIN_PAGE_SIZE = 25;
const MAX_PAGE = 1000;

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The list's query string; anything malformed falls back to its default rather than failing. */
export const adminPublicationQuerySchema = z.object({
  q: z.preprocess(first, z.string().trim().max(200).catch("").default("")),
  status: z.preprocess(first, z.enum(PUBLICATION_STATUSES).optional().catch(undefined)),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)),
});

export type AdminPublicationQuery = z.infer<typeof adminPublicationQuerySchema>;

export function parseAdminPublicationQuery(searchParams: Record<string, string | string[] | undefined>): AdminPublicationQuery {
  return adminPublicationQuerySchema.parse(searchParams);
}

/** "50%_off\" → "50\%\_off\\": matched literally by LIKE … ESCAPE '\'. */
export function escapeLikePattern(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const rowSelect = {
  id: true,
  title: true,
  slug: true,
  status: true,
  updatedAt: true,
  publishedAt: true,
  type: { select: { name: true } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true } } } },
} satisfies Prisma.PublicationSelect;

export type AdminPublicationRow = Prisma.PublicationGetPayload<{ select: typeof rowSelect }>;

export type AdminPublicationPage = { rows: AdminPublicationRow[]; total: number; page: number; pageCount: number };

/**
 * Publications in every status except the trash, most recently updated first. The title
 * search is an ILIKE with the user's wildcards escaped; the SQL picks the page's ids and
 * Prisma loads their rows.
 */
export async function listAdminPublications(database: DatabaseClient, query: AdminPublicationQuery): Promise<AdminPublicationPage> {
  const conditions: Prisma.Sql[] = [Prisma.sql`"deletedAt" IS NULL`];
  if (query.q) conditions.push(Prisma.sql`"title" ILIKE ${`%${escapeLikePattern(query.q)}%`} ESCAPE '\\'`);
  if (query.status) conditions.push(Prisma.sql`"status" = ${query.status}::"PublicationStatus"`);
  const where = Prisma.join(conditions, " AND ");

  const [{ count }] = await database.$queryRaw<[{ count: bigint }]>`SELECT count(*) AS count FROM "Publication" WHERE ${where}`;
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const ids = await database.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Publication" WHERE ${where}
    ORDER BY "updatedAt" DESC, "id" DESC
    LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(page - 1) * ADMIN_PAGE_SIZE}`;
  const found = await database.publication.findMany({ where: { id: { in: ids.map((row) => row.id) } }, select: rowSelect });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.map((row) => byId.get(row.id)).filter((row): row is AdminPublicationRow => row !== undefined);
  return { rows, total, page, pageCount };
}

export const publicationIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** One publication for the editor (not in the trash), or null. */
export function getAdminPublication(database: DatabaseClient, id: number) {
  return database.publication.findFirst({ where: { id, deletedAt: null }, select: rowSelect });
}
