/**
 * Publications as front pages lead with them: a listing item with its featured image,
 * caption and credit. Free of "server-only" (read by Pages Router pages too).
 */
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cachedRead } from "./cache";
import { listItemSelect } from "./publications";
import { publicWhere } from "./visibility";

export const teaserSelect = {
  ...listItemSelect,
  featuredImageCaption: true,
  featuredImageCredit: true,
  featuredImage: { select: { storageKey: true, alt: true, width: true, height: true, variants: true } },
} satisfies Prisma.PublicationSelect;

export type PublicationTeaser = Prisma.PublicationGetPayload<{ select: typeof teaserSelect }>;

const newestFirst: Prisma.PublicationOrderByWithRelationInput[] = [{ publishedAt: "desc" }, { id: "desc" }];

/** Staff's featured publications (featuredRank, lowest first), among `where`. */
export function readFeaturedTeasers(
  database: DatabaseClient,
  limit: number,
  where: Prisma.PublicationWhereInput = {},
): Promise<PublicationTeaser[]> {
  return database.publication.findMany({
    where: { ...publicWhere(), ...where, featuredRank: { not: null } },
    orderBy: [{ featuredRank: "asc" }, ...newestFirst],
    take: limit,
    select: teaserSelect,
  });
}

/** The newest public publication with a featured image among `where`, if any. */
export async function readNewestIllustrated(
  database: DatabaseClient,
  where: Prisma.PublicationWhereInput = {},
): Promise<PublicationTeaser | null> {
  return database.publication.findFirst({
    where: { ...publicWhere(), ...where, featuredImageId: { not: null } },
    orderBy: newestFirst,
    select: teaserSelect,
  });
}

/**
 * What a topic page leads with: its newest featured publication (one staff featured),
 * or else its newest with a featured image; none when it has neither.
 */
export async function readTopicLead(database: DatabaseClient, categorySlug: string): Promise<PublicationTeaser | null> {
  const inTopic: Prisma.PublicationWhereInput = { categories: { some: { category: { slug: categorySlug } } } };
  const featured = await database.publication.findFirst({
    where: { ...publicWhere(), ...inTopic, featuredRank: { not: null } },
    orderBy: newestFirst,
    select: teaserSelect,
  });
  return featured ?? readNewestIllustrated(database, inTopic);
}

/** readTopicLead for the topic page (App Router), from Next's data cache. */
export const getTopicLead = cachedRead((slug: string) => readTopicLead(db, slug), ["topic-lead"]);
