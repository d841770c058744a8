import { unstable_cache } from "next/cache";
import { LISTINGS_TAG, PUBLIC_REVALIDATE_SECONDS, TAXONOMY_TAG } from "@/lib/cache/tags.mjs";
import { reviveDates } from "./revive-dates";

/**
 * A public read served from Next's data cache until one of its tags is revalidated (or
 * an hour passes), with its dates intact. Lists of publications by default; reads of one
 * publication or one address pass their own tags (lib/cache/tags.mjs).
 */
export function cachedRead<A extends unknown[], R>(
  read: (...args: A) => Promise<R>,
  keyParts: string[],
  tags: string[] = [LISTINGS_TAG, TAXONOMY_TAG],
): (...args: A) => Promise<R> {
  const cached = unstable_cache(read, keyParts, { tags, revalidate: PUBLIC_REVALIDATE_SECONDS });
  return async (...args: A) => reviveDates(await cached(...args));
}
