/**
 * The archive (/publications) and the topic, author and series listings: one page of public
 * publications for a filter set. Free of "server-only": the archive is a Pages Router page
 * (pages/publications/view/[query].tsx), which reads in its own process.
 */
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filtersNameKnownTerms, PAGE_SIZE, type ArchiveFilters, type ArchiveQuery } from "@/lib/validations/archive";
import { cachedRead } from "./cache";
import { readPageChrome } from "./page-chrome";
import { listItemSelect, type PublicationListItem } from "./publications";
import { getArchiveFilterOptions, type ArchiveFilterOptions } from "./taxonomy";

/** Published and visible: what the public may see. */
const VISIBLE = Prisma.sql`p.status = 'PUBLISHED' AND p."deletedAt" IS NULL AND p."publishedAt" <= now()`;

function filterSql(filters: ArchiveFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [VISIBLE];
  if (filters.type)
    conditions.push(Prisma.sql`p."typeId" = (SELECT id FROM "PublicationType" WHERE slug = ${filters.type})`);
  if (filters.series)
    conditions.push(Prisma.sql`p."seriesId" = (SELECT id FROM "Series" WHERE slug = ${filters.series})`);
  if (filters.category) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "PublicationCategory" pc JOIN "Category" c ON c.id = pc."categoryId"
                                        WHERE pc."publicationId" = p.id AND c.slug = ${filters.category})`);
  }
  if (filters.author) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "PublicationAuthor" pa JOIN "Author" a ON a.id = pa."authorId"
                                        WHERE pa."publicationId" = p.id AND a.slug = ${filters.author})`);
  }
  if (filters.year) {
    conditions.push(
      Prisma.sql`p."publishedAt" >= ${new Date(Date.UTC(filters.year, 0, 1))} AND p."publishedAt" < ${new Date(Date.UTC(filters.year + 1, 0, 1))}`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

type PageBoundary = { publishedAt: Date; id: number };

/**
 * The total and where each page starts, for one filter set: one pass over the matching
 * rows' (publishedAt, id) index entries, cached until content changes. Page N is then a
 * keyset query from its boundary, as fast at page 200 as at page 1 (no OFFSET).
 */
const getPageBoundaries = cachedRead(
  async (filtersKey: string): Promise<{ total: number; starts: PageBoundary[] }> => {
    const filters = JSON.parse(filtersKey) as ArchiveFilters;
    const rows = await db.$queryRaw<Array<{ id: number; publishedAt: Date; total: bigint }>>`
      SELECT id, "publishedAt", total FROM (
        SELECT p.id, p."publishedAt",
               row_number() OVER (ORDER BY p."publishedAt" DESC, p.id DESC) AS position,
               count(*) OVER () AS total
          FROM "Publication" p WHERE ${filterSql(filters)}
      ) ranked
      WHERE (position - 1) % ${PAGE_SIZE} = 0
      ORDER BY position`;
    return {
      total: rows[0] ? Number(rows[0].total) : 0,
      starts: rows.map(({ id, publishedAt }) => ({ id, publishedAt })),
    };
  },
  ["archive-page-boundaries"],
);

export type ArchivePage = { total: number; page: number; pageCount: number; items: PublicationListItem[] };

export async function getArchivePage(filters: ArchiveFilters, page: number): Promise<ArchivePage> {
  const { total, starts } = await getPageBoundaries(JSON.stringify(normalized(filters)));
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const start = starts[page - 1];
  if (!start) return { total, page, pageCount, items: [] };
  const items = await getPageItems(JSON.stringify(normalized(filters)), start.publishedAt.toISOString(), start.id);
  return { total, page, pageCount, items };
}

const getPageItems = cachedRead(
  async (filtersKey: string, startPublishedAt: string, startId: number): Promise<PublicationListItem[]> => {
    const filters = JSON.parse(filtersKey) as ArchiveFilters;
    const from = new Date(startPublishedAt);
    const ids = await db.$queryRaw<Array<{ id: number }>>`
      SELECT p.id FROM "Publication" p
       WHERE ${filterSql(filters)} AND (p."publishedAt", p.id) <= (${from}, ${startId})
       ORDER BY p."publishedAt" DESC, p.id DESC
       LIMIT ${PAGE_SIZE}`;
    const items = await db.publication.findMany({
      where: { id: { in: ids.map((row) => row.id) } },
      select: listItemSelect,
    });
    const order = new Map(ids.map((row, index) => [row.id, index]));
    return items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  },
  ["archive-page-items"],
);

/** Same filters, same cache key, whatever order the query string had. */
function normalized(filters: ArchiveFilters): ArchiveFilters {
  const { type, category, author, series, year } = filters;
  return Object.fromEntries(
    Object.entries({ type, category, author, series, year }).filter(([, value]) => value !== undefined),
  );
}

export type ArchiveViewData = { filters: ArchiveFilters; options: ArchiveFilterOptions; archive: ArchivePage };

/**
 * What the archive shows for a query, or null (the page answers 404) when a filter names
 * a type, topic, author, series or year that does not exist, or the page is past the last:
 * every page the archive renders, and the cache keeps, is one a link of the site leads to.
 */
export async function loadArchive(query: ArchiveQuery): Promise<ArchiveViewData | null> {
  const { page, ...filters } = query;
  const options = await getArchiveFilterOptions();
  if (!filtersNameKnownTerms(filters, options)) return null;
  const archive = await getArchivePage(filters, page);
  if (page > archive.pageCount) return null;
  return { filters, options, archive };
}

/** The archive page's data with the site's chrome, or null for a 404. */
export async function loadArchivePage(query: ArchiveQuery) {
  const [view, chrome] = await Promise.all([loadArchive(query), readPageChrome(db)]);
  return view && { ...view, chrome };
}

export type ArchivePageData = NonNullable<Awaited<ReturnType<typeof loadArchivePage>>>;
