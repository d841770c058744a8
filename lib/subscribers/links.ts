import "server-only";
import { env } from "@/lib/env";
import { createToken, deriveTokenKey, verifyToken, type TokenCheck, type TokenPurpose } from "./tokens";

/** A confirmation link works for 72 hours after its email was sent. */
export const CONFIRM_TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000;
/**
 * Preference links live as long as an old newsletter is likely to be opened. Every
 * email issues a fresh one, so an active reader always holds a valid link.
 */
export const MANAGE_TOKEN_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

class MailingListConfigurationError extends Error {}

let cachedKey: Buffer | undefined;
let cachedPreviousKey: Buffer | null | undefined;

/** The key every link is signed with. */
function tokenKey(): Buffer {
  if (!env.NEXTAUTH_SECRET) {
    // The start script always sets it; without it links could not be verified after a restart.
    throw new MailingListConfigurationError("NEXTAUTH_SECRET is not set: subscriber links cannot be signed.");
  }
  cachedKey ??= deriveTokenKey(env.NEXTAUTH_SECRET);
  return cachedKey;
}

/** After a rotation: the key links already sent were signed with (verification only). */
function previousTokenKey(): Buffer | null {
  cachedPreviousKey ??= env.NEXTAUTH_SECRET_PREVIOUS ? deriveTokenKey(env.NEXTAUTH_SECRET_PREVIOUS) : null;
  return cachedPreviousKey;
}

/** Throws MailingListConfigurationError early, before anything is written. */
export function assertLinksConfigured(): void {
  tokenKey();
}

type ConfirmTarget = { id: number; consentAt: Date };
type ManageTarget = { id: number; createdAt: Date };

/**
 * A signed token for any purpose (lib/events signs its registration links with this): the
 * row's id, a nonce the caller checks against the row, good for `lifetimeMs`.
 */
export function signedToken(
  purpose: TokenPurpose,
  id: number,
  nonce: number,
  lifetimeMs: number,
  now = Date.now(),
): string {
  return createToken(tokenKey(), { subscriberId: id, purpose, expiresAt: now + lifetimeMs, nonce });
}

export function confirmToken(subscriber: ConfirmTarget, now = Date.now()): string {
  return createToken(tokenKey(), {
    subscriberId: subscriber.id,
    purpose: "confirm",
    expiresAt: now + CONFIRM_TOKEN_LIFETIME_MS,
    nonce: subscriber.consentAt.getTime(),
  });
}

export function manageToken(subscriber: ManageTarget, now = Date.now()): string {
  return createToken(tokenKey(), {
    subscriberId: subscriber.id,
    purpose: "manage",
    expiresAt: now + MANAGE_TOKEN_LIFETIME_MS,
    nonce: subscriber.createdAt.getTime(),
  });
}

/**
 * Verifies with the current key, then (when NEXTAUTH_SECRET was rotated) with the previous
 * one, so the unsubscribe links in every email already sent keep working.
 */
export function checkToken(token: unknown, purpose: TokenPurpose, now = Date.now()): TokenCheck {
  const current = verifyToken(tokenKey(), token, purpose, now);
  if (current.valid || current.reason !== "bad-signature") return current;
  const previous = previousTokenKey();
  return previous ? verifyToken(previous, token, purpose, now) : current;
}

/** An absolute address on this site carrying `token` in its query string. */
export function siteLink(path: string, token: string): string {
  const url = new URL(path, env.SITE_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

export const confirmationUrl = (subscriber: ConfirmTarget) => siteLink("/subscribe/confirm", confirmToken(subscriber));

/** The management links an email carries; one token serves all three. */
export function managementLinks(subscriber: ManageTarget) {
  const token = manageToken(subscriber);
  return {
    preferences: siteLink("/subscribe/preferences", token),
    unsubscribe: siteLink("/unsubscribe", token),
    /** RFC 8058 one-click target: a POST here unsubscribes with no further step. */
    oneClickUnsubscribe: siteLink("/api/unsubscribe", token),
  };
}
