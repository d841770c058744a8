import { calendarFeedResponse } from "@/lib/events/calendar-response";

export const dynamic = "force-dynamic"; // read at request time, like the feeds

/** GET /events.ics: the calendar feed of upcoming public events. */
export function GET() {
  return calendarFeedResponse();
}
