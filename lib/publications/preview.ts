/**
 * Private preview links: `<publication id>.<expiry>.<signature>`, HMAC-SHA256 with a key
 * derived from NEXTAUTH_SECRET. Anyone holding a valid link sees the publication as the
 * public page would show it, published or not, until the link expires.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const PREVIEW_LIFETIME_MS = 24 * 60 * 60 * 1000;

function previewKey(): Buffer {
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: preview links cannot be signed.");
  return Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "quire", "publication-preview-v1", 32));
}

const sign = (payload: string) => createHmac("sha256", previewKey()).update(payload).digest("base64url");

export function createPreviewToken(publicationId: number, now = Date.now()): string {
  const payload = `${publicationId}.${Math.ceil((now + PREVIEW_LIFETIME_MS) / 1000).toString(36)}`;
  return `${payload}.${sign(payload)}`;
}

/** The publication id a token grants, or null when malformed, forged or expired. */
export function verifyPreviewToken(token: string, now = Date.now()): number | null {
  const match = /^(\d{1,10})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, expiry, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(`${id}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (parseInt(expiry, 36) * 1000 < now) return null;
  return Number(id);
}
