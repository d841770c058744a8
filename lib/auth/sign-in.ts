/**
 * Staff sign-in: checks an email and password against the User table, behind progressive
 * lockouts per account and client, per client address and per account for unknown clients
 * (lib/http/rate-limit.ts: in memory or in PostgreSQL), and writes an audit entry for every
 * outcome that names an account (those that name none are counted per hour: audit-log.ts).
 * The database is passed in so the same code serves next-auth (lib/auth/config.ts) and
 * the integration tests. Messages never say whether an account exists.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";
import { lockoutMinutes as lockoutMinutesOf, ProgressiveLockout, type Admission } from "@/lib/http/rate-limit";
import { emailSchema } from "@/lib/validations/user";
import { countAnonymousAuthEvent } from "./audit-log";
import type { KnownDevice } from "./known-device";
import { hashPassword, verifyPassword } from "./password";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";
export const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes, then try again.";

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

export type SignInFailure = "invalid" | "unknown_email" | "wrong_password" | "disabled" | "rate_limited";

export type SignInResult =
  | { ok: true; user: SignedInUser; knownDevice: { userId: number; nonce: string | null } }
  | { ok: false; reason: SignInFailure; message: string };

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
    },
  });
  const device = user && context.device?.userId === user.id ? context.device : null;
  const gate = await admit(
    device
      ? { perAccountAndClient: `${email}|device:${device.nonce}` }
      : {
          perAddress: addressKey,
          perAccountAndClient: `${email}|address:${addressKey}`,
          perAccountFromUnknownClients: email,
        },
  );
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

  // Right: this client's failures at this account are forgotten; the address's and the
  // account's only lose this attempt's count.
  for (const { scope, admission } of gate.admitted)
    await signInLockouts[scope].succeeded(admission, { forget: scope === "perAccountAndClient" });
  await database.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit(database, "auth.sign_in.success", user.id, { ip, knownDevice: device !== null });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    knownDevice: { userId: user.id, nonce: device?.nonce ?? null },
  };
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
