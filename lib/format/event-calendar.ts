/**
 * An event as a calendar entry (lib/format/calendar.ts writes the file and the links):
 * shared by the event page, the calendar routes and the registration emails. Pure.
 */
import type { CalendarEvent } from "./calendar";
import { eventPath } from "./paths";

/** Where an event takes place, as far as calendars need it. */
export type EventPlace = { inPerson: boolean; venueName: string; address: string; online: boolean };

/** Plain text of an event's place for calendars: venue and address, and/or "Online". */
export function calendarLocation(event: EventPlace): string {
  const inPerson = event.inPerson ? [event.venueName, event.address].filter(Boolean).join(", ") : "";
  return [inPerson, event.online ? "Online" : ""].filter(Boolean).join(" and ") || "To be announced";
}

/** The calendar entry of an event (lib/format/calendar.ts writes it). */
export function calendarEventOf(
  publication: { id: number; slug: string; title: string; summary: string },
  event: EventPlace & {
    startsAt: Date;
    endsAt: Date;
    state: "SCHEDULED" | "POSTPONED" | "CANCELLED";
    updatedAt: Date;
  },
  siteUrl: string,
): CalendarEvent {
  return {
    id: publication.id,
    title: publication.title,
    description: publication.summary,
    url: new URL(eventPath(publication.slug), siteUrl).toString(),
    location: calendarLocation(event),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    cancelled: event.state === "CANCELLED",
    updatedAt: event.updatedAt,
  };
}
