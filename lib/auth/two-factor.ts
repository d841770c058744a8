/**
 * A staff member's second factor, as managed on their account page (/admin/account): set
 * up an authenticator (a secret shown until a code confirms it), get recovery codes once,
 * make new ones, turn it off; an admin resets someone else's (/admin/users) and can require
 * one of every ADMIN and EDITOR (/admin/settings). Every change, and every wrong code, is
 * written to the audit log. Callers (server actions) have already checked the session.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, refuse, type Refusal, type Result } from "@/lib/result";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";
import { signInLockouts } from "./sign-in";
import {
  checkSecondFactor,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeCode,
  openSecret,
  otpauthUri,
  TOTP_CODE,
  totpTimeStep,
} from "./totp";
import {
  hasSecondFactor,
  isSecondFactorRequired,
  REQUIRE_SECOND_FACTOR_SETTING,
  ROLES_REQUIRING_SECOND_FACTOR,
} from "./two-factor-policy";
import { secondFactorKey, secondFactorKeys } from "./two-factor-key";

type Person = { id: number; email: string; role: string };
type Context = { ip: string | null };

export type TwoFactorOverview = {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** A set-up awaiting its first code: what the authenticator app needs. Never shown once enabled. */
  pending: { secret: string; uri: string } | null;
};

export async function twoFactorOverview(database: DatabaseClient, user: Person): Promise<TwoFactorOverview> {
  const [row, recoveryCodesLeft] = await Promise.all([
    database.twoFactor.findUnique({ where: { userId: user.id }, select: { secret: true, enabledAt: true } }),
    database.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
  ]);
  const pendingSecret = row && !row.enabledAt ? (openSecret(secondFactorKeys(), row.secret)?.secret ?? null) : null;
  return {
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? recoveryCodesLeft : 0,
    pending: pendingSecret
      ? { secret: pendingSecret, uri: otpauthUri(pendingSecret, env.SITE_NAME, user.email) }
      : null,
  };
}

function audit(
  database: DatabaseClient | Prisma.TransactionClient,
  actorId: number,
  action: string,
  userId: number,
  details: Prisma.InputJsonObject = {},
) {
  return database.auditLog.create({
    data: { action, actorId, entityType: "User", entityId: String(userId), details },
  });
}

const ALREADY_ON = refuse(409, "Two-factor authentication is already on.");
const NOT_ON = refuse(409, "Two-factor authentication is not on.");
const WRONG_CODE = "That code is not right. Check the time on your phone, then try the current code.";

/** Starts a set-up (or starts it again) with a new secret; the page then shows it. */
export async function startEnrolment(database: DatabaseClient, user: Person): Promise<Result> {
  if (await hasSecondFactor(database, user.id)) return ALREADY_ON;
  const secret = encryptSecret(secondFactorKey(), newTotpSecret());
  await database.twoFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secret },
    update: { secret, enabledAt: null, lastUsedStep: null },
  });
  return { ok: true, message: "Add the account to your authenticator app, then enter the code it shows." };
}

/** Wrong codes and passwords on the account page count against the same lockout as sign-in from this address. */
async function guarded(
  database: DatabaseClient,
  user: Person,
  context: Context,
  stage: string,
  check: () => Promise<{ ok: true } | { ok: false; reason: string }>,
): Promise<{ ok: true } | Refusal> {
  const key = `${user.email}|address:${context.ip ?? "unknown"}`;
  const verdict = await signInLockouts.perAccountAndClient.admit(key);
  if (!verdict.ok) {
    const refusal = refuse(429, "Too many wrong codes. Wait a few minutes, then try again.");
    return { ...refusal, retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const outcome = await check();
  if (outcome.ok) {
    await signInLockouts.perAccountAndClient.succeeded(verdict.admission, { forget: false });
    return outcome;
  }
  await audit(database, user.id, "auth.two_factor.failure", user.id, { reason: outcome.reason, stage, ip: context.ip });
  await signInLockouts.perAccountAndClient.failed(verdict.admission);
  return refuse(400, WRONG_CODE, { code: WRONG_CODE });
}

const codeSchema = z.object({
  code: z
    .string()
    .transform(normalizeCode)
    .refine((code) => TOTP_CODE.test(code), "Enter the six-digit code from your authenticator app."),
});

/** Turns the second factor on once a code from the new secret is right; answers with the recovery codes, shown once. */
export async function confirmEnrolment(
  database: DatabaseClient,
  user: Person,
  raw: unknown,
  context: Context,
): Promise<Result<{ message: string; recoveryCodes: string[] }>> {
  const parsed = codeSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const row = await database.twoFactor.findUnique({ where: { userId: user.id } });
  if (row?.enabledAt) return ALREADY_ON;
  const secret = row ? (openSecret(secondFactorKeys(), row.secret)?.secret ?? null) : null;
  if (!secret) return refuse(409, "Start the set-up again: it has no secret yet.");
  const matched: { step: number | null } = { step: null };
  const verdict = await guarded(database, user, context, "enrol", async () => {
    matched.step = await totpTimeStep(secret, parsed.data.code);
    return matched.step === null ? { ok: false, reason: "wrong_code" } : { ok: true };
  });
  if (!verdict.ok) return verdict;

  const recoveryCodes = newRecoveryCodes();
  const enabled = await database.$transaction(async (tx) => {
    // Conditional: two confirmations at once turn it on once.
    const updated = await tx.twoFactor.updateMany({
      where: { userId: user.id, enabledAt: null, secret: row!.secret },
      data: { enabledAt: new Date(), lastUsedStep: matched.step },
    });
    if (updated.count !== 1) return false;
    await replaceRecoveryCodes(tx, user.id, recoveryCodes);
    await audit(tx, user.id, "auth.two_factor.enable", user.id, { ip: context.ip });
    return true;
  });
  if (!enabled) return refuse(409, "Start the set-up again: it changed in the meantime.");
  return {
    ok: true,
    message: "Two-factor authentication is on. Keep these recovery codes somewhere safe.",
    recoveryCodes,
  };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: number, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
}

const confirmationSchema = z.object({
  confirmation: z.string().min(1, "Enter your password or a current code.").max(1024, "That is too long."),
});

/** A current authenticator code (not one used before) or the password: proof that the person is at the keyboard. */
async function confirmIdentity(
  database: DatabaseClient,
  user: Person,
  raw: unknown,
  context: Context,
  stage: string,
): Promise<{ ok: true } | Refusal> {
  const parsed = confirmationSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { confirmation } = parsed.data;
  const refusal = await guarded(database, user, context, stage, async () => {
    if (TOTP_CODE.test(normalizeCode(confirmation))) {
      const check = await checkSecondFactor(database, secondFactorKeys(), user.id, confirmation);
      return check.ok ? { ok: true } : check;
    }
    const row = await database.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    return row && (await verifyPassword(row.passwordHash, confirmation))
      ? { ok: true }
      : { ok: false, reason: "wrong_password" };
  });
  if (refusal.ok || refusal.status !== 400) return refusal;
  const message = "That is not your password or a current code.";
  return { ...refusal, message, fieldErrors: { confirmation: message } };
}

/** New recovery codes replace every old one, shown once. */
export async function regenerateRecoveryCodes(
  database: DatabaseClient,
  user: Person,
  raw: unknown,
  context: Context,
): Promise<Result<{ message: string; recoveryCodes: string[] }>> {
  if (!(await hasSecondFactor(database, user.id))) return NOT_ON;
  const confirmed = await confirmIdentity(database, user, raw, context, "recovery_codes");
  if (!confirmed.ok) return confirmed;
  const recoveryCodes = newRecoveryCodes();
  await database.$transaction(async (tx) => {
    await replaceRecoveryCodes(tx, user.id, recoveryCodes);
    await audit(tx, user.id, "auth.two_factor.recovery_codes_regenerate", user.id, { ip: context.ip });
  });
  return { ok: true, message: "New recovery codes: the old ones no longer work.", recoveryCodes };
}

/** Turns one's own second factor off, unless an admin requires it of one's role. */
export async function disableSecondFactor(
  database: DatabaseClient,
  user: Person,
  raw: unknown,
  context: Context,
): Promise<Result> {
  if (!(await hasSecondFactor(database, user.id))) return NOT_ON;
  if (ROLES_REQUIRING_SECOND_FACTOR.includes(user.role as never) && (await isSecondFactorRequired(database)))
    return refuse(409, "An administrator requires two-factor authentication for your role: it stays on.");
  const confirmed = await confirmIdentity(database, user, raw, context, "disable");
  if (!confirmed.ok) return confirmed;
  await database.$transaction([
    database.twoFactor.deleteMany({ where: { userId: user.id } }),
    database.recoveryCode.deleteMany({ where: { userId: user.id } }),
    database.auditLog.create({
      data: {
        action: "auth.two_factor.disable",
        actorId: user.id,
        entityType: "User",
        entityId: String(user.id),
        details: { ip: context.ip },
      },
    }),
  ]);
  return { ok: true, message: "Two-factor authentication is off." };
}

/**
 * An admin removes a colleague's second factor (a lost phone, no recovery codes left):
 * they sign in with their password and, if it is required, set up a new one. Their
 * sessions end, since whoever holds the lost device may hold one of them too.
 */
export async function resetSecondFactor(
  database: DatabaseClient,
  actor: { id: number },
  userId: number,
): Promise<Result> {
  if (userId === actor.id)
    return refuse(409, "Turn your own two-factor authentication off or on from your account page.");
  return database.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!target) return refuse(404, "There is no such user.");
    const removed = await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await audit(tx, actor.id, "auth.two_factor.reset", userId, { hadSecondFactor: removed.count > 0 });
    return {
      ok: true as const,
      message: `Two-factor authentication reset for ${target.email}; they are signed out everywhere.`,
    };
  });
}

const requirementSchema = z.object({ required: z.boolean() });

/** The setting on /admin/settings. Turning it on needs the admin's own second factor, so they cannot lock themselves out. */
export async function saveSecondFactorRequirement(
  database: DatabaseClient,
  actor: { id: number },
  raw: unknown,
): Promise<Result> {
  const parsed = requirementSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { required } = parsed.data;
  if (required && !(await hasSecondFactor(database, actor.id)))
    return refuse(409, "Turn on two-factor authentication for your own account first.");
  const before = await isSecondFactorRequired(database);
  await database.$transaction([
    database.setting.upsert({
      where: { key: REQUIRE_SECOND_FACTOR_SETTING },
      create: { key: REQUIRE_SECOND_FACTOR_SETTING, value: required },
      update: { value: required },
    }),
    database.auditLog.create({
      data: {
        actorId: actor.id,
        action: "settings.two_factor_requirement_update",
        entityType: "Setting",
        entityId: REQUIRE_SECOND_FACTOR_SETTING,
        details: { from: before, to: required },
      },
    }),
  ]);
  return {
    ok: true,
    message: required
      ? "Admins and editors now need two-factor authentication."
      : "Two-factor authentication is now optional.",
  };
}
