/**
 * Signed links that let a staff member set a password: "reset" (forgot password, or sent
 * by an admin) and "invite" (a new account). Format `<userId>.<r|i>.<expiry>.<signature>`.
 *
 * The signature is HMAC-SHA256 over the payload *and* the account's current password hash
 * and sessionVersion, which never leave the server. Setting a password changes both, so a
 * link works once; a newer reset, "sign out everywhere" or any other password change also
 * voids every link issued before it. The key is derived from NEXTAUTH_SECRET (HKDF) and
 * used for nothing else.
 *
 * Pure: no database, no environment (see password-links.ts for those).
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export type PasswordTokenPurpose = "reset" | "invite";

const PURPOSE_CODES: Record<PasswordTokenPurpose, string> = { reset: "r", invite: "i" };
const PURPOSES_BY_CODE: Record<string, PasswordTokenPurpose> = { r: "reset", i: "invite" };

/** How long each kind of link works. */
export const PASSWORD_TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invite: 72 * 60 * 60 * 1000,
};

/** What the signature binds a token to: the account as it is when the link is issued. */
export type AccountState = { id: number; passwordHash: string; sessionVersion: number };

const tokenSchema = z
  .string()
  .max(200)
  .regex(/^\d{1,10}\.[ri]\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}$/);

export type ParsedPasswordToken = { userId: number; purpose: PasswordTokenPurpose; expiresAt: number };

export function derivePasswordTokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quire", "staff-password-links-v1", 32));
}

function signature(key: Buffer, payload: string, account: AccountState): string {
  return createHmac("sha256", key)
    .update(`${payload}\n${account.passwordHash}\n${account.sessionVersion}`)
    .digest("base64url");
}

export function createPasswordToken(
  key: Buffer,
  account: AccountState,
  purpose: PasswordTokenPurpose,
  now = Date.now(),
): string {
  const expiresAt = now + PASSWORD_TOKEN_LIFETIME_MS[purpose];
  const payload = [account.id, PURPOSE_CODES[purpose], Math.ceil(expiresAt / 1000).toString(36)].join(".");
  return `${payload}.${signature(key, payload, account)}`;
}

/** The claims a well-formed token makes, before anything is checked; null when malformed. */
export function parsePasswordToken(token: unknown): ParsedPasswordToken | null {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [id, code, expiry] = parsed.data.split(".") as [string, string, string];
  const userId = Number(id);
  const expiresAt = parseInt(expiry, 36) * 1000;
  if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(expiresAt)) return null;
  return { userId, purpose: PURPOSES_BY_CODE[code]!, expiresAt };
}

export type PasswordTokenCheck =
  { valid: true; purpose: PasswordTokenPurpose } | { valid: false; reason: "malformed" | "bad-signature" | "expired" };

/** Whether `token` was issued for this account in its current state and has not expired. Never throws. */
export function verifyPasswordToken(
  key: Buffer,
  token: unknown,
  account: AccountState,
  now = Date.now(),
): PasswordTokenCheck {
  const claims = parsePasswordToken(token);
  if (!claims || claims.userId !== account.id) return { valid: false, reason: "malformed" };
  const parts = (token as string).split(".");
  const expected = Buffer.from(signature(key, parts.slice(0, 3).join("."), account));
  const given = Buffer.from(parts[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { valid: false, reason: "bad-signature" };
  if (now >= claims.expiresAt) return { valid: false, reason: "expired" };
  return { valid: true, purpose: claims.purpose };
}
