/*
 * Every date the site shows, formatted in one place, in the site's time zone
 * (SITE_TIME_ZONE, or the one chosen on /admin/settings; UTC by default), so that an evening
 * release in Washington shows that day's date, and every reader and member of staff sees
 * the same day and time.
 *
 * The zone is held on globalThis: the server sets it once at start (instrumentation.ts) and
 * when an admin changes it, and Next.js may load this module more than once in one process.
 */

const ZONE = Symbol.for("quire.siteTimeZone");

type Formatters = {
  longDate: Intl.DateTimeFormat;
  mediumDate: Intl.DateTimeFormat;
  mediumDateTime: Intl.DateTimeFormat;
  mediumDateTimeSeconds: Intl.DateTimeFormat;
  shortMonth: Intl.DateTimeFormat;
};

const formattersByZone = new Map<string, Formatters>();

/** Whether `zone` is an IANA time zone this runtime knows, such as "America/New_York". */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone dates are shown in. */
export function siteTimeZone(): string {
  return (globalThis as Record<symbol, string | undefined>)[ZONE] ?? "UTC";
}

/** Sets the zone dates are shown in (an unknown zone is ignored). */
export function setSiteTimeZone(zone: string): void {
  if (isTimeZone(zone)) (globalThis as Record<symbol, string | undefined>)[ZONE] = zone;
}

function formatters(): Formatters {
  const timeZone = siteTimeZone();
  let found = formattersByZone.get(timeZone);
  if (!found) {
    found = {
      longDate: new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone }),
      mediumDate: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }),
      mediumDateTime: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }),
      mediumDateTimeSeconds: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone }),
      shortMonth: new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone }),
    };
    formattersByZone.set(timeZone, found);
  }
  return found;
}

/** "March 4, 2024": a publication's date, in the site's time zone. */
export function formatLongDate(date: Date): string {
  return formatters().longDate.format(date);
}

/** "Mar 4, 2024": a day on a staff page. */
export function formatAdminDate(date: Date): string {
  return formatters().mediumDate.format(date);
}

/** "Mar 4, 2024, 3:05 PM", or with seconds "Mar 4, 2024, 3:05:09 PM": a moment on a staff page. */
export function formatAdminDateTime(date: Date, { seconds = false }: { seconds?: boolean } = {}): string {
  return (seconds ? formatters().mediumDateTimeSeconds : formatters().mediumDateTime).format(date);
}

/** "Mar 2024": a month on a staff chart. */
export function formatAdminMonth(date: Date): string {
  return formatters().shortMonth.format(date);
}

/** "2024-03-04": the UTC day, as in file names (the same whatever the site's zone). */
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

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How many minutes `timeZone` is ahead of UTC at `date` (−300 for New York in winter). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "";
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match?.[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
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
