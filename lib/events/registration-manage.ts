/**
 * What a registrant does with the links in their emails: confirm their address (which
 * takes a seat, or a place on the waitlist when the event is full) and cancel (which gives
 * the seat to the first person on the waitlist). Opening a link only shows a page (mail
 * scanners open links); its button posts here.
 *
 * Seats are counted under a row lock on the event (SELECT … FOR UPDATE on EventDetails):
 * every change of who holds a seat (a confirmation, a cancellation, the promotion it causes,
 * a larger capacity) takes it first, so two people confirming for the last seat are served
 * one after the other and exactly one of them gets it.
 */
import "server-only";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { EventRegistrationStatus } from "@/lib/generated/prisma/client";
import type { RegistrationOutcome } from "@/lib/validations/event-registration";
import { checkRegistrationLink, type RegistrationLink } from "./registration-links";
import { queueEventMail, wakeEventMailJob } from "./registration-mail";

type Transaction = Parameters<Parameters<DatabaseClient["$transaction"]>[0]>[0];

export type LinkAnswer = { outcome: RegistrationOutcome; message: string; eventSlug?: string };

const LINK_MESSAGES = {
  invalid: "This link is not valid. Please use the link in the newest email about your registration.",
  expired: "This link has expired. Register again on the event’s page to get a new one.",
  replaced: "This link has been replaced by a newer one, or the registration no longer exists. Use the newest email.",
} as const;

type LockedEvent = {
  publicationId: number;
  capacity: number | null;
  state: string;
  startsAt: Date;
  endsAt: Date;
};

/** Locks the event's row for the rest of the transaction: the seat count cannot change meanwhile. */
export async function lockEvent(tx: Transaction, eventId: number): Promise<LockedEvent | null> {
  const [event] = await tx.$queryRaw<LockedEvent[]>`
    SELECT "publicationId", capacity, state::text AS state, "startsAt", "endsAt"
      FROM "EventDetails" WHERE "publicationId" = ${eventId} FOR UPDATE`;
  return event ?? null;
}

/**
 * The event page says "Register" or "Waitlist": when the last seat is taken or one frees up,
 * its cached page (and the lists showing its status) go. A failure leaves them stale until
 * they expire; the registration itself stands.
 */
async function dropCachedStatus(slug: string): Promise<void> {
  try {
    await invalidatePublicCache({ publications: [slug], events: true });
  } catch (error) {
    console.error(`The page of event ${slug} could not be refreshed after its seats changed:`, error);
  }
}

const seatsTaken = (tx: Transaction, eventId: number) =>
  tx.eventRegistration.count({ where: { eventId, status: "CONFIRMED" } });

/**
 * Gives free seats to the waitlist, first come first served (waitlistedAt, then id), each
 * with a "promoted" email, while the event is still ahead. Call with the event locked.
 */
export async function promoteFromWaitlist(tx: Transaction, event: LockedEvent, now = new Date()): Promise<number> {
  if (event.state === "CANCELLED" || event.startsAt.getTime() <= now.getTime()) return 0;
  const free = event.capacity === null ? null : event.capacity - (await seatsTaken(tx, event.publicationId));
  if (free !== null && free <= 0) return 0;
  const next = await tx.eventRegistration.findMany({
    where: { eventId: event.publicationId, status: "WAITLISTED" },
    orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
    select: { id: true },
    ...(free !== null && { take: free }),
  });
  for (const { id } of next) {
    await tx.eventRegistration.update({ where: { id }, data: { status: "CONFIRMED", promotedAt: now } });
    await queueEventMail(tx, id, "promoted");
  }
  return next.length;
}

const REPLACED: LinkAnswer = { outcome: "link-invalid", message: LINK_MESSAGES.replaced };

/** The registration a link names, when the link is valid and still its newest; else the answer why not. */
async function registrationOfLink(
  database: Pick<DatabaseClient, "eventRegistration">,
  link: RegistrationLink,
  nonceOf: (registration: { consentAt: Date | null; createdAt: Date }) => number | null,
) {
  if (!link.valid)
    return {
      registration: null,
      answer: { outcome: "link-invalid", message: LINK_MESSAGES[link.reason] } as LinkAnswer,
    };
  const registration = await database.eventRegistration.findUnique({
    where: { id: link.registrationId },
    select: {
      id: true,
      eventId: true,
      name: true,
      email: true,
      status: true,
      consentAt: true,
      createdAt: true,
      event: { select: { publication: { select: { slug: true, title: true } } } },
    },
  });
  if (!registration || nonceOf(registration) !== link.nonce) return { registration: null, answer: REPLACED };
  return { registration, answer: null };
}

const confirmNonce = (registration: { consentAt: Date | null }) => registration.consentAt?.getTime() ?? null;
const manageNonce = (registration: { createdAt: Date }) => registration.createdAt.getTime();

export type LinkPage =
  | {
      state: "ready";
      name: string;
      email: string;
      eventTitle: string;
      eventSlug: string;
      status: EventRegistrationStatus;
    }
  | { state: "invalid"; message: string };

/** What the confirm or manage page shows for a link, before its button is pressed. */
export async function inspectRegistrationLink(token: unknown, purpose: "confirm" | "manage"): Promise<LinkPage> {
  const link = checkRegistrationLink(token, purpose === "confirm" ? "registration-confirm" : "registration-manage");
  const found = await registrationOfLink(db, link, purpose === "confirm" ? confirmNonce : manageNonce);
  if (!found.registration) return { state: "invalid", message: found.answer.message };
  const { registration } = found;
  return {
    state: "ready",
    name: registration.name,
    email: registration.email,
    eventTitle: registration.event.publication.title,
    eventSlug: registration.event.publication.slug,
    status: registration.status,
  };
}

/** The confirm page's button: a seat, or the waitlist when the event is full. */
export async function confirmRegistration(token: unknown, now = new Date()): Promise<LinkAnswer> {
  const link = checkRegistrationLink(token, "registration-confirm", now.getTime());
  let lastSeatTaken = false;
  const answer = await db.$transaction(async (tx) => {
    const found = await registrationOfLink(tx, link, confirmNonce);
    if (!found.registration) return found.answer;
    const eventSlug = found.registration.event.publication.slug;
    const event = await lockEvent(tx, found.registration.eventId);
    // Read again under the lock: a concurrent confirmation or a new registration may have changed it.
    const current = await registrationOfLink(tx, link, confirmNonce);
    if (!event || !current.registration) return current.answer ?? REPLACED;
    const registration = current.registration;
    if (registration.status === "CONFIRMED")
      return {
        outcome: "already-confirmed",
        message: "Your registration is already confirmed.",
        eventSlug,
      } as LinkAnswer;
    if (registration.status === "WAITLISTED")
      return { outcome: "waitlisted", message: "You are on the waitlist already.", eventSlug } as LinkAnswer;
    if (registration.status === "CANCELLED")
      return { outcome: "link-invalid", message: LINK_MESSAGES.replaced, eventSlug } as LinkAnswer;
    if (event.state === "CANCELLED")
      return { outcome: "cancelled", message: "This event has been cancelled.", eventSlug } as LinkAnswer;
    if (event.startsAt.getTime() <= now.getTime())
      return {
        outcome: "closed",
        message: "This event has started: registration has closed.",
        eventSlug,
      } as LinkAnswer;

    const taken = await seatsTaken(tx, event.publicationId);
    const full = event.capacity !== null && taken >= event.capacity;
    lastSeatTaken = !full && event.capacity !== null && taken + 1 === event.capacity;
    await tx.eventRegistration.update({
      where: { id: registration.id },
      data: full
        ? { status: "WAITLISTED", confirmedAt: now, waitlistedAt: now }
        : { status: "CONFIRMED", confirmedAt: now },
    });
    await queueEventMail(tx, registration.id, full ? "waitlisted" : "confirmed");
    return full
      ? ({
          outcome: "waitlisted",
          message: "Thank you for confirming. The event is full, so you are on the waitlist.",
          eventSlug,
        } as LinkAnswer)
      : ({
          outcome: "confirmed",
          message: "You are registered. We have emailed you the details.",
          eventSlug,
        } as LinkAnswer);
  });
  if (answer.outcome === "confirmed" || answer.outcome === "waitlisted") wakeEventMailJob();
  if (lastSeatTaken && answer.eventSlug) await dropCachedStatus(answer.eventSlug);
  return answer;
}

/** The manage page's "Cancel registration": the seat goes to the first person waiting. */
export async function cancelRegistration(token: unknown, now = new Date()): Promise<LinkAnswer> {
  const link = checkRegistrationLink(token, "registration-manage", now.getTime());
  const { answer, promoted, reopened } = await db.$transaction(async (tx) => {
    const found = await registrationOfLink(tx, link, manageNonce);
    if (!found.registration) return { answer: found.answer, promoted: 0, reopened: false };
    const eventSlug = found.registration.event.publication.slug;
    const event = await lockEvent(tx, found.registration.eventId);
    const current = await registrationOfLink(tx, link, manageNonce);
    if (!event || !current.registration) return { answer: current.answer ?? REPLACED, promoted: 0 };
    const registration = current.registration;
    const cancelled: LinkAnswer = {
      outcome: "registration-cancelled",
      message: "Your registration is cancelled. Thank you for letting us know.",
      eventSlug,
    };
    if (registration.status === "CANCELLED") return { answer: cancelled, promoted: 0, reopened: false };
    if (event.endsAt.getTime() <= now.getTime())
      return {
        answer: { outcome: "ended", message: "This event has ended.", eventSlug } as LinkAnswer,
        promoted: 0,
        reopened: false,
      };
    await tx.eventRegistration.update({
      where: { id: registration.id },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    const seatFreed = registration.status === "CONFIRMED";
    const promoted = seatFreed ? await promoteFromWaitlist(tx, event, now) : 0;
    // Full before, and nobody waiting took the seat: the event takes registrations again.
    const reopened =
      seatFreed &&
      promoted === 0 &&
      event.capacity !== null &&
      (await seatsTaken(tx, event.publicationId)) + 1 === event.capacity;
    return { answer: cancelled, promoted, reopened };
  });
  if (promoted > 0) wakeEventMailJob();
  if (reopened && answer.eventSlug) await dropCachedStatus(answer.eventSlug);
  return answer;
}
