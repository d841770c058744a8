/**
 * /events's filters (topic, year) and page, as a query string and as the one path segment
 * proxy.ts rewrites them to (/events/view/<key>), so each filter set is rendered once and
 * cached. Only the canonical spelling of a key renders: any other answers 404.
 */
import { z } from "zod";
import { searchParamsRecord, slugSchema } from "./common";

export const EVENTS_PAGE_SIZE = 20;
/** The query-string names /events reads; proxy.ts's matcher lists them. */
export const EVENTS_FILTER_KEYS = ["topic", "year", "page"] as const;

export type EventsQuery = { topic?: string; year?: number; page: number };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** Empty values (the form's "All topics") mean no filter. */
const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const eventsQuerySchema = z.object({
  topic: z.preprocess((value) => emptyToUndefined(first(value)), slugSchema.optional()),
  year: z.preprocess((value) => emptyToUndefined(first(value)), z.coerce.number().int().min(1900).max(2200).optional()),
  page: z.preprocess((value) => emptyToUndefined(first(value)), z.coerce.number().int().min(1).max(99_999).default(1)),
});

/**
 * The query a reader asked for, or null when a value could not be one (a topic that is no
 * slug, a year that is no year): such an address answers 404.
 */
export function parseEventsQuery(searchParams: Record<string, unknown>): EventsQuery | null {
  const parsed = eventsQuerySchema.safeParse({
    topic: searchParams.topic,
    year: searchParams.year,
    page: searchParams.page,
  });
  return parsed.success ? parsed.data : null;
}

/** The address of a filter set and page: "/events", "/events?topic=north-korea&year=2025". */
export function eventsHref(query: Partial<EventsQuery>): string {
  const params = new URLSearchParams();
  if (query.topic) params.set("topic", query.topic);
  if (query.year) params.set("year", String(query.year));
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/events?${search}` : "/events";
}

/** The route key of a query: "all", or its canonical query string, percent-encoded as one segment. */
export function eventsQueryKey(query: EventsQuery): string {
  const search = eventsHref(query).slice("/events".length + 1);
  return search ? encodeURIComponent(search) : "all";
}

/** The query a route key stands for, or null unless the key is exactly how eventsQueryKey writes it. */
export function canonicalEventsQuery(key: string): EventsQuery | null {
  let decoded: string;
  try {
    decoded = key === "all" ? "" : decodeURIComponent(key);
  } catch {
    return null;
  }
  const query = parseEventsQuery(searchParamsRecord(new URLSearchParams(decoded)));
  if (!query) return null;
  const canonical = eventsQueryKey(query);
  return key === canonical || key === decodeURIComponent(canonical) ? query : null;
}
