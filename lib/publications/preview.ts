/**
 * Private preview links: `<publication id>.<expiry>.<signature>`, HMAC-SHA256 with a key
 * derived from NEXTAUTH_SECRET. Anyone holding a valid link sees the publication as the
 * public page would show it, published or not, until the link expires. After a rotation,
 * links signed with NEXTAUTH_SECRET_PREVIOUS keep working until they expire.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const PREVIEW_LIFETIME_MS = 24 * 60 * 60 * 1000;

const deriveKey = (secret: string) => Buffer.from(hkdfSync("sha256", secret, "quire", "publication-preview-v1", 32));

function previewKey(): Buffer {
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: preview links cannot be signed.");
  return deriveKey(env.NEXTAUTH_SECRET);
}

/** Keys a link may be signed with: the current one, then the one before a rotation. */
function verificationKeys(): Buffer[] {
  return env.NEXTAUTH_SECRET_PREVIOUS ? [previewKey(), deriveKey(env.NEXTAUTH_SECRET_PREVIOUS)] : [previewKey()];
}

const sign = (payload: string, key = previewKey()) => createHmac("sha256", key).update(payload).digest("base64url");

export function createPreviewToken(publicationId: number, now = Date.now()): string {
  const payload = `${publicationId}.${Math.ceil((now + PREVIEW_LIFETIME_MS) / 1000).toString(36)}`;
  return `${payload}.${sign(payload)}`;
}

/** The publication id a token grants, or null when malformed, forged or expired. */
export function verifyPreviewToken(token: string, now = Date.now()): number | null {
  const match = /^(\d{1,10})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, expiry, signature] = match as unknown as [string, string, string, string];
  const given = Buffer.from(signature);
  const signedWithKnownKey = verificationKeys().some((key) => {
    const expected = Buffer.from(sign(`${id}.${expiry}`, key));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedWithKnownKey) return null;
  if (parseInt(expiry, 36) * 1000 < now) return null;
  return Number(id);
}
