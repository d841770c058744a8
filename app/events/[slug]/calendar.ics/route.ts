import { eventCalendarResponse } from "@/lib/events/calendar-response";

export const dynamic = "force-dynamic"; // read at request time, like the feeds

/** GET /events/<slug>/calendar.ics: one public event as a calendar file ("Add to calendar"). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return eventCalendarResponse((await params).slug);
}
