/**
 * Signed links for subscribers: `<id>.<purpose>.<expiry>.<nonce>.<signature>`.
 *
 * The signature is HMAC-SHA256 over everything before it, with a key derived from
 * NEXTAUTH_SECRET (HKDF, so the session secret itself never signs anything else). The
 * nonce ties a token to the subscriber's state when it was issued, and the caller checks
 * it against the database: a confirmation token carries the time its email was sent
 * (`consentAt`), so a newer email supersedes it and confirming uses it up; a management
 * token carries the row's creation time, so it dies with an erased subscriber.
 *
 * Pure: no database, no environment (see links.ts for the configured key).
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { subscriberTokenSchema } from "@/lib/validations/subscriber";

/**
 * A subscriber's confirmation and management links, and an event registration's (lib/events:
 * the id is then the registration's, the nonces its consent and creation times).
 */
export type TokenPurpose = "confirm" | "manage" | "registration-confirm" | "registration-manage";

const PURPOSE_CODES: Record<TokenPurpose, string> = {
  confirm: "c",
  manage: "m",
  "registration-confirm": "r",
  "registration-manage": "x",
};
const PURPOSES_BY_CODE: Record<string, TokenPurpose> = Object.fromEntries(
  Object.entries(PURPOSE_CODES).map(([purpose, code]) => [code, purpose as TokenPurpose]),
);

export type TokenClaims = {
  /** The subscriber's id (an event registration's, for the registration purposes). */
  subscriberId: number;
  purpose: TokenPurpose;
  /** Milliseconds since the epoch; the token is good until then. */
  expiresAt: number;
  /** A per-subscriber value the caller compares with the database (see above). */
  nonce: number;
};

export type TokenCheck =
  | { valid: true; claims: TokenClaims; expired: boolean }
  | { valid: false; reason: "malformed" | "bad-signature" | "wrong-purpose" };

/** 32 bytes for HMAC-SHA256, derived from the application secret. */
export function deriveTokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quire", "subscriber-link-tokens-v1", 32));
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function createToken(key: Buffer, claims: TokenClaims): string {
  const payload = [
    claims.subscriberId,
    PURPOSE_CODES[claims.purpose],
    Math.ceil(claims.expiresAt / 1000).toString(36),
    claims.nonce.toString(36),
  ].join(".");
  return `${payload}.${sign(key, payload)}`;
}

/**
 * Checks the format and signature, and says whether the token has expired (the caller
 * decides what an expired token may still do). Never throws.
 */
export function verifyToken(key: Buffer, token: unknown, purpose: TokenPurpose, now = Date.now()): TokenCheck {
  const parsed = subscriberTokenSchema.safeParse(token);
  if (!parsed.success) return { valid: false, reason: "malformed" };
  const parts = parsed.data.split(".");
  const [id, purposeCode, expiry, nonce, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(key, parts.slice(0, 4).join(".")));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { valid: false, reason: "bad-signature" };
  if (PURPOSES_BY_CODE[purposeCode] !== purpose) return { valid: false, reason: "wrong-purpose" };
  const claims: TokenClaims = {
    subscriberId: Number(id),
    purpose,
    expiresAt: parseInt(expiry, 36) * 1000,
    nonce: parseInt(nonce, 36),
  };
  if (
    !Number.isSafeInteger(claims.subscriberId) ||
    !Number.isSafeInteger(claims.expiresAt) ||
    !Number.isSafeInteger(claims.nonce)
  ) {
    return { valid: false, reason: "malformed" };
  }
  return { valid: true, claims, expired: now >= claims.expiresAt };
}
