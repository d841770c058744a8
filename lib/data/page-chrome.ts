import type { DatabaseClient } from "@/lib/db-client";
import { readFeaturedSeries, readSignupTopics } from "./taxonomy";

/** What every page served without React needs for its chrome: the navigation's series and the signup box's topics. */
export async function readPageChrome(database: DatabaseClient) {
  const [series, signupTopics] = await Promise.all([readFeaturedSeries(database), readSignupTopics(database)]);
  return { featuredSeries: series && { slug: series.slug, name: series.name }, signupTopics };
}
