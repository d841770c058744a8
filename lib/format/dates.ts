/*
 * Every date the site shows, formatted in one place. Everything is in UTC so that every
 * reader, and every member of staff, sees the same day and time.
 */

const longDate = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const mediumDate = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const mediumDateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const mediumDateTimeSeconds = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});
const shortMonth = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** "March 4, 2024". Publication dates are shown in UTC so every reader sees the same day. */
export function formatLongDate(date: Date): string {
  return longDate.format(date);
}

/** "Mar 4, 2024": a day on a staff page (UTC). */
export function formatAdminDate(date: Date): string {
  return mediumDate.format(date);
}

/** "Mar 4, 2024, 3:05 PM", or with seconds "Mar 4, 2024, 3:05:09 PM": a moment on a staff page (UTC). */
export function formatAdminDateTime(date: Date, { seconds = false }: { seconds?: boolean } = {}): string {
  return (seconds ? mediumDateTimeSeconds : mediumDateTime).format(date);
}

/** "Mar 2024": a month on a staff chart (UTC). */
export function formatAdminMonth(date: Date): string {
  return shortMonth.format(date);
}

/** "2024-03-04": the UTC day, as in file names. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/*
 * Events are the exception to UTC: an event is shown in the time zone it takes place in
 * (with the zone's name), and the reader's own time beside it.
 */
const eventFormatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
function eventFormatter(timeZone: string) {
  let formatter = eventFormatters.get(timeZone);
  if (!formatter) {
    formatter = {
      day: new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone }),
      time: new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone }),
    };
    eventFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Thursday, December 10, 2026": the day an event starts, in its own time zone. */
export function formatEventDay(date: Date, timeZone: string): string {
  return eventFormatter(timeZone).day.format(date);
}

/** "2:00 PM EST": a time of an event, in its own time zone, with the zone. */
export function formatEventTime(date: Date, timeZone: string): string {
  return eventFormatter(timeZone).time.format(date);
}

/**
 * "Thursday, December 10, 2026, 2:00 PM EST – 3:30 PM EST", or with both days when the
 * event ends on a later day (in its own zone).
 */
export function formatEventWhen(startsAt: Date, endsAt: Date, timeZone: string): string {
  const startDay = formatEventDay(startsAt, timeZone);
  const endDay = formatEventDay(endsAt, timeZone);
  const start = `${startDay}, ${formatEventTime(startsAt, timeZone)}`;
  const end =
    endDay === startDay ? formatEventTime(endsAt, timeZone) : `${endDay}, ${formatEventTime(endsAt, timeZone)}`;
  return `${start} – ${end}`;
}

/** "2024-03-04 15:05:09": a moment in UTC as WordPress export files write it (wp:post_date_gmt). */
export function formatWxrDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}
