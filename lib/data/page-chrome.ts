import type { DatabaseClient } from "@/lib/db-client";
import { getFeaturedSeries, getSignupTopics, readFeaturedSeries, readSignupTopics } from "./taxonomy";

/** What every page served without React needs for its chrome: the navigation's series and the signup box's topics. */
export async function readPageChrome(database: DatabaseClient) {
  const [series, signupTopics] = await Promise.all([readFeaturedSeries(database), readSignupTopics(database)]);
  return { featuredSeries: series && { slug: series.slug, name: series.name }, signupTopics };
}

/**
 * The same chrome from the data cache (dropped with the taxonomy tag): for pages rendered on
 * every request, such as /search, where reading it each time costs more than the page's own work.
 */
export async function getPageChrome(): Promise<Awaited<ReturnType<typeof readPageChrome>>> {
  const [series, signupTopics] = await Promise.all([getFeaturedSeries(), getSignupTopics()]);
  return { featuredSeries: series && { slug: series.slug, name: series.name }, signupTopics };
}
