/**
 * The experts directory's query string: /experts?topic=<topic slug>&language=<language slug>&q=<name>.
 *
 * Like the archive (archive.ts), the filters become one path segment so each filter set is
 * rendered once and served from the page cache: proxy.ts rewrites /experts?topic=…&language=…
 * to /experts/view/<key>, and that page renders only keys written exactly as expertsQueryKey
 * writes them and naming terms that exist (anything else is a 404, which the cache never
 * keeps). A name search (q) is free text: any value is a valid page, so it is never a cache
 * key; /experts renders it per request.
 */
import { z } from "zod";
import { firstValue, searchTextSchema, slugSchema } from "./common";

/** The filters that make a cached page, in the order their key is written. */
export const EXPERT_FILTER_KEYS = ["topic", "language"] as const;
export const EXPERT_NAME_QUERY_MAX = 80;

export type ExpertFilters = { topic?: string; language?: string };
export type ExpertQuery = ExpertFilters & { q?: string };

/** A form submits empty fields ("All topics"): empty means absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const first = firstValue(value);
    return first === "" ? undefined : first;
  }, schema.optional());

/** Strict: a malformed topic or language is not a page of the directory (404), not a silently wider list. */
const expertQuerySchema = z.object({
  topic: optional(slugSchema),
  language: optional(slugSchema),
  q: z.preprocess(firstValue, searchTextSchema(EXPERT_NAME_QUERY_MAX).optional()),
});

/** The query of a request to /experts, or null when a filter is malformed. */
export function parseExpertQuery(searchParams: Record<string, unknown>): ExpertQuery | null {
  const parsed = expertQuerySchema.safeParse({
    topic: searchParams.topic,
    language: searchParams.language,
    q: searchParams.q,
  });
  if (!parsed.success) return null;
  const { topic, language, q } = parsed.data;
  return { ...(topic && { topic }), ...(language && { language }), ...(q && { q }) };
}

/** The directory's address for a query (filters in a fixed order, empty ones left out). */
export function expertsHref(query: ExpertQuery): string {
  const params = new URLSearchParams();
  for (const key of EXPERT_FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.q) params.set("q", query.q);
  const search = params.toString();
  return search ? `/experts?${search}` : "/experts";
}

/**
 * The cached page's key for the filters as they arrived, unchecked ("all" for none): the
 * page decides whether it is canonical, so the proxy never needs the database.
 */
export function expertFiltersKey(raw: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of EXPERT_FILTER_KEYS) {
    const value = firstValue(raw[key]);
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  const search = params.toString();
  return search ? encodeURIComponent(search) : "all";
}

/** Where proxy.ts sends a request to /experts: the cached view of its filters, or /experts itself for a name search. */
export function expertsRoute(raw: Record<string, unknown>): { search: true } | { search: false; key: string } {
  const q = searchTextSchema(EXPERT_NAME_QUERY_MAX).parse(firstValue(raw.q) ?? "");
  return q ? { search: true } : { search: false, key: expertFiltersKey(raw) };
}

/**
 * The filters a route key stands for, or null unless the key is exactly how
 * expertFiltersKey writes valid filters (the framework may hand the key over
 * percent-decoded; both spellings are the same page).
 */
export function canonicalExpertFilters(key: string): ExpertFilters | null {
  if (key === "all") return {};
  let decoded: string;
  try {
    decoded = decodeURIComponent(key);
  } catch {
    return null;
  }
  const params = new URLSearchParams(decoded);
  if ([...params.keys()].some((name) => !(EXPERT_FILTER_KEYS as readonly string[]).includes(name))) return null;
  const record: Record<string, string[]> = Object.create(null);
  for (const [name, value] of params) (record[name] ??= []).push(value);
  if (Object.values(record).some((values) => values.length > 1)) return null;
  const query = parseExpertQuery(record);
  if (!query || query.q) return null;
  const canonical = expertFiltersKey(query);
  return key === canonical || key === decodeURIComponent(canonical) ? query : null;
}

/** True when each filter names a topic and a language the directory offers. */
export function expertFiltersNameKnownTerms(
  filters: ExpertFilters,
  known: { topics: ReadonlyArray<{ slug: string }>; languages: ReadonlyArray<{ slug: string }> },
): boolean {
  const has = (list: ReadonlyArray<{ slug: string }>, slug: string | undefined) =>
    slug === undefined || list.some((term) => term.slug === slug);
  return has(known.topics, filters.topic) && has(known.languages, filters.language);
}
