const longDate = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** "March 4, 2024". Publication dates are shown in UTC so every reader sees the same day. */
export function formatLongDate(date: Date): string {
  return longDate.format(date);
}
