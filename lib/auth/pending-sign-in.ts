/**
 * Between sign-in's two steps: once the password of an account with a second factor is
 * right, the browser holds this signed, short-lived token (an HttpOnly cookie sent only to
 * the sign-in endpoint) instead of a session. It grants nothing by itself: with it, the
 * sign-in endpoint asks for a code, and only the code turns it into a session
 * (lib/auth/sign-in.ts, `authenticateSecondFactor`). It names the account's sessionVersion,
 * so "Sign out everywhere" or a reset also ends sign-ins halfway through.
 *
 * Format `<userId>.<sessionVersion>.<expiry>.<nonce>.<signature>`: HMAC-SHA256 with a key
 * derived from NEXTAUTH_SECRET and used for nothing else. Pure: no database, no environment.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** Time to open the authenticator app and type a code. */
export const PENDING_SIGN_IN_LIFETIME_SECONDS = 5 * 60;

const TOKEN = /^(\d{1,10})\.(\d{1,10})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export type PendingSignIn = { userId: number; sessionVersion: number };

export function derivePendingSignInKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quire", "staff-pending-sign-in-v1", 32));
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function createPendingSignInToken(key: Buffer, pending: PendingSignIn, now = Date.now()): string {
  const expiry = Math.ceil(now / 1000 + PENDING_SIGN_IN_LIFETIME_SECONDS).toString(36);
  const payload = `${pending.userId}.${pending.sessionVersion}.${expiry}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The sign-in a token stands for, or null when it is malformed, forged or expired. Never throws. */
export function readPendingSignInToken(key: Buffer, token: unknown, now = Date.now()): PendingSignIn | null {
  if (typeof token !== "string") return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id, version, expiry, nonce, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(sign(key, `${id}.${version}.${expiry}.${nonce}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (parseInt(expiry, 36) * 1000 <= now) return null;
  const userId = Number(id);
  const sessionVersion = Number(version);
  return Number.isSafeInteger(userId) && Number.isSafeInteger(sessionVersion) ? { userId, sessionVersion } : null;
}
