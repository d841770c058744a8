/**
 * The archive's filters by their query-string names, listed once for the schemas
 * (archive.ts), the search engine, next.config.js's rewrites and proxy.ts. Plain
 * JavaScript so next.config.js can load it; proxy.ts must spell its matcher out as a
 * literal (Next.js reads it without running code), and tests/archive-filters.test.ts
 * holds that copy equal to this list.
 */
export const SLUG_FILTER_KEYS = /** @type {const} */ (["type", "category", "author", "series"]);
export const FILTER_KEYS = /** @type {const} */ ([...SLUG_FILTER_KEYS, "year"]);
