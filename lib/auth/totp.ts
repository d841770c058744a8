/**
 * The second factor's building blocks: TOTP (RFC 6238, through otplib), the secret's
 * encryption at rest, recovery codes, and checking a code someone typed against an
 * account. Enrolment and the account page are in two-factor.ts; sign-in's second step in
 * sign-in.ts.
 *
 * The TOTP secret is encrypted with AES-256-GCM under a key derived from NEXTAUTH_SECRET
 * (HKDF, used for nothing else), so a copy of the database alone cannot produce codes.
 * A rotated NEXTAUTH_SECRET stays readable while it is NEXTAUTH_SECRET_PREVIOUS: secrets
 * still under it are read with it and stored again under the current key at their next
 * accepted code. Only a secret dropped from both makes the stored secrets unreadable:
 * authenticator codes then fail, recovery codes (hashed, not encrypted) still work, and
 * each person sets up their authenticator again (README, "Two-factor authentication").
 * No environment here: the keys are passed in, the current one first (sign-in.ts is
 * loaded by tests before they set the environment).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { generateSecret } from "@otplib/core";
import { ScureBase32Plugin } from "@otplib/plugin-base32-scure";
import { NodeCryptoPlugin } from "@otplib/plugin-crypto-node";
import { verify } from "@otplib/totp";
import { generateTOTP } from "@otplib/uri";
import type { DatabaseClient } from "@/lib/db-client";

const crypto = new NodeCryptoPlugin();
const base32 = new ScureBase32Plugin();

/** How many recovery codes a person gets at a time. */
export const RECOVERY_CODE_COUNT = 10;
/** A code of the step before or after the server's clock is accepted too (clock drift, typing time). */
const TOLERANCE_SECONDS = 30;

/** A six-digit authenticator code, spaces allowed. */
export const TOTP_CODE = /^\d{6}$/;
/** A recovery code: 16 characters of RFC 4648 base32 (80 bits), dashes and spaces allowed. */
const RECOVERY_CODE = /^[A-Z2-7]{16}$/;
const RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A code as typed, without spaces or dashes and in capitals. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/** The key TOTP secrets are encrypted with, derived from NEXTAUTH_SECRET and used for nothing else. */
export function deriveSecretKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "quire", "staff-totp-secret-v1", 32));
}

/** "v1.<iv>.<ciphertext>.<tag>", base64url. */
export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
}

/** The secret, or null when it was stored under another key (NEXTAUTH_SECRET changed) or is damaged. */
export function decryptSecret(key: Buffer, stored: string): string | null {
  const [version, iv, ciphertext, tag] = stored.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * The secret under the first of the keys (current first, then the previous one) that
 * opens it, and whether that was the current key; null when none does.
 */
export function openSecret(keys: readonly Buffer[], stored: string): { secret: string; current: boolean } | null {
  for (const [index, key] of keys.entries()) {
    const secret = decryptSecret(key, stored);
    if (secret !== null) return { secret, current: index === 0 };
  }
  return null;
}

/** A new TOTP secret, base32 (160 bits, as RFC 4226 recommends for SHA-1). */
export function newTotpSecret(): string {
  return generateSecret({ crypto, base32, length: 20 });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, issuer: string, accountName: string): string {
  return generateTOTP({ issuer, label: accountName, secret });
}

/** The time step a six-digit code belongs to (this one, the one before or the one after), or null. */
export async function totpTimeStep(secret: string, code: string, now = Date.now()): Promise<number | null> {
  const token = normalizeCode(code);
  if (!TOTP_CODE.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      crypto,
      base32,
      epoch: Math.floor(now / 1000),
      epochTolerance: TOLERANCE_SECONDS,
    });
    return result.valid ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** Fresh recovery codes, shown once as "ABCD-EFGH-IJKL-MNOP". */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 256 is a multiple of 32, so every character is equally likely.
    const characters = [...randomBytes(16)].map((byte) => RECOVERY_ALPHABET[byte % 32]).join("");
    return characters.match(/.{4}/g)!.join("-");
  });
}

/** What is stored of a recovery code: 80 random bits need no slow hash. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeCode(code)).digest("hex");
}

export type SecondFactorCheck =
  | { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft?: number }
  | { ok: false; reason: "wrong_code" | "replayed_code" };

/**
 * Checks a code typed by the holder of an enabled second factor: an authenticator code
 * not used before (its time step must be later than the last accepted one; the update is
 * conditional, so two requests with one code cannot both pass), or an unused recovery
 * code, which is spent. A secret read with the previous key is stored again under the
 * current one once a code is accepted.
 */
export async function checkSecondFactor(
  database: DatabaseClient,
  keys: readonly Buffer[],
  userId: number,
  code: string,
  now = new Date(),
): Promise<SecondFactorCheck> {
  const token = normalizeCode(code);
  if (TOTP_CODE.test(token)) {
    const row = await database.twoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true } });
    const opened = row?.enabledAt ? openSecret(keys, row.secret) : null;
    const step = opened ? await totpTimeStep(opened.secret, token, now.getTime()) : null;
    if (!opened || step === null) return { ok: false, reason: "wrong_code" };
    const accepted = await database.twoFactor.updateMany({
      where: { userId, enabledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step, ...(!opened.current && { secret: encryptSecret(keys[0]!, opened.secret) }) },
    });
    return accepted.count === 1 ? { ok: true, method: "totp" } : { ok: false, reason: "replayed_code" };
  }
  if (!RECOVERY_CODE.test(token)) return { ok: false, reason: "wrong_code" };
  const spent = await database.recoveryCode.updateMany({
    where: {
      userId,
      codeHash: hashRecoveryCode(token),
      usedAt: null,
      user: { twoFactor: { enabledAt: { not: null } } },
    },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return { ok: false, reason: "wrong_code" };
  const recoveryCodesLeft = await database.recoveryCode.count({ where: { userId, usedAt: null } });
  await database.auditLog.create({
    data: {
      action: "auth.two_factor.recovery_code_used",
      actorId: userId,
      entityType: "User",
      entityId: String(userId),
      details: { recoveryCodesLeft },
    },
  });
  return { ok: true, method: "recovery_code", recoveryCodesLeft };
}
