/**
 * Calendar files (RFC 5545 iCalendar) and "Add to calendar" links for events. Pure: the event
 * page's download, the /events.ics feed and the registration emails' attachment all write
 * the same VEVENT, so a calendar that imported one recognises the others (same UID).
 */

export type CalendarEvent = {
  /** The publication's id: the UID is derived from it and the site's host, stable for ever. */
  id: number;
  title: string;
  /** Plain text. */
  description: string;
  /** Absolute address of the event's page. */
  url: string;
  /** Venue and address, or "Online". */
  location: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  /** When the particulars last changed: calendars replace an older copy by SEQUENCE. */
  updatedAt: Date;
};

export function eventUid(id: number, siteUrl: string): string {
  return `event-${id}@${new URL(siteUrl).hostname}`;
}

/** 20261204T150000Z: every time in UTC, so no VTIMEZONE block is needed. */
function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
function icsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 sequence. */
function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = "";
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export type CalendarOptions = {
  siteUrl: string;
  /** The calendar's name, shown by clients that subscribe to a feed. */
  name: string;
  /** DTSTAMP; tests pass a fixed time. */
  now?: Date;
};

export function calendarFile(events: CalendarEvent[], options: CalendarOptions): string {
  const stamp = icsTime(options.now ?? new Date());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Quire//Events//EN",
    "CALSCALE:GREGORIAN",
    // PUBLISH, not REQUEST: a download or a feed, never an invitation to answer.
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(options.name)}`,
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${eventUid(event.id, options.siteUrl)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${Math.floor(event.updatedAt.getTime() / 1000)}`,
      `DTSTART:${icsTime(event.startsAt)}`,
      `DTEND:${icsTime(event.endsAt)}`,
      `SUMMARY:${icsText(event.title)}`,
      `DESCRIPTION:${icsText(event.description)}`,
      `LOCATION:${icsText(event.location)}`,
      `URL:${icsText(event.url)}`,
      `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** 20261204T150000Z, as Google's template link takes it. */
export function googleCalendarLink(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${icsTime(event.startsAt)}/${icsTime(event.endsAt)}`,
    details: `${event.description}\n\n${event.url}`.trim(),
    location: event.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarLink(event: CalendarEvent): string {
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: event.startsAt.toISOString(),
    enddt: event.endsAt.toISOString(),
    body: `${event.description}\n\n${event.url}`.trim(),
    location: event.location,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}
