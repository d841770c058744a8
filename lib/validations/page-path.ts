/**
 * Where a simple page may live: `/[slug]` or `/[parent]/[slug]`, never under a first
 * segment another route of the URL contract uses (../shared/DESIGN.md), nor one the old
 * WordPress addresses need to keep redirecting. README, "Pages", lists them.
 */
import { z } from "zod";

export const RESERVED_FIRST_SEGMENTS: ReadonlySet<string> = new Set([
  // Routes of the URL contract and the app.
  "admin",
  "api",
  "atom.xml",
  "authors",
  "bench",
  "categories",
  "events",
  "events.ics",
  "experts",
  "feed.json",
  "feed.xml",
  "login",
  "media",
  "preview",
  "privacy",
  "publications",
  "robots.txt",
  "search",
  "series",
  "sitemap",
  "sitemap.xml",
  "subscribe",
  "unsubscribe",
  "_next",
  "favicon.ico",
  "404",
  "500",
  // Old WordPress addresses that redirect (lib/wordpress).
  "author",
  "category",
  "feed",
  "tag",
  "wp-admin",
  "wp-content",
  "wp-includes",
  "wp-json",
  "wp-login.php",
  "xmlrpc.php",
]);

const segment = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A page address uses lower-case letters, digits and hyphens.");

/** A page's full path without the leading slash: "about" or "about/staff". */
export const pagePathSchema = z
  .string()
  .max(250)
  .transform((value) => value.replace(/^\/+|\/+$/g, ""))
  .pipe(
    z
      .string()
      .refine((value) => {
        const parts = value.split("/");
        return parts.length >= 1 && parts.length <= 2 && parts.every((part) => segment.safeParse(part).success);
      }, "A page lives at /name or /parent/name.")
      .refine(
        (value) => !RESERVED_FIRST_SEGMENTS.has(value.split("/")[0]!),
        "That address belongs to another part of the site.",
      ),
  );

export function isReservedFirstSegment(segmentValue: string): boolean {
  return RESERVED_FIRST_SEGMENTS.has(segmentValue.toLowerCase());
}
