import { describe, expect, it } from "vitest";
import { calendarFile, eventUid, googleCalendarLink, outlookCalendarLink, type CalendarEvent } from "./calendar";

const event: CalendarEvent = {
  id: 42,
  title: "North Korea, after the summit; a panel, with questions",
  description: "Line one\nLine two, with a comma",
  url: "https://institute.example/events/after-the-summit",
  location: "Main hall, 1800 K Street NW, Washington",
  startsAt: new Date("2026-12-10T15:00:00Z"),
  endsAt: new Date("2026-12-10T16:30:00Z"),
  cancelled: false,
  updatedAt: new Date("2026-12-01T00:00:00Z"),
};
const options = { siteUrl: "https://institute.example", name: "Events", now: new Date("2026-12-04T00:00:00Z") };

describe("calendarFile", () => {
  it("writes one VEVENT per event with UTC times, escaped text and CRLF lines", () => {
    const ics = calendarFile([event], options);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("UID:event-42@institute.example\r\n");
    expect(ics).toContain("DTSTART:20261210T150000Z\r\n");
    expect(ics).toContain("DTEND:20261210T163000Z\r\n");
    expect(ics).toContain("DTSTAMP:20261204T000000Z\r\n");
    expect(ics).toContain("SUMMARY:North Korea\\, after the summit\\; a panel\\, with questions\r\n");
    expect(ics).toContain("DESCRIPTION:Line one\\nLine two\\, with a comma\r\n");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  it("folds lines over 75 octets without splitting a multi-byte character", () => {
    const ics = calendarFile([{ ...event, title: "한반도 ".repeat(30) }], options);
    const lines = ics.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const summary = lines
      .slice(lines.findIndex((line) => line.startsWith("SUMMARY:")))
      .join("\r\n")
      .split(/\r\n(?! )/)[0]
      ?.replace(/\r\n /g, "");
    expect(summary).toBe(`SUMMARY:${"한반도 ".repeat(30)}`);
  });

  it("marks a cancelled event and keeps its UID, so calendars replace it", () => {
    const ics = calendarFile([{ ...event, cancelled: true }], options);
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain(`UID:${eventUid(42, options.siteUrl)}`);
  });

  it("drops control characters a title could carry into the file", () => {
    const ics = calendarFile([{ ...event, title: "A\u0000B\u0007C" }], options);
    expect(ics).toContain("SUMMARY:ABC\r\n");
  });
});

describe("calendar links", () => {
  it("carries the title, times and place to Google and Outlook", () => {
    const google = new URL(googleCalendarLink(event));
    expect(google.hostname).toBe("calendar.google.com");
    expect(google.searchParams.get("dates")).toBe("20261210T150000Z/20261210T163000Z");
    expect(google.searchParams.get("text")).toBe(event.title);
    const outlook = new URL(outlookCalendarLink(event));
    expect(outlook.searchParams.get("startdt")).toBe("2026-12-10T15:00:00.000Z");
    expect(outlook.searchParams.get("location")).toBe(event.location);
  });
});
