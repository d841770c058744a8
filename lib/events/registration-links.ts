/**
 * Signed links in registration emails, made and checked like the mailing list's
 * (lib/subscribers/links.ts: the same key, NEXTAUTH_SECRET_PREVIOUS honoured after a
 * rotation). The confirmation link carries the registration's consent time as its nonce, so
 * a newer registration email supersedes it; the manage (cancel) link carries the row's
 * creation time, so it dies with a pruned or erased registration.
 */
import "server-only";
import { checkToken, CONFIRM_TOKEN_LIFETIME_MS, signedToken, siteLink } from "@/lib/subscribers/links";

export { CONFIRM_TOKEN_LIFETIME_MS };

/** A cancel link works for 180 days after its email; every email about the event issues a fresh one. */
export const MANAGE_REGISTRATION_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

export const REGISTRATION_CONFIRM_PATH = "/events/registration/confirm";
export const REGISTRATION_MANAGE_PATH = "/events/registration/manage";

type ConfirmTarget = { id: number; consentAt: Date };
type ManageTarget = { id: number; createdAt: Date };

export function registrationConfirmUrl(registration: ConfirmTarget): string {
  const token = signedToken(
    "registration-confirm",
    registration.id,
    registration.consentAt.getTime(),
    CONFIRM_TOKEN_LIFETIME_MS,
  );
  return siteLink(REGISTRATION_CONFIRM_PATH, token);
}

export function registrationManageUrl(registration: ManageTarget): string {
  const token = signedToken(
    "registration-manage",
    registration.id,
    registration.createdAt.getTime(),
    MANAGE_REGISTRATION_LIFETIME_MS,
  );
  return siteLink(REGISTRATION_MANAGE_PATH, token);
}

export type RegistrationLink =
  { valid: true; registrationId: number; nonce: number } | { valid: false; reason: "invalid" | "expired" };

/** A link's token, checked for its purpose, signature and expiry (the caller checks the nonce). */
export function checkRegistrationLink(
  token: unknown,
  purpose: "registration-confirm" | "registration-manage",
  now = Date.now(),
): RegistrationLink {
  const check = checkToken(token, purpose, now);
  if (!check.valid) return { valid: false, reason: "invalid" };
  if (check.expired) return { valid: false, reason: "expired" };
  return { valid: true, registrationId: check.claims.subscriberId, nonce: check.claims.nonce };
}
