/**
 * Emails to registrants through the job queue. Every change that calls for an email (a
 * registration, a confirmation, a cancellation and the promotion it causes, a reminder, a
 * postponement, a staff message) writes an EventMail row in the transaction of the change;
 * the job below sends what is waiting, so no request waits for SMTP, and an email is never
 * lost nor sent for a change that was rolled back.
 *
 * Each email is written from the registration and the event as they are when it is sent
 * (a reminder after a second postponement shows the newest time), and dropped when it no
 * longer fits (a reminder to someone who cancelled meanwhile).
 *
 * "Confirm your address" and "already registered" are emails anyone can cause by filling in
 * the form (readerTriggered): they share the mailing list's hourly budget of such emails
 * (lib/subscribers/signup-mail.ts), claimed under the same lock. Others go out at once.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import type { EventRegistrationStatus, Prisma } from "@/lib/generated/prisma/client";
import { defineJob } from "@/lib/jobs/definition";
import { enqueue } from "@/lib/jobs/queue";
import { recipientName } from "@/lib/mail/html";
import { bulkMailer } from "@/lib/mail/mailer";
import { loadMailSettings, type MailSettings } from "@/lib/mail/settings";
import {
  alreadyRegisteredEmail,
  confirmRegistrationEmail,
  eventCancelledEmail,
  eventPostponedEmail,
  eventRecordingEmail,
  eventReminderEmail,
  registrantMessageEmail,
  registrationConfirmedEmail,
  registrationPromotedEmail,
  registrationWaitlistedEmail,
  type EventMailEvent,
} from "@/lib/mail/templates/event-registration";
import { MailDeliveryError, type MailAttachment, type Mailer } from "@/lib/mail/transport";
import { calendarFile, type CalendarEvent } from "@/lib/format/calendar";
import { formatEventWhen } from "@/lib/format/dates";
import { eventPath } from "@/lib/format/paths";
import { lockReaderMailBudget, READER_BUDGET_FREES_AT_SQL, READER_MAILS_USED_SQL } from "@/lib/subscribers/signup-mail";
import { CONFIRM_TOKEN_LIFETIME_MS, registrationConfirmUrl, registrationManageUrl } from "./registration-links";

export const EVENT_MAIL_KINDS = [
  "confirm-address",
  "already-registered",
  "confirmed",
  "waitlisted",
  "promoted",
  "reminder",
  "recording",
  "postponed",
  "rescheduled",
  "cancelled",
  "message",
] as const;
export type EventMailKind = (typeof EVENT_MAIL_KINDS)[number];

/** Emails a stranger can cause by filling in the form: counted against the hourly budget. */
const READER_TRIGGERED: ReadonlySet<EventMailKind> = new Set(["confirm-address", "already-registered"]);

/** Who each email is still for when it is sent. */
const FITS: Record<EventMailKind, readonly EventRegistrationStatus[]> = {
  "confirm-address": ["PENDING"],
  "already-registered": ["CONFIRMED", "WAITLISTED"],
  confirmed: ["CONFIRMED"],
  waitlisted: ["WAITLISTED"],
  promoted: ["CONFIRMED"],
  reminder: ["CONFIRMED"],
  recording: ["CONFIRMED"],
  postponed: ["CONFIRMED", "WAITLISTED"],
  rescheduled: ["CONFIRMED", "WAITLISTED"],
  cancelled: ["CONFIRMED", "WAITLISTED"],
  message: ["CONFIRMED", "WAITLISTED"],
};

const CLAIM_LEASE_SECONDS = 300;
const MAX_ATTEMPTS = 8;
const RETRY_DELAY_SECONDS = 30;
const BATCH_SIZE = 20;
const PARALLEL_SENDS = 5;
const RUN_SECONDS = 50;

type Writer = Pick<DatabaseClient, "$executeRaw">;

/** Queues one email to one registration (inside the caller's transaction). */
export async function queueEventMail(
  tx: Writer,
  registrationId: number,
  kind: Exclude<EventMailKind, "message">,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "EventMail" ("registrationId", kind, "readerTriggered")
    VALUES (${registrationId}, ${kind}, ${READER_TRIGGERED.has(kind)})`;
}

/**
 * Queues one email to every registration of an event in one of `statuses` (inside the
 * caller's transaction); a staff message carries its subject and text. Returns how many.
 */
export async function queueMailToRegistrants(
  tx: Writer,
  eventId: number,
  statuses: readonly EventRegistrationStatus[],
  kind: EventMailKind,
  message?: { subject: string; text: string },
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "EventMail" ("registrationId", kind, subject, text)
    SELECT id, ${kind}, ${message?.subject ?? null}, ${message?.text ?? null}
      FROM "EventRegistration"
     WHERE "eventId" = ${eventId} AND status::text = ANY(${[...statuses]}::text[])
     ORDER BY id`;
}

type Claimed = {
  id: number;
  registrationId: number;
  kind: EventMailKind;
  subject: string | null;
  text: string | null;
  attempts: number;
  claimedAt: Date;
};

/** Claims waiting staff and event emails, and reader-triggered ones up to the hour's shared budget. */
async function claimBatch(
  database: DatabaseClient,
  budgetPerHour: number,
): Promise<{ claimed: Claimed[]; resumeAt: Date | null }> {
  return database.$transaction(async (tx) => {
    await lockReaderMailBudget(tx);
    const [usage] = await tx.$queryRaw<Array<{ used: number }>>`SELECT (${READER_MAILS_USED_SQL}) AS used`;
    const free = Math.max(0, budgetPerHour - (usage?.used ?? 0));
    const claimed = await tx.$queryRaw<Claimed[]>`
      WITH candidates AS (
        (SELECT id FROM "EventMail"
          WHERE NOT "readerTriggered" AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()
            AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}::int))
          ORDER BY id LIMIT ${BATCH_SIZE}::int)
        UNION ALL
        (SELECT id FROM "EventMail"
          WHERE "readerTriggered" AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()
            AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}::int))
          ORDER BY id LIMIT ${Math.min(BATCH_SIZE, free)}::int)
      )
      UPDATE "EventMail" SET "claimedAt" = now(), attempts = attempts + 1
       WHERE id IN (SELECT id FROM candidates)
      RETURNING id, "registrationId", kind, subject, text, attempts, "claimedAt"`;
    if (claimed.length > 0) return { claimed: claimed.sort((a, b) => a.id - b.id), resumeAt: null };
    const [next] = await tx.$queryRaw<Array<{ budget: Date | null; retry: Date | null; deferred: boolean }>>`
      SELECT
        (${READER_BUDGET_FREES_AT_SQL}) AS budget,
        (SELECT min("notBefore") FROM "EventMail"
          WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" > now()) AS retry,
        EXISTS (SELECT 1 FROM "EventMail"
          WHERE "readerTriggered" AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()) AS deferred`;
    const times = [next?.deferred ? next.budget : null, next?.retry].filter(
      (time): time is Date => time instanceof Date,
    );
    const resumeAt = times.length > 0 ? new Date(Math.min(...times.map((time) => time.getTime()))) : null;
    return { claimed, resumeAt };
  });
}

const registrationForMail = {
  id: true,
  email: true,
  name: true,
  status: true,
  consentAt: true,
  createdAt: true,
  event: {
    select: {
      publicationId: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      state: true,
      inPerson: true,
      venueName: true,
      address: true,
      online: true,
      livestreamUrl: true,
      livestreamAccess: true,
      recordingUrl: true,
      audioId: true,
      capacity: true,
      updatedAt: true,
      publication: { select: { title: true, slug: true, summary: true } },
    },
  },
} satisfies Prisma.EventRegistrationSelect;

type RegistrationForMail = Prisma.EventRegistrationGetPayload<{ select: typeof registrationForMail }>;
type EventForMail = RegistrationForMail["event"];

/** Venue and address, and/or "Online". */
export function eventPlace(event: Pick<EventForMail, "inPerson" | "venueName" | "address" | "online">): string {
  const venue = event.inPerson ? [event.venueName, event.address].filter(Boolean).join(", ") : "";
  return [venue, event.online ? "Online" : ""].filter(Boolean).join(" · ");
}

/** The event as its calendar file describes it (the same VEVENT as the page's download). */
export function calendarEventOf(event: EventForMail): CalendarEvent {
  return {
    id: event.publicationId,
    title: event.publication.title,
    description: event.publication.summary,
    url: new URL(eventPath(event.publication.slug), env.SITE_URL).toString(),
    location: eventPlace(event) || "Online",
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    cancelled: event.state === "CANCELLED",
    updatedAt: event.updatedAt,
  };
}

function calendarAttachment(event: EventForMail): MailAttachment {
  return {
    filename: `${event.publication.slug}.ics`,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: calendarFile([calendarEventOf(event)], { siteUrl: env.SITE_URL, name: env.SITE_NAME }),
  };
}

/**
 * The email a claimed row stands for, written now; null when it no longer fits. `full`:
 * whether the event's seats are all taken (the confirmation request says so).
 */
function contentOf(mail: Claimed, registration: RegistrationForMail, full: boolean) {
  const event = registration.event;
  if (!FITS[mail.kind].includes(registration.status)) return null;
  const mailEvent: EventMailEvent = {
    title: event.publication.title,
    when: formatEventWhen(event.startsAt, event.endsAt, event.timeZone),
    where: eventPlace(event),
    url: new URL(eventPath(event.publication.slug), env.SITE_URL).toString(),
  };
  const base = { siteName: env.SITE_NAME, name: registration.name, event: mailEvent };
  const manageUrl = registrationManageUrl(registration);
  const privateLivestream =
    event.online && event.livestreamAccess === "REGISTRANTS" ? (event.livestreamUrl ?? null) : null;
  const now = Date.now();
  switch (mail.kind) {
    case "confirm-address": {
      if (!registration.consentAt || event.endsAt.getTime() <= now) return null;
      return confirmRegistrationEmail({
        ...base,
        confirmUrl: registrationConfirmUrl({ id: registration.id, consentAt: registration.consentAt }),
        validForHours: CONFIRM_TOKEN_LIFETIME_MS / 3_600_000,
        full,
      });
    }
    case "already-registered":
      return alreadyRegisteredEmail({ ...base, manageUrl, waitlisted: registration.status === "WAITLISTED" });
    case "confirmed":
      return {
        ...registrationConfirmedEmail({ ...base, manageUrl, livestreamUrl: privateLivestream }),
        attachments: [calendarAttachment(event)],
      };
    case "waitlisted":
      return registrationWaitlistedEmail({ ...base, manageUrl });
    case "promoted":
      return { ...registrationPromotedEmail({ ...base, manageUrl }), attachments: [calendarAttachment(event)] };
    case "reminder":
      if (event.state === "CANCELLED" || event.startsAt.getTime() <= now) return null;
      return eventReminderEmail({ ...base, manageUrl, livestreamUrl: privateLivestream });
    case "recording":
      if (!event.recordingUrl && event.audioId === null) return null;
      return eventRecordingEmail({ ...base, recordingUrl: mailEvent.url });
    case "postponed":
      return eventPostponedEmail({ ...base, manageUrl, rescheduled: false });
    case "rescheduled":
      return {
        ...eventPostponedEmail({ ...base, manageUrl, rescheduled: true }),
        attachments: [calendarAttachment(event)],
      };
    case "cancelled":
      return { ...eventCancelledEmail(base), attachments: [calendarAttachment(event)] };
    case "message":
      if (!mail.subject || !mail.text) return null;
      return registrantMessageEmail({ ...base, subject: mail.subject, text: mail.text, manageUrl });
  }
}

type SendContext = { mailer: Mailer; settings: MailSettings; signal?: AbortSignal };

async function sendOne(
  database: DatabaseClient,
  mail: Claimed,
  context: SendContext,
): Promise<"sent" | "failed" | "retry"> {
  const registration = await database.eventRegistration.findUnique({
    where: { id: mail.registrationId },
    select: registrationForMail,
  });
  const capacity = registration?.event.capacity ?? null;
  const full =
    mail.kind === "confirm-address" && capacity !== null
      ? (await database.eventRegistration.count({
          where: { eventId: registration!.event.publicationId, status: "CONFIRMED" },
        })) >= capacity
      : false;
  const content = registration && contentOf(mail, registration, full);
  if (!registration || !content) {
    await database.eventMail.updateMany({
      where: { id: mail.id },
      data: { failedAt: new Date(), lastError: "Not sent: it no longer fits the registration or the event." },
    });
    return "failed";
  }
  try {
    await context.mailer.send({
      from: context.settings.from,
      replyTo: context.settings.replyTo,
      to: { name: recipientName(registration.name), address: registration.email },
      ...content,
    });
  } catch (error) {
    const temporary = !(error instanceof MailDeliveryError) || error.temporary;
    const message = (error as Error).message.slice(0, 500);
    if (temporary && mail.attempts < MAX_ATTEMPTS) {
      const delaySeconds = RETRY_DELAY_SECONDS * 2 ** (mail.attempts - 1);
      await database.eventMail.updateMany({
        where: { id: mail.id },
        data: { claimedAt: null, notBefore: new Date(Date.now() + delaySeconds * 1000), lastError: message },
      });
      console.error(`Event email ${mail.id} failed (attempt ${mail.attempts}, tried again later): ${message}`);
      return "retry";
    }
    await database.eventMail.updateMany({ where: { id: mail.id }, data: { failedAt: new Date(), lastError: message } });
    console.error(`Event email ${mail.id} failed for good: ${message}`);
    return "failed";
  }
  await database.eventMail.updateMany({ where: { id: mail.id }, data: { sentAt: new Date(), lastError: null } });
  return "sent";
}

/** Claimed emails a stopping run did not start, unclaimed again for the next run. */
async function giveBack(database: DatabaseClient, mails: Claimed[]): Promise<void> {
  for (const mail of mails) {
    await database.eventMail.updateMany({
      where: { id: mail.id, claimedAt: mail.claimedAt, sentAt: null, failedAt: null },
      data: { claimedAt: null, attempts: { decrement: 1 } },
    });
  }
}

export type EventMailRun = { sent: number; failed: number; resumeAt: Date | null };

/** Sends waiting event emails until none may go now, the run's time is up, or the server stops. */
export async function runEventMailSend(
  database: DatabaseClient,
  context: SendContext,
  runSeconds = RUN_SECONDS,
): Promise<EventMailRun> {
  const until = Date.now() + runSeconds * 1000;
  const run: EventMailRun = { sent: 0, failed: 0, resumeAt: null };
  const stopping = () => context.signal?.aborted === true;
  while (Date.now() < until && !stopping()) {
    const batch = await claimBatch(database, context.settings.signupMailsPerHour);
    if (batch.claimed.length === 0) {
      run.resumeAt = batch.resumeAt;
      // Sent rows the budget no longer counts; given-up ones are kept a while for staff.
      await database.$executeRaw`
        DELETE FROM "EventMail" WHERE "sentAt" < now() - interval '30 days' OR "failedAt" < now() - interval '30 days'`;
      return run;
    }
    const queue = [...batch.claimed];
    const notStarted: Claimed[] = [];
    await Promise.all(
      Array.from({ length: PARALLEL_SENDS }, async () => {
        for (let mail = queue.shift(); mail; mail = queue.shift()) {
          if (stopping()) {
            notStarted.push(mail);
            continue;
          }
          const outcome = await sendOne(database, mail, context);
          if (outcome === "sent") run.sent++;
          else if (outcome === "failed") run.failed++;
        }
      }),
    );
    await giveBack(database, notStarted);
  }
  run.resumeAt = new Date();
  return run;
}

/** Sends the waiting event emails: woken by each change, every minute from its schedule, and by itself. */
export const eventMailJob = defineJob({
  name: "events.registration-mail",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 30,
  onePending: true,
  cron: "* * * * *",
  async run(_payload, context) {
    const settings = await loadMailSettings(db, env.MAIL_FROM);
    const run = await runEventMailSend(db, { mailer: bulkMailer(), settings, signal: context.signal });
    if (run.resumeAt) {
      const now = run.resumeAt.getTime() <= Date.now();
      await context.enqueue(
        eventMailJob,
        {},
        now ? { singletonKey: "now" } : { startAfter: run.resumeAt, singletonKey: "later" },
      );
    }
  },
});

/**
 * Wakes the sending job without waiting for it; coalesced as the signup's wake is (at most
 * one request to the queue in flight). The email is stored already: should the queue not
 * answer, the job's every-minute schedule sends it.
 */
const wake = { inFlight: false, wanted: false };

export function wakeEventMailJob(): void {
  if (wake.inFlight) {
    wake.wanted = true;
    return;
  }
  wake.inFlight = true;
  wake.wanted = false;
  enqueue(eventMailJob, {}, { singletonKey: "now" })
    .catch((error: unknown) =>
      console.error("Event email stored, but the job queue could not be reached (the schedule will send it):", error),
    )
    .finally(() => {
      wake.inFlight = false;
      if (wake.wanted) wakeEventMailJob();
    });
}
