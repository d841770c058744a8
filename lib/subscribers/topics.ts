import "server-only";
import { TAXONOMY_TAG } from "@/lib/data/cache-tags";
import { cachedRead } from "@/lib/data/cache";
import { db } from "@/lib/db";

export type SignupTopic = { slug: string; name: string };

const readTopics = cachedRead(
  (): Promise<SignupTopic[]> => db.category.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ["signup-topics"],
  [TAXONOMY_TAG],
);

/**
 * The topics a reader can choose: every category. The signup box is on every public
 * page, so a failing read leaves the box without checkboxes (a signup then gets every
 * topic) rather than taking the page down.
 */
export async function getSignupTopics(): Promise<SignupTopic[]> {
  try {
    return await readTopics();
  } catch (error) {
    console.error("Reading the signup topics failed:", error);
    return [];
  }
}
