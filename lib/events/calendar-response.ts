/**
 * The calendar routes' answers: /events.ics (upcoming public events, for calendars that
 * subscribe) and /events/<slug>/calendar.ics (one event's "Add to calendar" download).
 * Read per request like the feeds (lib/feeds/respond.ts) and left to HTTP caches.
 */
import "server-only";
import { readCalendarFeedEvents, readEventCalendarEntry } from "@/lib/data/events";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { calendarFile } from "@/lib/format/calendar";
import { slugSchema } from "@/lib/validations/common";

/** Calendar clients poll feeds; shared caches may keep a copy for five minutes. */
const CALENDAR_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

function calendarResponse(body: string, fileName: string, attachment: boolean): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `${attachment ? "attachment" : "inline"}; filename="${fileName}"`,
      "Cache-Control": CALENDAR_CACHE_CONTROL,
    },
  });
}

function notFound(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}

export async function calendarFeedResponse(): Promise<Response> {
  const events = await readCalendarFeedEvents(db, env.SITE_URL);
  return calendarResponse(
    calendarFile(events, { siteUrl: env.SITE_URL, name: `${env.SITE_NAME} events` }),
    "events.ics",
    false,
  );
}

export async function eventCalendarResponse(rawSlug: string): Promise<Response> {
  const slug = slugSchema.safeParse(rawSlug);
  if (!slug.success) return notFound();
  const event = await readEventCalendarEntry(db, slug.data, env.SITE_URL);
  if (!event) return notFound();
  return calendarResponse(
    calendarFile([event], { siteUrl: env.SITE_URL, name: event.title }),
    `${slug.data}.ics`,
    true,
  );
}
