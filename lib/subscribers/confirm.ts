import "server-only";
import { db } from "@/lib/db";
import { recordSubscriberEvent } from "./events";
import { checkToken } from "./links";
import type { FormResult } from "@/lib/result";
import { unavailable } from "./results";

export const CONFIRMED_MESSAGE = "Thank you: your subscription is confirmed. Our updates will arrive from now on.";

const PROBLEMS = {
  invalid:
    "This confirmation link is not valid. Please check that you opened the whole link from the email, or sign up again.",
  expired: "This confirmation link has expired. Please sign up again to receive a new one.",
  used: "This confirmation link has already been used: your subscription is confirmed.",
  superseded:
    "This confirmation link is no longer valid: a newer email has been sent, or the subscription has changed since. Please use the most recent email, or sign up again.",
} as const;

export type ConfirmationProblem = keyof typeof PROBLEMS;

export type ConfirmationCheck =
  | { state: "ready"; subscriberId: number; email: string; consentAt: Date }
  | { state: ConfirmationProblem; message: string };

/**
 * What a confirmation link stands for, without changing anything: the page a link opens
 * shows this and a "Confirm" button, because mail scanners fetch links on their own.
 */
export async function inspectConfirmation(token: unknown, now = Date.now()): Promise<ConfirmationCheck> {
  const check = checkToken(token, "confirm", now);
  if (!check.valid) return problem("invalid");
  if (check.expired) return problem("expired");
  const subscriber = await db.subscriber.findUnique({
    where: { id: check.claims.subscriberId },
    select: { id: true, email: true, status: true, consentAt: true },
  });
  if (!subscriber) return problem("invalid");
  // The nonce is the send time of the email the link came in: a later email replaces it.
  if (subscriber.consentAt?.getTime() !== check.claims.nonce) return problem("superseded");
  if (subscriber.status === "CONFIRMED") return problem("used");
  if (subscriber.status !== "PENDING") return problem("superseded");
  return { state: "ready", subscriberId: subscriber.id, email: subscriber.email, consentAt: subscriber.consentAt };
}

/** The "Confirm" button: confirms once; a second use, or a stale link, gets a clear answer. */
export async function confirmSubscription(token: unknown): Promise<FormResult> {
  try {
    const check = await inspectConfirmation(token);
    if (check.state !== "ready") return { ok: false, status: 400, message: check.message };
    // Conditional on the state just checked, so two clicks at once confirm once.
    const { count } = await db.subscriber.updateMany({
      where: { id: check.subscriberId, status: "PENDING", consentAt: check.consentAt },
      data: { status: "CONFIRMED", confirmedAt: new Date() },
    });
    if (count === 0) {
      const after = await inspectConfirmation(token);
      return { ok: false, status: 400, message: after.state === "ready" ? PROBLEMS.superseded : after.message };
    }
    await recordSubscriberEvent(db, check.subscriberId, "confirm");
    return { ok: true, message: CONFIRMED_MESSAGE };
  } catch (error) {
    console.error("Confirming a subscription failed:", error);
    return unavailable();
  }
}

function problem(state: ConfirmationProblem): ConfirmationCheck {
  return { state, message: PROBLEMS[state] };
}
