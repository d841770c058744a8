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

/** "2024-03-04 15:05:09": a moment in UTC as WordPress export files write it (wp:post_date_gmt). */
export function formatWxrDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}
