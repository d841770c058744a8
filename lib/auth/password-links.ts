/**
 * Password links for staff: "Forgot your password?", a reset sent by an admin, and the
 * invitation of a new account all email a signed link to /login/reset (password-tokens.ts),
 * where the owner sets a password. Setting it raises sessionVersion, which signs out every
 * other session and voids every link issued before, and clears the account's lockout for
 * unknown clients (lib/auth/sign-in.ts).
 */
import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { mailer } from "@/lib/mail/mailer";
import { passwordLinkEmail } from "@/lib/mail/templates/password-link";
import { RateLimit } from "@/lib/http/rate-limit";
import { invalidInput, refuse, type FormResult, type Result } from "@/lib/result";
import { forgotPasswordSchema, setPasswordSchema } from "@/lib/validations/user";
import { countAnonymousAuthEvent } from "./audit-log";
import { hashPassword } from "./password";
import { clearAccountLockout } from "./sign-in";
import {
  createPasswordToken,
  derivePasswordTokenKey,
  parsePasswordToken,
  PASSWORD_TOKEN_LIFETIME_MS,
  verifyPasswordToken,
  type PasswordTokenPurpose,
} from "./password-tokens";

/** The one answer to every accepted request, whether or not the account exists. */
export const RESET_REQUESTED_MESSAGE =
  "If there is a staff account for this address, we have sent it a link to choose a new password. The link works for 1 hour.";
export const RESET_RATE_LIMITED_MESSAGE = "Too many reset requests. Wait a few minutes, then try again.";
export const INVALID_LINK_MESSAGE = "This link has expired or has already been used. Ask for a new one.";

/** Per client address and per email address typed (lib/http/rate-limit.ts: memory or PostgreSQL). */
export const resetRequestLimits = {
  perIp: new RateLimit("reset-ip", 10, 15 * 60),
  perAddress: new RateLimit("reset-address", 3, 60 * 60),
};

let cachedKey: Buffer | undefined;
function tokenKey(): Buffer {
  // The start script always sets the secret; links could not survive a restart without it.
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: password links cannot be signed.");
  cachedKey ??= derivePasswordTokenKey(env.NEXTAUTH_SECRET);
  return cachedKey;
}

const accountSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
  sessionVersion: true,
  disabledAt: true,
} as const;

function passwordLinkUrl(token: string): string {
  const url = new URL("/login/reset", env.SITE_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

/**
 * Emails `userId` a link to set their password (a disabled account gets nothing) and
 * records it. `invitedBy` makes it an invitation.
 */
export async function sendPasswordLink(
  database: DatabaseClient,
  userId: number,
  options: { purpose: PasswordTokenPurpose; actorId: number | null; invitedBy?: string },
): Promise<boolean> {
  const account = await database.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!account || account.disabledAt) return false;
  const url = passwordLinkUrl(createPasswordToken(tokenKey(), account, options.purpose));
  const content = passwordLinkEmail({
    siteName: env.SITE_NAME,
    name: account.name,
    url,
    validForHours: PASSWORD_TOKEN_LIFETIME_MS[options.purpose] / 3_600_000,
    invitation:
      options.purpose === "invite"
        ? { invitedBy: options.invitedBy ?? "An administrator", role: account.role.toLowerCase() }
        : undefined,
  });
  await mailer().send({ to: { name: account.name, address: account.email }, ...content });
  await database.auditLog.create({
    data: {
      action: `auth.password_link.sent`,
      actorId: options.actorId,
      entityType: "User",
      entityId: String(account.id),
      details: { purpose: options.purpose },
    },
  });
  return true;
}

export type ResetRequestResult = FormResult<"email">;

/**
 * "Forgot your password?": the same answer whether or not the account exists. The email
 * goes out in the background (`delivery`), so the answer takes as long either way.
 */
export async function requestPasswordReset(
  database: DatabaseClient,
  input: unknown,
  context: { ip: string | null },
): Promise<{ result: ResetRequestResult; delivery: Promise<void> }> {
  const done = Promise.resolve();
  if (!(await resetRequestLimits.perIp.attempt(context.ip ?? "unknown")).ok)
    return { result: refuse(429, RESET_RATE_LIMITED_MESSAGE), delivery: done };
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return { result: invalidInput(parsed.error), delivery: done };
  const { email } = parsed.data;
  if (!(await resetRequestLimits.perAddress.attempt(email)).ok)
    return { result: refuse(429, RESET_RATE_LIMITED_MESSAGE), delivery: done };

  const delivery = (async () => {
    const user = await database.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
    if (!user || user.disabledAt) {
      // Anyone can ask for any address: counted per hour, not logged one by one.
      await countAnonymousAuthEvent(database, "password_reset.unknown_email");
      return;
    }
    await database.auditLog.create({
      data: {
        action: "auth.password_reset.requested",
        actorId: user.id,
        entityType: "User",
        entityId: String(user.id),
        details: { known: true, ip: context.ip },
      },
    });
    await sendPasswordLink(database, user.id, { purpose: "reset", actorId: null });
  })().catch((error: unknown) =>
    console.error(`Sending a password reset link failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  return { result: { ok: true, message: RESET_REQUESTED_MESSAGE }, delivery };
}

export type PasswordLinkCheck =
  { valid: true; purpose: PasswordTokenPurpose; email: string; name: string } | { valid: false };

/** Whether a link still works (the /login/reset page asks before showing its form). */
export async function checkPasswordLink(
  database: DatabaseClient,
  token: unknown,
  now = Date.now(),
): Promise<PasswordLinkCheck> {
  const claims = parsePasswordToken(token);
  if (!claims) return { valid: false };
  const account = await database.user.findUnique({ where: { id: claims.userId }, select: accountSelect });
  if (!account || account.disabledAt) return { valid: false };
  const check = verifyPasswordToken(tokenKey(), token, account, now);
  return check.valid
    ? { valid: true, purpose: check.purpose, email: account.email, name: account.name }
    : { valid: false };
}

export type SetPasswordField = "password" | "confirm";
export type SetPasswordResult = Result<{ message: string; email: string }, SetPasswordField>;

/** Sets the password a link was sent for, once: the link dies with the old hash and sessionVersion. */
export async function setPasswordWithLink(
  database: DatabaseClient,
  input: unknown,
  now = Date.now(),
): Promise<SetPasswordResult> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { token, password } = parsed.data;
  const claims = parsePasswordToken(token);
  const account = claims && (await database.user.findUnique({ where: { id: claims.userId }, select: accountSelect }));
  const check = account && !account.disabledAt ? verifyPasswordToken(tokenKey(), token, account, now) : null;
  if (!account || !check?.valid) return refuse(410, INVALID_LINK_MESSAGE);

  const passwordHash = await hashPassword(password);
  // Only if nothing changed since the link was checked: of two uses at once, one wins.
  const used = await database.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: account.id, passwordHash: account.passwordHash, sessionVersion: account.sessionVersion },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await tx.auditLog.create({
      data: {
        action: check.purpose === "invite" ? "user.invitation.accepted" : "auth.password_reset.completed",
        actorId: account.id,
        entityType: "User",
        entityId: String(account.id),
      },
    });
    return true;
  });
  if (!used) return refuse(410, INVALID_LINK_MESSAGE);
  // Whoever guessed at the account from elsewhere no longer holds up its owner.
  await clearAccountLockout(account.email);
  return { ok: true, email: account.email, message: "Your password is set. Sign in with it now." };
}
