import { isIP } from "node:net";

type HeaderSource = { get(name: string): string | null };

/** "203.0.113.7", "[2001:db8::1]:443", "203.0.113.7:51234" → the bare address, or null. */
function bareAddress(candidate: string): string | null {
  let value = candidate.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  return isIP(value) ? value : null;
}

/**
 * The reader's IP address for rate limits and the consent record, or null when the
 * request does not say. The last X-Forwarded-For entry is the one our own reverse proxy
 * (or Next.js, when nothing else set it) appended; earlier entries come from the client
 * and could be forged to dodge rate limits. Behind several proxies the last one's view is
 * used, which still limits per proxy rather than failing open.
 */
export function clientIp(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const entries = forwarded.split(",");
    const last = bareAddress(entries[entries.length - 1] ?? "");
    if (last) return last;
  }
  const realIp = headers.get("x-real-ip");
  return realIp ? bareAddress(realIp) : null;
}
