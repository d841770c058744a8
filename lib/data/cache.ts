import "server-only";
import { unstable_cache } from "next/cache";
import { PUBLIC_REVALIDATE_SECONDS, PUBLICATIONS_TAG, TAXONOMY_TAG } from "./cache-tags";
import { reviveDates } from "./revive-dates";

/**
 * A public read served from Next's data cache until one of its tags is revalidated (or
 * an hour passes), with its dates intact.
 */
export function cachedRead<A extends unknown[], R>(
  read: (...args: A) => Promise<R>,
  keyParts: string[],
  tags: string[] = [PUBLICATIONS_TAG, TAXONOMY_TAG],
): (...args: A) => Promise<R> {
  const cached = unstable_cache(read, keyParts, { tags, revalidate: PUBLIC_REVALIDATE_SECONDS });
  return async (...args: A) => reviveDates(await cached(...args));
}
