/**
 * An event's time in the reader's own time zone, beside the time in the event's zone that
 * the cached page shows: the element's `data-starts-at` and `data-ends-at` (ISO) are
 * written as "Your time: Thu, Dec 10, 9:00 PM – 10:30 PM GMT+9". Left empty when the
 * reader's clock agrees with the event's zone at both times (`data-starts-offset` and
 * `data-ends-offset`, minutes east of UTC).
 *
 * Written with Date's own getters, not Intl.DateTimeFormat: building a formatter makes a
 * phone load the locale's calendar data, a long task of 100–150 ms on a slow CPU, and the
 * site's dates are in English anyway.
 *
 * Self-contained on purpose (see search-combobox.ts): its source runs as an inline script.
 */
export function attachLocalTime(element: HTMLElement): void {
  const startsAt = new Date(element.dataset.startsAt ?? "");
  const endsAt = new Date(element.dataset.endsAt ?? "");
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return;
  // getTimezoneOffset counts minutes behind UTC; the page's offsets count minutes ahead.
  const readerStartOffset = -startsAt.getTimezoneOffset();
  const readerEndOffset = -endsAt.getTimezoneOffset();
  if (
    readerStartOffset === Number(element.dataset.startsOffset) &&
    readerEndOffset === Number(element.dataset.endsOffset)
  ) {
    return;
  }
  const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const day = (date: Date) => `${weekdays[date.getDay()]}, ${months[date.getMonth()]} ${date.getDate()}`;
  const time = (date: Date) =>
    `${date.getHours() % 12 || 12}:${String(date.getMinutes()).padStart(2, "0")} ${date.getHours() < 12 ? "AM" : "PM"}`;
  const zone = (offsetMinutes: number) => {
    const hours = Math.floor(Math.abs(offsetMinutes) / 60);
    const minutes = Math.abs(offsetMinutes) % 60;
    const sign = offsetMinutes < 0 ? "-" : "+";
    return offsetMinutes === 0 ? "GMT" : `GMT${sign}${hours}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
  };
  const endTime = `${time(endsAt)} ${zone(readerEndOffset)}`;
  const end = day(startsAt) === day(endsAt) ? endTime : `${day(endsAt)}, ${endTime}`;
  element.textContent = `Your time: ${day(startsAt)}, ${time(startsAt)} – ${end}`;
  element.hidden = false;
}
