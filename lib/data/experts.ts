/**
 * The institute's people as the public sees them: the experts directory (/experts), the
 * home page's strip of experts, and an expert's profile. Authors are public in themselves
 * (no visibility rule applies to a person); only those staff list in the directory
 * (isExpert) appear here. Free of "server-only": the directory and the home page are Pages
 * Router pages (no framework JavaScript), which read in their own process.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { slugify } from "@/lib/format/slug";
import { Prisma } from "@/lib/generated/prisma/client";
import { expertFiltersNameKnownTerms, type ExpertQuery } from "@/lib/validations/experts";
import { escapeLikePattern } from "./like-pattern";
import { readPageChrome } from "./page-chrome";

/** A portrait: from the media library (with its alt text and renditions), or an outside address. */
export const portraitSelect = {
  photoUrl: true,
  photo: { select: { storageKey: true, alt: true, width: true, height: true, variants: true } },
} satisfies Prisma.AuthorSelect;

export const expertCardSelect = {
  id: true,
  slug: true,
  name: true,
  title: true,
  affiliation: true,
  languages: true,
  availableForMedia: true,
  pressContact: true,
  ...portraitSelect,
  expertise: { orderBy: { position: "asc" }, select: { category: { select: { slug: true, name: true } } } },
} satisfies Prisma.AuthorSelect;

export type ExpertCard = Prisma.AuthorGetPayload<{ select: typeof expertCardSelect }>;

/** The directory's order: staff's rank first (lowest first, unranked last), then by name. */
const directoryOrder: Prisma.AuthorOrderByWithRelationInput[] = [
  { directoryRank: { sort: "asc", nulls: "last" } },
  { name: "asc" },
];

export type DirectoryTerm = { slug: string; name: string };

export type ExpertDirectory = {
  experts: ExpertCard[];
  /** What the filters offer: topics some expert speaks to, languages some expert speaks. */
  topics: DirectoryTerm[];
  languages: DirectoryTerm[];
  /** The query with its terms' names, for the page's heading. */
  query: ExpertQuery & { topicName?: string; languageName?: string };
};

/** The topics and languages of listed experts: the directory's filter choices. */
export async function readDirectoryTerms(
  database: DatabaseClient,
): Promise<{ topics: DirectoryTerm[]; languages: DirectoryTerm[] }> {
  const [topics, languageRows] = await Promise.all([
    database.category.findMany({
      where: { experts: { some: { author: { isExpert: true } } } },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
    database.$queryRaw<Array<{ language: string }>>`
      SELECT DISTINCT unnest(languages) AS language FROM "Author" WHERE "isExpert" ORDER BY language`,
  ]);
  const languages = new Map<string, DirectoryTerm>();
  for (const { language } of languageRows) {
    const slug = slugify(language);
    if (!languages.has(slug)) languages.set(slug, { slug, name: language });
  }
  return { topics, languages: [...languages.values()] };
}

/**
 * The directory for a query, or null when a filter names no topic or language the
 * directory offers (the page answers 404). The name search folds accents and case
 * ("rudiger" finds Rüdiger) and matches any part of the name.
 */
export async function readExpertDirectory(
  database: DatabaseClient,
  query: ExpertQuery,
): Promise<ExpertDirectory | null> {
  const terms = await readDirectoryTerms(database);
  if (!expertFiltersNameKnownTerms(query, terms)) return null;
  const topic = terms.topics.find((term) => term.slug === query.topic);
  const language = terms.languages.find((term) => term.slug === query.language);
  const where: Prisma.AuthorWhereInput = {
    isExpert: true,
    ...(topic && { expertise: { some: { category: { slug: topic.slug } } } }),
    ...(language && { languages: { has: language.name } }),
  };
  if (query.q) where.id = { in: await idsMatchingName(database, query.q) };
  const experts = await database.author.findMany({ where, orderBy: directoryOrder, select: expertCardSelect });
  return {
    experts,
    ...terms,
    query: { ...query, ...(topic && { topicName: topic.name }), ...(language && { languageName: language.name }) },
  };
}

async function idsMatchingName(database: DatabaseClient, name: string): Promise<number[]> {
  const pattern = `%${escapeLikePattern(name)}%`;
  const rows = await database.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Author" WHERE "isExpert" AND unaccent(name) ILIKE unaccent(${pattern}) ESCAPE '\\'`;
  return rows.map((row) => row.id);
}

/** The home page's strip: the first experts in the directory's order. */
export async function readExpertStrip(database: DatabaseClient, limit: number): Promise<ExpertCard[]> {
  return database.author.findMany({
    where: { isExpert: true },
    orderBy: directoryOrder,
    take: limit,
    select: expertCardSelect,
  });
}

/** The directory page's data with the site's chrome, or null for a 404. */
export async function loadExpertsPage(database: DatabaseClient, query: ExpertQuery) {
  const [directory, chrome] = await Promise.all([readExpertDirectory(database, query), readPageChrome(database)]);
  return directory && { directory, chrome };
}

export type ExpertsPageData = NonNullable<Awaited<ReturnType<typeof loadExpertsPage>>>;
