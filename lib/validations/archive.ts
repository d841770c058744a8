import { z } from "zod";
import { FILTER_KEYS } from "./archive-filters.mjs";
import { firstValue, searchParamsRecord } from "./common";

export { FILTER_KEYS, SLUG_FILTER_KEYS } from "./archive-filters.mjs";

export const PAGE_SIZE = 20;
const MAX_PAGE = 100_000;
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .regex(/^[a-z0-9-]+$/);

/** One query-string value: the first when repeated, undefined when absent or empty. */
const single = (schema: z.ZodType<unknown>) =>
  z.preprocess((value) => {
    const first = firstValue(value);
    return first === "" ? undefined : first;
  }, schema.optional());

/**
 * The archive's filters as they arrive in the query string. Anything malformed is dropped
 * rather than rejected, so a mangled shared link still shows the archive.
 */
const archiveQuerySchema = z.object({
  type: single(slug.catch(undefined as never)),
  category: single(slug.catch(undefined as never)),
  author: single(slug.catch(undefined as never)),
  series: single(slug.catch(undefined as never)),
  year: single(
    z.coerce
      .number()
      .int()
      .min(1900)
      .max(2100)
      .catch(undefined as never),
  ),
  page: single(z.coerce.number().int().min(1).max(MAX_PAGE).catch(1)),
});

export type ArchiveFilters = {
  type?: string;
  category?: string;
  author?: string;
  series?: string;
  year?: number;
};

export type ArchiveQuery = ArchiveFilters & { page: number };

export function parseArchiveQuery(searchParams: Record<string, string | string[] | undefined>): ArchiveQuery {
  const parsed = archiveQuerySchema.safeParse(searchParams);
  const data = parsed.success ? parsed.data : {};
  const query: ArchiveQuery = { page: typeof data.page === "number" ? data.page : 1 };
  for (const key of FILTER_KEYS) {
    const value = data[key];
    if (value !== undefined) (query as Record<string, unknown>)[key] = value;
  }
  return query;
}

/** The archive URL for a set of filters and a page (page 1 is left out, for one canonical URL). */
export function archiveHref(filters: ArchiveFilters, page = 1, basePath = "/publications"): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/**
 * The archive query as one URL path segment ("all" when empty), so proxy.ts can send
 * /publications?… to a route that is cached per filter set and page.
 */
export function archiveQueryKey(query: ArchiveQuery): string {
  const { page, ...filters } = query;
  const canonical = archiveHref(filters, page, "");
  return canonical ? encodeURIComponent(canonical.slice(1)) : "all";
}

export function archiveQueryFromKey(key: string): ArchiveQuery {
  let decoded = "";
  try {
    decoded = key === "all" ? "" : decodeURIComponent(key);
  } catch {
    // a mangled key means no filters
  }
  return parseArchiveQuery(searchParamsRecord(new URLSearchParams(decoded)));
}

/**
 * The archive query a route key stands for, or null unless the key is exactly how
 * archiveQueryKey writes that query (the framework may hand the key over percent-decoded;
 * either spelling of the canonical key is the same page and the same cache entry). Any
 * other key would be one more page to render and keep for the same content.
 */
export function canonicalArchiveQuery(key: string): ArchiveQuery | null {
  const query = archiveQueryFromKey(key);
  const canonical = archiveQueryKey(query);
  return key === canonical || key === decodeURIComponent(canonical) ? query : null;
}

/** The terms that exist: what the archive's filter form offers. */
export type KnownArchiveTerms = {
  types: ReadonlyArray<{ slug: string }>;
  categories: ReadonlyArray<{ slug: string }>;
  authors: ReadonlyArray<{ slug: string }>;
  series: ReadonlyArray<{ slug: string }>;
  years: readonly number[];
};

/** True when every filter names a type, topic, author, series or year that exists. */
export function filtersNameKnownTerms(filters: ArchiveFilters, known: KnownArchiveTerms): boolean {
  const has = (list: ReadonlyArray<{ slug: string }>, slug: string | undefined) =>
    slug === undefined || list.some((term) => term.slug === slug);
  return (
    has(known.types, filters.type) &&
    has(known.categories, filters.category) &&
    has(known.authors, filters.author) &&
    has(known.series, filters.series) &&
    (filters.year === undefined || known.years.includes(filters.year))
  );
}
