/**
 * Known devices: a browser that signed in to an account keeps a signed cookie naming that
 * account. It grants nothing by itself;
 * it only lets the owner through the lockouts that guessing from elsewhere sets off
 * (lib/auth/sign-in.ts), as OWASP's "device cookies" describe: an attacker who locks an
 * account's untrusted sign-ins does not lock out its owner.
 *
 * Format `<userId>.<nonce>.<expiry>.<signature>`: HMAC-SHA256 with a key derived from
 * NEXTAUTH_SECRET and used for nothing else. Pure: no database, no environment.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** A known device stays known for a year after its last sign-in. */
export const KNOWN_DEVICE_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

const TOKEN = /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

export type KnownDevice = { userId: number; nonce: string };

export function deriveKnownDeviceKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quire", "staff-known-device-v1", 32));
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

/** A token for `userId`; `nonce` keeps a device's identity when its token is renewed. */
export function createKnownDeviceToken(key: Buffer, userId: number, nonce?: string, now = Date.now()): string {
  const expiry = Math.ceil(now / 1000 + KNOWN_DEVICE_LIFETIME_SECONDS).toString(36);
  const payload = `${userId}.${nonce ?? randomBytes(16).toString("base64url")}.${expiry}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The device a token names, or null when it is malformed, forged or expired. Never throws. */
export function readKnownDeviceToken(key: Buffer, token: unknown, now = Date.now()): KnownDevice | null {
  if (typeof token !== "string") return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id, nonce, expiry, signature] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(sign(key, `${id}.${nonce}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (parseInt(expiry, 36) * 1000 <= now) return null;
  const userId = Number(id);
  return Number.isSafeInteger(userId) ? { userId, nonce } : null;
}
