import "server-only";
import { unstable_cache } from "next/cache";
import { PUBLIC_REVALIDATE_SECONDS, PUBLICATIONS_TAG, TAXONOMY_TAG } from "./cache-tags";

/** Fields named like `publishedAt` hold dates; the data cache stores JSON, which turns them into strings. */
const DATE_FIELD = /At$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const revived: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      revived[key] = typeof field === "string" && DATE_FIELD.test(key) && ISO_DATE.test(field) ? new Date(field) : reviveDates(field);
    }
    return revived as T;
  }
  return value;
}

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
