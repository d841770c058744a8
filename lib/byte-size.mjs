/**
 * Sizes as people write them in settings: "268435456", "256MB", "512 kb", "1g" (binary
 * units). Plain JavaScript, because the page cache handler (loaded by Next.js without
 * compiling it) reads PAGE_CACHE_MAX_BYTES with it too; lib/env.ts validates with it.
 */

const UNITS = /** @type {const} */ ({
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
});

/**
 * A size in bytes, or null when the text is not a positive whole number of bytes with an
 * optional unit.
 * @param {string} text
 * @returns {number | null}
 */
export function parseByteSize(text) {
  const match = /^\s*(\d{1,15})\s*([kmg]?b?)\s*$/i.exec(text);
  if (!match) return null;
  const unit = UNITS[/** @type {keyof typeof UNITS} */ ((match[2] || "b").toLowerCase())];
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}
