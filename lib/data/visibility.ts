/**
 * What the public may see, defined once: a publication that is published, not in the
 * trash, and due (its publish time has come). Every public read (archive, topic, author
 * and series pages, the publication page, feeds, sitemaps, search, digests and alerts)
 * uses one of the forms below; tests/public-visibility.test.ts proves they all return the
 * same set.
 *
 * The search index keeps the first two conditions per row (SearchDocument.visible, set by
 * the triggers of the search migration, which cannot import this file) and adds the time
 * condition at query time from PUBLIC_SEARCH_DOCUMENT_SQL.
 */
import { Prisma, type PublicationStatus } from "@/lib/generated/prisma/client";

/** As a Prisma filter on Publication. */
export function publicWhere(now = new Date()): Prisma.PublicationWhereInput {
  return { status: "PUBLISHED", deletedAt: null, publishedAt: { lte: now } };
}

type Alias = "p" | '"Publication"';

/** As SQL text on a Publication row named `alias`, due by the database's clock, for queries written as strings. */
function publicSqlText(alias: Alias = "p"): string {
  return `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL AND ${alias}."publishedAt" <= now()`;
}

/** As a Prisma SQL fragment on a Publication row named `alias`; due at `now` when given, else by the database's clock. */
export function publicSql(alias: Alias = "p", now?: Date): Prisma.Sql {
  if (!now) return Prisma.raw(publicSqlText(alias));
  return Prisma.sql`${Prisma.raw(`${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL AND ${alias}."publishedAt"`)} <= ${now}`;
}

/** On a SearchDocument row named d (see above). */
export const PUBLIC_SEARCH_DOCUMENT_SQL = `d.visible AND d."publishedAt" <= now()`;

export type VisibilityFields = { status: PublicationStatus; deletedAt: Date | null; publishedAt: Date | null };

/** For one publication already loaded: whether the public may see it at `now`. */
export function isPublic(publication: VisibilityFields, now = new Date()): boolean {
  return (
    publication.status === "PUBLISHED" &&
    publication.deletedAt === null &&
    publication.publishedAt !== null &&
    publication.publishedAt <= now
  );
}

/** As a Prisma filter on Page (a simple page such as /about): published and due; pages have no trash. */
export function publicPageWhere(now = new Date()): Prisma.PageWhereInput {
  return { status: "PUBLISHED", publishedAt: { lte: now } };
}
