/**
 * Byte ranges (RFC 9110 §14): reading a `Range` header, resolving it against a file's size,
 * and the `If-Range` and `If-None-Match` checks that decide whether it applies. Audio and
 * video players seek with ranges; PDF viewers fetch pages with them.
 *
 * One range is served (206). Anything else is answered with the whole file (200), which
 * the standard allows a server to do with any Range it will not honour: a header it cannot
 * read, another unit, or several ranges (multipart answers are rarely needed and a classic
 * way to make a server do much work for little: "bytes=0-,0-,0-…").
 */

/** What a single-range header asks for, before the file's size is known. */
export type RangeRequest =
  /** bytes=a-b (end null: "bytes=a-", to the end). Positions are inclusive. */
  | { start: number; end: number | null }
  /** bytes=-n: the last n bytes. */
  | { suffixLength: number };

/** A range resolved against a size: first and last byte, inclusive. */
export type ByteRange = { start: number; end: number };

/** The longest header read; a real player's is a few dozen characters. */
const MAX_HEADER_LENGTH = 200;
/**
 * Positions past this many digits are beyond any file (and past Number's exact integers):
 * a start there is unsatisfiable, an end there means "to the end".
 */
const MAX_DIGITS = 15;
const BEYOND_ANY_FILE = Number.MAX_SAFE_INTEGER;

function position(digits: string): number {
  return digits.length > MAX_DIGITS ? BEYOND_ANY_FILE : Number(digits);
}

/**
 * The one range a `Range` header asks for, or null when the whole file should be sent:
 * no header, another unit, several ranges, or a header that does not parse.
 */
export function parseRangeHeader(header: string | null): RangeRequest | null {
  if (header === null || header.length > MAX_HEADER_LENGTH) return null;
  const match = /^\s*bytes\s*=\s*([^,]*?)\s*$/i.exec(header);
  if (!match) return null;
  const spec = /^(\d*)-(\d*)$/.exec(match[1]!);
  if (!spec) return null;
  const [, first = "", last = ""] = spec;
  if (first === "" && last === "") return null;
  if (first === "") return { suffixLength: position(last) };
  const start = position(first);
  const end = last === "" ? null : position(last);
  // "bytes=5-2" is not a valid range: ignored, so the whole file is sent.
  if (end !== null && end < start) return null;
  return { start, end };
}

/**
 * The bytes a request covers in a file of `size` bytes, or null when it covers none (416):
 * a start at or past the end, or a suffix of zero bytes. An end past the file is cut to it.
 */
export function resolveRange(request: RangeRequest, size: number): ByteRange | null {
  if (size <= 0) return null;
  if ("suffixLength" in request) {
    if (request.suffixLength <= 0) return null;
    return { start: Math.max(0, size - request.suffixLength), end: size - 1 };
  }
  if (request.start >= size) return null;
  return { start: request.start, end: Math.min(request.end ?? size - 1, size - 1) };
}

/** `Range: bytes=…` for passing a request on (to S3, for example). */
export function rangeHeaderValue(request: RangeRequest): string {
  if ("suffixLength" in request) return `bytes=-${request.suffixLength}`;
  return `bytes=${request.start}-${request.end ?? ""}`;
}

/** "bytes 0-99/1234" for a 206 answer. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/** "bytes *\/1234" for a 416 answer. */
export function unsatisfiedRange(size: number): string {
  return `bytes */${size}`;
}

/** Reads a "bytes a-b/size" or "bytes *\/size" Content-Range, as S3 and other stores send it. */
export function parseContentRange(header: string | null): { range: ByteRange | null; size: number } | null {
  if (!header) return null;
  const match = /^bytes (?:(\d{1,15})-(\d{1,15})|\*)\/(\d{1,15})$/.exec(header.trim());
  if (!match) return null;
  const size = Number(match[3]);
  if (match[1] === undefined) return { range: null, size };
  const range = { start: Number(match[1]), end: Number(match[2]) };
  return range.end < range.start || range.end >= size ? null : { range, size };
}

/** The entity tags in an If-None-Match or If-Range header ("*" included as "*"), weakness dropped. */
function entityTags(header: string): string[] {
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .filter(Boolean);
}

/** Whether If-None-Match names this (strong) tag or "*": the client's copy is current (304). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return entityTags(header).some((tag) => tag === "*" || tag === etag);
}

/**
 * Whether a Range may be honoured under the request's If-Range: always without one; with
 * one, only when it is this strong entity tag, or exactly this Last-Modified date. Anything
 * else (another tag, a weak tag, a date that differs or does not parse) means the client's
 * part may belong to another version, so it gets the whole file.
 */
export function ifRangeAllows(header: string | null, etag: string, lastModified: Date | null): boolean {
  if (header === null) return true;
  const value = header.trim();
  if (value.startsWith('"')) return value === etag;
  if (value.startsWith("W/")) return false;
  if (!lastModified) return false;
  const date = Date.parse(value);
  return Number.isFinite(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}
