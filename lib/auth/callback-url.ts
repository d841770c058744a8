import { z } from "zod";

const DEFAULT_CALLBACK = "/admin";
const BASE = "http://quire.invalid";

const callbackSchema = z.string().trim().max(2048);

/** Control characters, DEL and backslashes (which browsers read as slashes) never belong in a path we send. */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/** One slash, then anything but a slash or backslash: a path on this site, never "//host". */
const isSitePath = (path: string) => /^\/(?![/\\])/.test(path) && !UNSAFE_CHARACTERS.test(path);

/**
 * `value` as a path on this site, normalised the way a browser would resolve it
 * ("/a/../b" → "/b", "%2e%2e" → ".."), or null when it is not one. The value returned is
 * the one checked: normalising can turn a harmless-looking path into another host
 * ("/..//evil.example" → "//evil.example"), so what comes out is validated again, and
 * must come out of a second normalisation unchanged.
 */
export function sameSitePath(value: unknown): string | null {
  const parsed = callbackSchema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success || !isSitePath(parsed.data)) return null;
  const normalised = (input: string) => {
    const url = new URL(input, BASE);
    return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  };
  try {
    const path = normalised(parsed.data);
    if (path === null || !isSitePath(path) || normalised(path) !== path) return null;
    return path;
  } catch {
    return null;
  }
}

/**
 * A same-origin path to return to after sign-in: "/admin/publications?q=x" is kept;
 * absolute URLs, protocol-relative "//evil.example", backslash tricks, paths that only
 * become one of those once normalised, and /login itself fall back to /admin.
 */
export function safeCallbackPath(value: unknown): string {
  const path = sameSitePath(value);
  if (path === null) return DEFAULT_CALLBACK;
  const { pathname } = new URL(path, BASE);
  if (pathname === "/login" || pathname.startsWith("/api/auth")) return DEFAULT_CALLBACK;
  return path;
}

/**
 * next-auth's redirect callback: where it sends the browser after signing in or out
 * (its callbackUrl parameter and cookie). Only this site's own paths, on `baseUrl`.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate: string = url;
  try {
    const absolute = new URL(url, base);
    // An absolute URL on the site is fine; its path is checked like any other.
    if (absolute.origin === base.origin && !url.startsWith("/"))
      candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  } catch {
    candidate = "";
  }
  return `${base.origin}${sameSitePath(candidate) ?? DEFAULT_CALLBACK}`;
}
