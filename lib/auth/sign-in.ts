/**
 * Staff sign-in: checks an email and password against the User table, behind progressive
 * lockouts per account and client, per client address and per account for unknown clients
 * (lib/http/rate-limit.ts: in memory or in PostgreSQL), and writes an audit entry for every
 * outcome that names an account (those that name none are counted per hour: audit-log.ts).
 * The database is passed in so the same code serves next-auth (lib/auth/config.ts) and
 * the integration tests. Messages never say whether an account exists.
 *
 * An account with a second factor signs in in two steps: the right password yields no
 * session, only a pending sign-in (lib/auth/pending-sign-in.ts); `authenticateSecondFactor`
 * then takes a code. Wrong codes count against the same lockouts as wrong passwords, and
 * the right password does not clear them: only the whole sign-in does.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";
import { lockoutMinutes as lockoutMinutesOf, ProgressiveLockout, type Admission } from "@/lib/http/rate-limit";
import { emailSchema } from "@/lib/validations/user";
import { countAnonymousAuthEvent } from "./audit-log";
import type { KnownDevice } from "./known-device";
import { hashPassword, verifyPassword } from "./password";
import type { PendingSignIn } from "./pending-sign-in";
import { checkSecondFactor } from "./totp";
import {
  INVALID_CODE_MESSAGE,
  INVALID_CREDENTIALS_MESSAGE,
  RATE_LIMITED_MESSAGE,
  SECOND_FACTOR_REQUIRED_MESSAGE,
  SIGN_IN_EXPIRED_MESSAGE,
} from "./sign-in-messages";

export {
  INVALID_CODE_MESSAGE,
  INVALID_CREDENTIALS_MESSAGE,
  RATE_LIMITED_MESSAGE,
  SECOND_FACTOR_REQUIRED_MESSAGE,
  SIGN_IN_EXPIRED_MESSAGE,
};

/**
 * Three progressive lockouts, all with the same steps: after 5 failures, 1, 5, 15, then 60
 * minutes before each further try.
 *
 * - per account and client (the email typed, with the client's address, or with its known
 *   device): guessing at one account from one place. Cleared by a success from that place.
 * - per client address, whatever the accounts tried: one valid account must not shield
 *   guessing at others, so successes do not clear it. A known device is not held by it.
 * - per account, for clients it does not know (allowing 20 failures first): guessing at one
 *   account from many addresses. The owner still signs in from a known device, or sets a
 *   new password through an emailed link, which clears it.
 *
 * None locks the account as a whole: whoever guesses from one address does not stop its
 * owner at another. All apply the same to emails with no account, so that nothing in the
 * answers says which emails have one.
 */
const STEPS_MINUTES = [1, 5, 15, 60] as const;
const DAY_SECONDS = 24 * 60 * 60;

export const signInLockouts = {
  perAccountAndClient: new ProgressiveLockout("sign-in-pair", {
    failuresBeforeLock: 5,
    stepsMinutes: STEPS_MINUTES,
    forgetAfterSeconds: DAY_SECONDS,
  }),
  perAddress: new ProgressiveLockout("sign-in-address", {
    failuresBeforeLock: 5,
    stepsMinutes: STEPS_MINUTES,
    forgetAfterSeconds: 60 * 60,
  }),
  perAccountFromUnknownClients: new ProgressiveLockout("sign-in-account", {
    failuresBeforeLock: 20,
    stepsMinutes: STEPS_MINUTES,
    forgetAfterSeconds: DAY_SECONDS,
  }),
};

type LockoutScope = keyof typeof signInLockouts;
const SCOPE_NAMES: Record<LockoutScope, string> = {
  perAccountAndClient: "account-and-client",
  perAddress: "address",
  perAccountFromUnknownClients: "account",
};

/** The lock the `failures`-th consecutive failure from one client starts, in minutes (or null). */
export function lockoutMinutes(failures: number): number | null {
  return lockoutMinutesOf(signInLockouts.perAccountAndClient.policy, failures);
}

/** Forgets an account's failures from unknown clients (a new password was set through an emailed link). */
export function clearAccountLockout(email: string): Promise<void> {
  return signInLockouts.perAccountFromUnknownClients.clear(email.toLowerCase());
}

const credentialsSchema = z.object({
  email: emailSchema,
  // Not the new-password rules: any non-empty password is checked (and fails) the same way.
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
});

export type Credentials = z.infer<typeof credentialsSchema>;

export type SignedInUser = { id: number; email: string; name: string; role: Role; sessionVersion: number };

export type SignInFailure =
  | "invalid"
  | "unknown_email"
  | "wrong_password"
  | "disabled"
  | "rate_limited"
  | "wrong_code"
  | "replayed_code"
  | "expired";

export type SignInResult =
  | { ok: true; user: SignedInUser; knownDevice: { userId: number; nonce: string | null } }
  | { ok: false; reason: SignInFailure; message: string }
  /** The password was right; the browser gets a pending sign-in and is asked for a code. */
  | { ok: false; reason: "second_factor_required"; message: string; pending: PendingSignIn };

// Unknown emails still pay for one argon2 verification, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("quire-timing-equaliser-not-a-real-password");
  return dummyHash;
}

/** `device`: the signature-checked known-device cookie the browser sent, if any (lib/auth/known-device.ts). */
type Context = { ip?: string | null; device?: KnownDevice | null };

type Admitted = Array<{ scope: LockoutScope; admission: Admission }>;

/**
 * Lets an attempt through every lockout that applies to it, or none: when one refuses,
 * the others' counts are given back.
 */
async function admit(
  keys: Partial<Record<LockoutScope, string>>,
): Promise<{ ok: true; admitted: Admitted } | { ok: false }> {
  const admitted: Admitted = [];
  for (const [scope, key] of Object.entries(keys) as Array<[LockoutScope, string]>) {
    const verdict = await signInLockouts[scope].admit(key);
    if (!verdict.ok) {
      await Promise.all(admitted.map((entry) => signInLockouts[entry.scope].withdraw(entry.admission)));
      return { ok: false };
    }
    admitted.push({ scope, admission: verdict.admission });
  }
  return { ok: true, admitted };
}

export async function authenticate(
  database: DatabaseClient,
  input: unknown,
  context: Context = {},
): Promise<SignInResult> {
  const ip = context.ip ?? null;
  const addressKey = ip ?? "unknown";
  // Refusals cost an attacker nothing, so they are counted per hour, not logged one by one.
  const rateLimited = async (): Promise<SignInResult> => {
    await countAnonymousAuthEvent(database, "sign_in.rate_limited");
    return { ok: false, reason: "rate_limited", message: RATE_LIMITED_MESSAGE };
  };
  const failed = async (admitted: Admitted, userId: number | null, reason: SignInFailure): Promise<SignInResult> => {
    for (const { scope, admission } of admitted) {
      const minutes = await signInLockouts[scope].failed(admission);
      if (minutes !== null) await audit(database, "auth.lockout", userId, { scope: SCOPE_NAMES[scope], ip, minutes });
    }
    return { ok: false, reason, message: INVALID_CREDENTIALS_MESSAGE };
  };

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    const gate = await admit({ perAddress: addressKey });
    if (!gate.ok) return rateLimited();
    await countAnonymousAuthEvent(database, "sign_in.invalid");
    return failed(gate.admitted, null, "invalid");
  }
  const { email, password } = parsed.data;

  const user = await database.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      passwordHash: true,
      sessionVersion: true,
      twoFactor: { select: { enabledAt: true } },
    },
  });
  const device = user && context.device?.userId === user.id ? context.device : null;
  const gate = await admit(lockoutKeys(email, addressKey, device));
  if (!gate.ok) {
    // Costs the same as a checked password, so a lock does not answer faster than a guess.
    await verifyPassword(await timingDummyHash(), password);
    return rateLimited();
  }

  if (!user) {
    await verifyPassword(await timingDummyHash(), password);
    await countAnonymousAuthEvent(database, "sign_in.unknown_email");
    return failed(gate.admitted, null, "unknown_email");
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    await audit(database, "auth.sign_in.failure", user.id, {
      reason: "wrong_password",
      ip,
      knownDevice: device !== null,
    });
    return failed(gate.admitted, user.id, "wrong_password");
  }

  if (user.disabledAt) {
    await audit(database, "auth.sign_in.failure", user.id, { reason: "disabled", ip });
    return failed(gate.admitted, user.id, "disabled");
  }

  if (user.twoFactor?.enabledAt) {
    // Half a sign-in: this attempt's count is given back, but earlier failures (passwords
    // or codes) stand until the code is right, so re-entering the password buys no guesses.
    for (const { scope, admission } of gate.admitted)
      await signInLockouts[scope].succeeded(admission, { forget: false });
    await audit(database, "auth.sign_in.password_verified", user.id, { ip, knownDevice: device !== null });
    return {
      ok: false,
      reason: "second_factor_required",
      message: SECOND_FACTOR_REQUIRED_MESSAGE,
      pending: { userId: user.id, sessionVersion: user.sessionVersion },
    };
  }

  return signedIn(database, gate.admitted, user, { ip, device });
}

/** The lockouts an attempt at `email` counts against, from a known device or from an address. */
function lockoutKeys(
  email: string,
  addressKey: string,
  device: KnownDevice | null,
): Partial<Record<LockoutScope, string>> {
  return device
    ? { perAccountAndClient: `${email}|device:${device.nonce}` }
    : {
        perAddress: addressKey,
        perAccountAndClient: `${email}|address:${addressKey}`,
        perAccountFromUnknownClients: email,
      };
}

async function signedIn(
  database: DatabaseClient,
  admitted: Admitted,
  user: SignedInUser,
  context: { ip: string | null; device: KnownDevice | null; secondFactor?: "totp" | "recovery_code" },
): Promise<SignInResult> {
  // Right: this client's failures at this account are forgotten; the address's and the
  // account's only lose this attempt's count.
  for (const { scope, admission } of admitted)
    await signInLockouts[scope].succeeded(admission, { forget: scope === "perAccountAndClient" });
  await database.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit(database, "auth.sign_in.success", user.id, {
    ip: context.ip,
    knownDevice: context.device !== null,
    ...(context.secondFactor && { secondFactor: context.secondFactor }),
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    knownDevice: { userId: user.id, nonce: context.device?.nonce ?? null },
  };
}

const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code").max(64, "That code is too long"),
});

/**
 * Sign-in's second step: `pending` is the signature-checked pending sign-in the browser
 * holds (null when it has none, or an expired or forged one). The code is an authenticator
 * code or a recovery code (lib/auth/totp.ts). Counts against the password's lockouts.
 */
export async function authenticateSecondFactor(
  database: DatabaseClient,
  input: unknown,
  context: Context & { pending: PendingSignIn | null; secretKeys: readonly Buffer[] },
): Promise<SignInResult> {
  const ip = context.ip ?? null;
  const expired: SignInResult = { ok: false, reason: "expired", message: SIGN_IN_EXPIRED_MESSAGE };
  if (!context.pending) return expired;
  const user = await database.user.findUnique({
    where: { id: context.pending.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
      twoFactor: { select: { enabledAt: true } },
    },
  });
  // Disabled, signed out everywhere or reset since the password was checked: start again.
  if (!user || user.disabledAt || user.sessionVersion !== context.pending.sessionVersion || !user.twoFactor?.enabledAt)
    return expired;

  const device = context.device?.userId === user.id ? context.device : null;
  const gate = await admit(lockoutKeys(user.email, ip ?? "unknown", device));
  if (!gate.ok) {
    await countAnonymousAuthEvent(database, "sign_in.rate_limited");
    return { ok: false, reason: "rate_limited", message: RATE_LIMITED_MESSAGE };
  }

  const parsed = codeSchema.safeParse(input);
  const check = parsed.success
    ? await checkSecondFactor(database, context.secretKeys, user.id, parsed.data.code)
    : ({ ok: false, reason: "wrong_code" } as const);
  if (!check.ok) {
    await audit(database, "auth.two_factor.failure", user.id, { reason: check.reason, stage: "sign_in", ip });
    for (const { scope, admission } of gate.admitted) {
      const minutes = await signInLockouts[scope].failed(admission);
      if (minutes !== null) await audit(database, "auth.lockout", user.id, { scope: SCOPE_NAMES[scope], ip, minutes });
    }
    return { ok: false, reason: check.reason, message: INVALID_CODE_MESSAGE };
  }
  return signedIn(database, gate.admitted, user, { ip, device, secondFactor: check.method });
}

async function audit(
  database: DatabaseClient,
  action: string,
  userId: number | null,
  details: Record<string, string | number | boolean | null>,
) {
  await database.auditLog.create({
    data: { action, actorId: userId, entityType: "User", entityId: userId === null ? null : String(userId), details },
  });
}
