/**
 * Wall-clock times in a named (IANA) time zone: an event is entered and shown in the zone
 * it takes place in, and stored in UTC. Pure, with Intl only: no time-zone database of our own.
 */

/** Whether `zone` is a time zone this runtime knows ("Asia/Seoul", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of `date` in `zone`. */
function wallClock(date: Date, zone: string) {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
}

/** How far `zone` is ahead of UTC at `date`, in milliseconds. */
function offsetAt(date: Date, zone: string): number {
  const clock = wallClock(date, zone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The moment a wall-clock time ("2026-12-10T14:00", as a datetime-local input gives it)
 * stands for in `zone`, or null when the text is not a real date and time. A time skipped
 * by a daylight-saving change moves forward by the gap, as clocks do.
 */
export function zonedInputToDate(input: string, zone: string): Date | null {
  const match = LOCAL_INPUT.exec(input);
  if (!match || !isTimeZone(zone)) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((value) => Number(value ?? 0));
  const guess = Date.UTC(year!, month! - 1, day!, hour!, minute!, second);
  const check = new Date(guess);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59) return null;
  // The zone's offset at the guess, then again at the result: right on both sides of a change.
  const first = guess - offsetAt(new Date(guess), zone);
  return new Date(guess - offsetAt(new Date(first), zone));
}

/** `date` as a datetime-local input shows it in `zone`: "2026-12-10T14:00". */
export function dateToZonedInput(date: Date, zone: string): string {
  const clock = wallClock(date, zone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}

/** The time zones offered in the editor: every zone this runtime knows. */
export function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
}
