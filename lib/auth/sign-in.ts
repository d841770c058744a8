/**
 * Staff sign-in: checks an email and password against the User table, with a per-account
 * progressive lockout and a per-IP limiter, and writes an audit entry for every outcome.
 * The database is passed in so the same code serves next-auth (lib/auth/config.ts) and
 * the integration tests. Messages never say whether an account exists.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";
import { SlidingWindowLimiter } from "@/lib/subscribers/rate-limit";
import { emailSchema } from "@/lib/validations/user";
import { hashPassword, verifyPassword } from "./password";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";
export const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes, then try again.";

/** Failed attempts allowed before an account locks. */
export const FAILURES_BEFORE_LOCKOUT = 5;
/** Lockout after the 5th, 6th, 7th… consecutive failure; the last step repeats. */
export const LOCKOUT_STEPS_MINUTES = [1, 5, 15, 60] as const;

/** Per client IP: failed attempts in a sliding window, whatever the account (successes do not count). */
export const signInLimiter = new SlidingWindowLimiter(30, 15 * 60 * 1000);

export const credentialsSchema = z.object({
  email: emailSchema,
  // Not the new-password rules: any non-empty password is checked (and fails) the same way.
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
});

export type Credentials = z.infer<typeof credentialsSchema>;

export type SignedInUser = { id: number; email: string; name: string; role: Role };

export type SignInFailure = "invalid" | "unknown_email" | "wrong_password" | "disabled" | "locked" | "rate_limited";

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: SignInFailure; message: string };

export function lockoutMinutes(failedSignIns: number): number | null {
  if (failedSignIns < FAILURES_BEFORE_LOCKOUT) return null;
  const step = Math.min(failedSignIns - FAILURES_BEFORE_LOCKOUT, LOCKOUT_STEPS_MINUTES.length - 1);
  return LOCKOUT_STEPS_MINUTES[step]!;
}

// Unknown emails still pay for one argon2 verification, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("quire-timing-equaliser-not-a-real-password");
  return dummyHash;
}

type Context = { ip?: string | null; now?: Date; limiter?: SlidingWindowLimiter };

export async function authenticate(database: DatabaseClient, input: unknown, context: Context = {}): Promise<SignInResult> {
  const now = context.now ?? new Date();
  const ip = context.ip ?? null;
  const limiter = context.limiter ?? signInLimiter;

  const ipKey = ip ?? "unknown";
  if (limiter.retryAfterSeconds(ipKey, now.getTime()) > 0) {
    await audit(database, "auth.sign_in.rate_limited", null, { ip });
    return { ok: false, reason: "rate_limited", message: RATE_LIMITED_MESSAGE };
  }
  const failure = (reason: SignInFailure): SignInResult => {
    limiter.attempt(ipKey, now.getTime());
    return { ok: false, reason, message: INVALID_CREDENTIALS_MESSAGE };
  };

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return failure("invalid");
  const { email, password } = parsed.data;

  const user = await database.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, lockedUntil: true, passwordHash: true },
  });

  if (!user) {
    await verifyPassword(await timingDummyHash(), password);
    await audit(database, "auth.sign_in.failure", null, { reason: "unknown_email", ip });
    return failure("unknown_email");
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(await timingDummyHash(), password);
    await audit(database, "auth.sign_in.failure", user.id, { reason: "locked", ip, lockedUntil: user.lockedUntil.toISOString() });
    return failure("locked");
  }

  const passwordMatches = await verifyPassword(user.passwordHash, password);
  if (!passwordMatches) {
    // Incremented in the database, so concurrent attempts each count.
    const updated = await database.user.update({
      where: { id: user.id },
      data: { failedSignIns: { increment: 1 } },
      select: { failedSignIns: true },
    });
    await audit(database, "auth.sign_in.failure", user.id, { reason: "wrong_password", ip, failedSignIns: updated.failedSignIns });
    const minutes = lockoutMinutes(updated.failedSignIns);
    if (minutes !== null) {
      const lockedUntil = new Date(now.getTime() + minutes * 60_000);
      await database.user.update({ where: { id: user.id }, data: { lockedUntil } });
      await audit(database, "auth.lockout", user.id, { ip, minutes, lockedUntil: lockedUntil.toISOString(), failedSignIns: updated.failedSignIns });
    }
    return failure("wrong_password");
  }

  if (user.disabledAt) {
    await audit(database, "auth.sign_in.failure", user.id, { reason: "disabled", ip });
    return failure("disabled");
  }

  await database.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  await audit(database, "auth.sign_in.success", user.id, { ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

async function audit(database: DatabaseClient, action: string, userId: number | null, details: Record<string, string | number | null>) {
  await database.auditLog.create({
    data: { action, actorId: userId, entityType: "User", entityId: userId === null ? null : String(userId), details },
  });
}
