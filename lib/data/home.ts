/**
 * Everything the home page (pages/index.tsx) shows, read in the server process when the
 * page is rendered; the page cache then serves it until a change drops its tags
 * (lib/cache/tags.mjs) or an hour passes. Free of "server-only" (Pages Router).
 */
import type { DatabaseClient } from "@/lib/db-client";
import { readUpcomingEvents, type EventListItem } from "./events";
import { readExpertStrip, type ExpertCard } from "./experts";
import { listItemSelect, type PublicationListItem } from "./publications";
import {
  readCategoriesWithCounts,
  readFeaturedSeries,
  readSignupTopics,
  type CategoryWithCount,
  type SignupTopic,
} from "./taxonomy";
import { readFeaturedTeasers, readNewestIllustrated, type PublicationTeaser } from "./teasers";
import { publicWhere } from "./visibility";

export const HOME_LATEST_COUNT = 8;
const FEATURED_COUNT = 4;
const EVENT_COUNT = 3;
const SERIES_COUNT = 4;
const EXPERT_COUNT = 6;

export type HomePageData = {
  /** The story the page leads with: the first featured item with an image, else the newest with one. */
  lead: PublicationTeaser | null;
  /** The other featured items. */
  featured: PublicationTeaser[];
  latest: PublicationListItem[];
  events: EventListItem[];
  featuredSeries: { slug: string; name: string; items: PublicationListItem[] } | null;
  topics: CategoryWithCount[];
  experts: ExpertCard[];
  total: number;
  signupTopics: SignupTopic[];
};

export async function loadHomePage(database: DatabaseClient): Promise<HomePageData> {
  const series = await readFeaturedSeries(database);
  const newest = (where: object, take: number) =>
    database.publication.findMany({
      where: { ...publicWhere(), ...where },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take,
      select: listItemSelect,
    });
  const [featuredPicks, latest, events, seriesItems, topics, experts, total, signupTopics] = await Promise.all([
    readFeaturedTeasers(database, FEATURED_COUNT + 1),
    newest({}, HOME_LATEST_COUNT),
    readUpcomingEvents(EVENT_COUNT, { database }),
    series ? newest({ seriesId: series.id }, SERIES_COUNT) : [],
    readCategoriesWithCounts(database),
    readExpertStrip(database, EXPERT_COUNT),
    database.publication.count({ where: publicWhere() }),
    readSignupTopics(database),
  ]);
  const illustrated = featuredPicks.find((item) => item.featuredImage !== null);
  const lead = illustrated ?? (await readNewestIllustrated(database)) ?? featuredPicks[0] ?? null;
  return {
    lead,
    featured: featuredPicks.filter((item) => item.id !== lead?.id).slice(0, FEATURED_COUNT),
    latest,
    events,
    featuredSeries: series && { slug: series.slug, name: series.name, items: seriesItems },
    topics,
    experts,
    total,
    signupTopics,
  };
}
