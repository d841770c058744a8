/** Fields named like `publishedAt` hold dates; JSON (the data cache, page props) turns them into strings. */
const DATE_FIELD = /At$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** `value` with the ISO strings of its `…At` fields turned back into dates, at any depth. */
export function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const revived: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      revived[key] =
        typeof field === "string" && DATE_FIELD.test(key) && ISO_DATE.test(field)
          ? new Date(field)
          : reviveDates(field);
    }
    return revived as T;
  }
  return value;
}
