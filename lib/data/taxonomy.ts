import "server-only";
import { db } from "@/lib/db";
import { cachedRead } from "./cache";
import { visibleToPublic } from "./publications";

/** Topics with how many public publications each has, for the home page and filters. */
export const getCategoriesWithCounts = cachedRead(async () => {
  const categories = await db.category.findMany({
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      _count: { select: { publications: { where: { publication: visibleToPublic() } } } },
    },
  });
  return categories.map(({ _count, ...category }) => ({ ...category, count: _count.publications }));
}, ["categories-with-counts"]);

/** The choices the archive's filters offer. */
export const getArchiveFilterOptions = cachedRead(async () => {
  const [types, categories, authors, series, years] = await Promise.all([
    db.publicationType.findMany({ orderBy: { position: "asc" }, select: { slug: true, name: true } }),
    db.category.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.author.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.series.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.$queryRaw<Array<{ year: number }>>`
      SELECT DISTINCT extract(year FROM "publishedAt")::int AS year FROM "Publication"
       WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" <= now() ORDER BY year DESC`,
  ]);
  return { types, categories, authors, series, years: years.map((row) => row.year) };
}, ["archive-filter-options"]);

export type ArchiveFilterOptions = Awaited<ReturnType<typeof getArchiveFilterOptions>>;

export const getCategory = cachedRead(
  (slug: string) =>
    db.category.findUnique({ where: { slug }, select: { slug: true, name: true, description: true, imageUrl: true } }),
  ["category"],
);

export const getSeries = cachedRead(
  (slug: string) =>
    db.series.findUnique({ where: { slug }, select: { slug: true, name: true, description: true, imageUrl: true } }),
  ["series"],
);

export const getAuthor = cachedRead(
  (slug: string) =>
    db.author.findUnique({
      where: { slug },
      select: { slug: true, name: true, title: true, affiliation: true, bio: true, photoUrl: true },
    }),
  ["author"],
);
