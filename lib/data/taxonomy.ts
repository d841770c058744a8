import { TAXONOMY_TAG } from "@/lib/cache/tags.mjs";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { cachedRead } from "./cache";
import { expertCardSelect } from "./experts";
import { publicSql, publicWhere } from "./visibility";

/** Topics with their description, image and how many public publications each has: the topic index, the home page, filters. */
export async function readCategoriesWithCounts(database: DatabaseClient) {
  const categories = await database.category.findMany({
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      description: true,
      imageUrl: true,
      _count: { select: { publications: { where: { publication: publicWhere() } } } },
    },
  });
  return categories.map(({ _count, ...category }) => ({ ...category, count: _count.publications }));
}

export type CategoryWithCount = Awaited<ReturnType<typeof readCategoriesWithCounts>>[number];

export const getCategoriesWithCounts = cachedRead(() => readCategoriesWithCounts(db), ["categories-with-counts"]);

/**
 * The series index: each series with its description, image, count of public
 * publications and its newest one; the featured series first, then by name.
 */
export async function readSeriesIndex(database: DatabaseClient) {
  const series = await database.series.findMany({
    orderBy: [{ featured: "desc" }, { name: "asc" }],
    select: {
      slug: true,
      name: true,
      description: true,
      imageUrl: true,
      featured: true,
      _count: { select: { publications: { where: publicWhere() } } },
      publications: {
        where: publicWhere(),
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { slug: true, title: true, publishedAt: true, type: { select: { slug: true } } },
      },
    },
  });
  return series.map(({ _count, publications, ...entry }) => ({
    ...entry,
    count: _count.publications,
    newest: publications[0] ?? null,
  }));
}

export type SeriesIndexEntry = Awaited<ReturnType<typeof readSeriesIndex>>[number];

/** The choices the archive's filters offer. */
export const getArchiveFilterOptions = cachedRead(async () => {
  const [types, categories, authors, series, years] = await Promise.all([
    db.publicationType.findMany({ orderBy: { position: "asc" }, select: { slug: true, name: true } }),
    db.category.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.author.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.series.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.$queryRaw<Array<{ year: number }>>`
      SELECT DISTINCT extract(year FROM p."publishedAt")::int AS year FROM "Publication" p
       WHERE ${publicSql("p")} ORDER BY year DESC`,
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

/** An author's page: the name, title line and biography, and for the institute's experts their directory profile. */
export const getAuthor = cachedRead(
  (slug: string) =>
    db.author.findUnique({
      where: { slug },
      select: { ...expertCardSelect, bio: true, isExpert: true },
    }),
  ["author"],
);

/**
 * The series the home page and the main navigation show: the one staff marked featured
 * (the first by name, should there be several), or none.
 */
export function readFeaturedSeries(database: DatabaseClient) {
  return database.series.findFirst({
    where: { featured: true },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
}

const cachedFeaturedSeries = cachedRead(() => readFeaturedSeries(db), ["featured-series"], [TAXONOMY_TAG]);

/** The featured series for the navigation of every public page: none rather than no page when the read fails. */
export async function getFeaturedSeries() {
  try {
    return await cachedFeaturedSeries();
  } catch (error) {
    console.error("Reading the featured series failed:", error);
    return null;
  }
}

export type SignupTopic = { slug: string; name: string };

export function readSignupTopics(database: DatabaseClient): Promise<SignupTopic[]> {
  return database.category.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
}

const cachedSignupTopics = cachedRead(() => readSignupTopics(db), ["signup-topics"], [TAXONOMY_TAG]);

/**
 * The topics a reader can choose: every category. The signup box is on every public
 * page, so a failing read leaves the box without checkboxes (a signup then gets every
 * topic) rather than taking the page down.
 */
export async function getSignupTopics(): Promise<SignupTopic[]> {
  try {
    return await cachedSignupTopics();
  } catch (error) {
    console.error("Reading the signup topics failed:", error);
    return [];
  }
}
