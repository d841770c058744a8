/**
 * An event's time in the reader's own time zone, beside the time in the event's zone that
 * the cached page shows: the element's `data-starts-at` and `data-ends-at` (ISO) are
 * written as "Your time: Dec 10, 9:00 PM – 10:30 PM GMT+9". Left empty when the reader's
 * zone is the event's (`data-time-zone`), or when the browser cannot say.
 *
 * Self-contained on purpose (see search-combobox.ts): its source runs as an inline script.
 */
export function attachLocalTime(element: HTMLElement): void {
  const startsAt = new Date(element.dataset.startsAt ?? "");
  const endsAt = new Date(element.dataset.endsAt ?? "");
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return;
  let readerZone = "";
  try {
    readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!readerZone || readerZone === element.dataset.timeZone) return;
  const day = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
  const timeWithZone = new Intl.DateTimeFormat(undefined, {
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  const end = sameDay ? timeWithZone.format(endsAt) : `${day.format(endsAt)}, ${timeWithZone.format(endsAt)}`;
  element.textContent = `Your time: ${day.format(startsAt)}, ${time.format(startsAt)} – ${end}`;
  element.hidden = false;
}
