/**
 * Staff sign-in: checks an email and password against the User table, with a progressive
 * lockout per account (in the database) and per client address (in memory), and writes an
 * audit entry for every outcome.
 * The database is passed in so the same code serves next-auth (lib/auth/config.ts) and
 * the integration tests. Messages never say whether an account exists.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";
import { emailSchema } from "@/lib/validations/user";
import { hashPassword, verifyPassword } from "./password";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";
export const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes, then try again.";

/** Failed attempts allowed before an account, or a client address, locks. */
const FAILURES_BEFORE_LOCKOUT = 5;
/** Lockout after the 5th, 6th, 7th… consecutive failure; the last step repeats. */
const LOCKOUT_STEPS_MINUTES = [1, 5, 15, 60] as const;

const credentialsSchema = z.object({
  email: emailSchema,
  // Not the new-password rules: any non-empty password is checked (and fails) the same way.
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
});

export type Credentials = z.infer<typeof credentialsSchema>;

export type SignedInUser = { id: number; email: string; name: string; role: Role; sessionVersion: number };

export type SignInFailure = "invalid" | "unknown_email" | "wrong_password" | "disabled" | "locked" | "rate_limited";

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: SignInFailure; message: string };

export function lockoutMinutes(failedSignIns: number): number | null {
  if (failedSignIns < FAILURES_BEFORE_LOCKOUT) return null;
  const step = Math.min(failedSignIns - FAILURES_BEFORE_LOCKOUT, LOCKOUT_STEPS_MINUTES.length - 1);
  return LOCKOUT_STEPS_MINUTES[step]!;
}

/**
 * Failed sign-ins per client address, whatever the accounts tried: after the 5th the
 * address waits 1, 5, 15, then 60 minutes before each further try, the same steps as an
 * account. Successes do not clear it (one valid account must not shield guessing at
 * others); an hour without failures does. Kept in this process's memory, like the other
 * rate limits (see lib/http/rate-limit.ts).
 */
export class AddressLockout {
  private readonly failures = new Map<string, { count: number; lastAt: number; lockedUntil: number }>();

  constructor(
    private readonly forgetAfterMs = 60 * 60 * 1000,
    private readonly maxKeys = 50_000,
  ) {}

  /** Seconds until `key` may try again (0 when it may now). */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const entry = this.current(key, now);
    return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
  }

  /** Counts a failure; returns the lockout it starts in minutes, or null. */
  recordFailure(key: string, now = Date.now()): number | null {
    const count = (this.current(key, now)?.count ?? 0) + 1;
    const minutes = lockoutMinutes(count);
    this.failures.delete(key); // re-inserted last, so the first keys are the stalest
    this.failures.set(key, { count, lastAt: now, lockedUntil: minutes === null ? 0 : now + minutes * 60_000 });
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    return minutes;
  }

  reset(): void {
    this.failures.clear();
  }

  private current(key: string, now: number) {
    const entry = this.failures.get(key);
    if (entry && now - Math.max(entry.lastAt, entry.lockedUntil) > this.forgetAfterMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}

export const addressLockout = new AddressLockout();

// Unknown emails still pay for one argon2 verification, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("quire-timing-equaliser-not-a-real-password");
  return dummyHash;
}

type Context = { ip?: string | null; now?: Date; lockout?: AddressLockout };

export async function authenticate(
  database: DatabaseClient,
  input: unknown,
  context: Context = {},
): Promise<SignInResult> {
  const now = context.now ?? new Date();
  const ip = context.ip ?? null;
  const lockout = context.lockout ?? addressLockout;

  const ipKey = ip ?? "unknown";
  if (lockout.retryAfterSeconds(ipKey, now.getTime()) > 0) {
    await audit(database, "auth.sign_in.rate_limited", null, { ip });
    return { ok: false, reason: "rate_limited", message: RATE_LIMITED_MESSAGE };
  }
  const failure = async (reason: SignInFailure): Promise<SignInResult> => {
    const minutes = lockout.recordFailure(ipKey, now.getTime());
    if (minutes !== null) await audit(database, "auth.lockout", null, { scope: "address", ip, minutes });
    return { ok: false, reason, message: INVALID_CREDENTIALS_MESSAGE };
  };

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return await failure("invalid");
  const { email, password } = parsed.data;

  const user = await database.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      lockedUntil: true,
      passwordHash: true,
      sessionVersion: true,
    },
  });

  if (!user) {
    await verifyPassword(await timingDummyHash(), password);
    await audit(database, "auth.sign_in.failure", null, { reason: "unknown_email", ip });
    return await failure("unknown_email");
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(await timingDummyHash(), password);
    await audit(database, "auth.sign_in.failure", user.id, {
      reason: "locked",
      ip,
      lockedUntil: user.lockedUntil.toISOString(),
    });
    return await failure("locked");
  }

  const passwordMatches = await verifyPassword(user.passwordHash, password);
  if (!passwordMatches) {
    // Incremented in the database, so concurrent attempts each count.
    const updated = await database.user.update({
      where: { id: user.id },
      data: { failedSignIns: { increment: 1 } },
      select: { failedSignIns: true },
    });
    await audit(database, "auth.sign_in.failure", user.id, {
      reason: "wrong_password",
      ip,
      failedSignIns: updated.failedSignIns,
    });
    const minutes = lockoutMinutes(updated.failedSignIns);
    if (minutes !== null) {
      const lockedUntil = new Date(now.getTime() + minutes * 60_000);
      await database.user.update({ where: { id: user.id }, data: { lockedUntil } });
      await audit(database, "auth.lockout", user.id, {
        ip,
        minutes,
        lockedUntil: lockedUntil.toISOString(),
        failedSignIns: updated.failedSignIns,
      });
    }
    return await failure("wrong_password");
  }

  if (user.disabledAt) {
    await audit(database, "auth.sign_in.failure", user.id, { reason: "disabled", ip });
    return await failure("disabled");
  }

  await database.user.update({
    where: { id: user.id },
    data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now },
  });
  await audit(database, "auth.sign_in.success", user.id, { ip });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}

async function audit(
  database: DatabaseClient,
  action: string,
  userId: number | null,
  details: Record<string, string | number | null>,
) {
  await database.auditLog.create({
    data: { action, actorId: userId, entityType: "User", entityId: userId === null ? null : String(userId), details },
  });
}
