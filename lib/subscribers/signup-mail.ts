/**
 * Signup emails through the job queue. A signup stores its email (SignupMail) in the same
 * statement as the subscriber (lib/subscribers/signup.ts) and answers at once; the job
 * below sends what is waiting, so no request ever waits for SMTP.
 *
 * The hourly budget: signup emails (confirmations and "already subscribed") sent in any
 * hour, for the whole site, together with event registrations' emails of the same kind
 * (lib/events/registration-mail.ts), are at most the number set on /admin/settings. It is counted
 * in the database under an advisory lock, so several servers share one budget exactly: a
 * sender claims a row and one slot of the hour together. Past the budget, signups are
 * still stored and answered as always; their emails wait, and the job comes back when the
 * oldest send of the hour leaves the window (and every minute from its schedule), oldest
 * first. Emails from a staff import are not counted (staff chose to send them).
 *
 * The "email.sent" event in the reader's history is written with the claim, so it comes
 * before anything the reader does with the email, and removed again if the send fails.
 * When the server stops, a run finishes the emails in hand and gives back the others.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { recipientName } from "@/lib/mail/html";
import { bulkMailer } from "@/lib/mail/mailer";
import { loadMailSettings, type MailSettings } from "@/lib/mail/settings";
import { alreadySubscribedEmail } from "@/lib/mail/templates/already-subscribed";
import { confirmationEmail } from "@/lib/mail/templates/confirmation";
import { MailDeliveryError, type Mailer } from "@/lib/mail/transport";
import { CONFIRM_TOKEN_LIFETIME_MS, confirmationUrl, managementLinks } from "./links";

export type SignupMailKind = "confirmation" | "reminder";
export type SignupMailSource = "signup" | "import";

/** A claim older than this belongs to a sender that stopped (its process was killed). */
const CLAIM_LEASE_SECONDS = 300;
/** Temporary failures (SMTP 4xx, connection errors) are retried this many times, waiting longer each time. */
const MAX_ATTEMPTS = 8;
const RETRY_DELAY_SECONDS = 30;
/** Rows claimed at once, and how many of them are sent side by side. */
const BATCH_SIZE = 20;
const PARALLEL_SENDS = 5;
/** One job run sends for at most this long, then hands over to the next run. */
const RUN_SECONDS = 50;
/** Any number: the advisory lock that serialises claims across servers. */
const CLAIM_LOCK = 72_410_001;

/**
 * The hourly budget of emails that anyone can make the site send by filling in a form
 * (signup emails, and an event registration's "confirm your address" and "already
 * registered": EventMail.readerTriggered) is one budget, so that the two forms together
 * cannot exceed it. Every sender of such emails claims under this lock and counts both.
 */
export async function lockReaderMailBudget(tx: Pick<DatabaseClient, "$executeRaw">): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`;
}

/** Reader-triggered emails claimed in the last hour, both kinds (SQL, for a query). */
export const READER_MAILS_USED_SQL = Prisma.sql`
  SELECT (SELECT count(*)::int FROM "SignupMail"
           WHERE source = 'signup' AND "claimedAt" > now() - interval '1 hour')
       + (SELECT count(*)::int FROM "EventMail"
           WHERE "readerTriggered" AND "claimedAt" > now() - interval '1 hour')`;

/** When the oldest of those leaves the hour's window, freeing a slot (SQL). */
export const READER_BUDGET_FREES_AT_SQL = Prisma.sql`
  SELECT min(claimed) + interval '1 hour' FROM (
    SELECT "claimedAt" AS claimed FROM "SignupMail" WHERE source = 'signup' AND "claimedAt" > now() - interval '1 hour'
    UNION ALL
    SELECT "claimedAt" FROM "EventMail" WHERE "readerTriggered" AND "claimedAt" > now() - interval '1 hour'
  ) AS recent`;

type Claimed = { id: number; subscriberId: number; kind: SignupMailKind; attempts: number; claimedAt: Date };

export type SignupMailRun = {
  sent: number;
  failed: number;
  /** Waiting because the hour's budget is spent. */
  deferred: number;
  /** When there will be something to send again (budget freed, a retry due); null: nothing waits. */
  resumeAt: Date | null;
};

/**
 * Claims the next emails: every waiting import email, and waiting signup emails up to what
 * is left of the hour's budget, oldest first. Also says how many signup emails wait beyond
 * the budget and when the budget frees up or a retry falls due.
 */
async function claimBatch(
  database: DatabaseClient,
  budgetPerHour: number,
): Promise<{ claimed: Claimed[]; deferred: number; resumeAt: Date | null }> {
  return database.$transaction(async (tx) => {
    await lockReaderMailBudget(tx);
    const [usage] = await tx.$queryRaw<Array<{ used: number; waiting: number }>>`
      SELECT
        (${READER_MAILS_USED_SQL}) AS used,
        (SELECT count(*)::int FROM "SignupMail"
          WHERE source = 'signup' AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()
            AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}::int))) AS waiting`;
    const free = Math.max(0, budgetPerHour - (usage?.used ?? 0));
    const claimed = await tx.$queryRaw<Claimed[]>`
      WITH candidates AS (
        (SELECT id FROM "SignupMail"
          WHERE source = 'import' AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()
            AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}::int))
          ORDER BY id LIMIT ${BATCH_SIZE}::int)
        UNION ALL
        (SELECT id FROM "SignupMail"
          WHERE source = 'signup' AND "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" <= now()
            AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}::int))
          ORDER BY id LIMIT ${Math.min(BATCH_SIZE, free)}::int)
      ),
      claimed AS (
        UPDATE "SignupMail" SET "claimedAt" = now(), attempts = attempts + 1
         WHERE id IN (SELECT id FROM candidates)
        RETURNING id, "subscriberId", kind, attempts, "claimedAt"
      ),
      events AS (
        INSERT INTO "SubscriberEvent" ("subscriberId", type, details, "createdAt")
        SELECT "subscriberId", 'email.sent', jsonb_build_object('kind', kind), "claimedAt" FROM claimed
      )
      SELECT id, "subscriberId", kind, attempts, "claimedAt" FROM claimed ORDER BY id`;
    const deferred = Math.max(0, (usage?.waiting ?? 0) - free);
    if (claimed.length > 0) return { claimed, deferred, resumeAt: null };
    // Nothing to send now: when will there be?
    const [next] = await tx.$queryRaw<Array<{ budget: Date | null; retry: Date | null }>>`
      SELECT
        (${READER_BUDGET_FREES_AT_SQL}) AS budget,
        (SELECT min("notBefore") FROM "SignupMail"
          WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "notBefore" > now()) AS retry`;
    const times = [deferred > 0 ? next?.budget : null, next?.retry].filter(
      (time): time is Date => time instanceof Date,
    );
    const resumeAt = times.length > 0 ? new Date(Math.min(...times.map((time) => time.getTime()))) : null;
    return { claimed, deferred, resumeAt };
  });
}

/** The history event written with a claim: it carries the claim's time. */
async function removeClaimEvent(database: DatabaseClient, mail: Claimed) {
  await database.$executeRaw`
    DELETE FROM "SubscriberEvent"
     WHERE "subscriberId" = ${mail.subscriberId} AND type = 'email.sent' AND "createdAt" = ${mail.claimedAt}
       AND details->>'kind' = ${mail.kind}`;
}

type SendContext = {
  mailer: Mailer;
  settings: MailSettings;
  /** Aborted when the server stops: no new email is started, unstarted claims are given back. */
  signal?: AbortSignal;
};

/** Sends one claimed email, built from the subscriber as they are now, and records the outcome. */
async function sendOne(
  database: DatabaseClient,
  mail: Claimed,
  context: SendContext,
): Promise<"sent" | "failed" | "retry"> {
  const subscriber = await database.subscriber.findUnique({
    where: { id: mail.subscriberId },
    select: { id: true, email: true, firstName: true, lastName: true, status: true, createdAt: true, consentAt: true },
  });
  const wanted = mail.kind === "confirmation" ? "PENDING" : "CONFIRMED";
  if (!subscriber || subscriber.status !== wanted || (mail.kind === "confirmation" && !subscriber.consentAt)) {
    // Confirmed, unsubscribed or erased meanwhile: this email no longer fits.
    await removeClaimEvent(database, mail);
    await settle(database, mail, {
      failedAt: new Date(),
      lastError: `Not sent: the subscriber is no longer ${wanted.toLowerCase()}.`,
    });
    return "failed";
  }
  const links = managementLinks(subscriber);
  const content =
    mail.kind === "confirmation"
      ? confirmationEmail({
          siteName: env.SITE_NAME,
          firstName: subscriber.firstName,
          confirmUrl: confirmationUrl({ id: subscriber.id, consentAt: subscriber.consentAt! }),
          preferencesUrl: links.preferences,
          validForHours: CONFIRM_TOKEN_LIFETIME_MS / 3_600_000,
        })
      : alreadySubscribedEmail({
          siteName: env.SITE_NAME,
          firstName: subscriber.firstName,
          preferencesUrl: links.preferences,
        });
  try {
    await context.mailer.send({
      from: context.settings.from,
      replyTo: context.settings.replyTo,
      to: { name: recipientName(subscriber.firstName, subscriber.lastName), address: subscriber.email },
      ...content,
    });
  } catch (error) {
    const temporary = !(error instanceof MailDeliveryError) || error.temporary;
    const message = (error as Error).message.slice(0, 500);
    await removeClaimEvent(database, mail);
    if (temporary && mail.attempts < MAX_ATTEMPTS) {
      // The slot of the budget is given back; the next try waits longer each time.
      const delaySeconds = RETRY_DELAY_SECONDS * 2 ** (mail.attempts - 1);
      await database.signupMail.updateMany({
        where: { id: mail.id },
        data: { claimedAt: null, notBefore: new Date(Date.now() + delaySeconds * 1000), lastError: message },
      });
      console.error(`Signup email ${mail.id} failed (attempt ${mail.attempts}, tried again later): ${message}`);
      return "retry";
    }
    await settle(database, mail, { failedAt: new Date(), lastError: message });
    console.error(`Signup email ${mail.id} failed for good: ${message}`);
    return "failed";
  }
  await settle(database, mail, { sentAt: new Date(), lastError: null });
  return "sent";
}

/**
 * Claimed emails a stopping run did not start: unclaimed again as if never claimed (their
 * slot of the budget, their attempt and their history event with them), for the next run.
 */
async function giveBack(database: DatabaseClient, mails: Claimed[]): Promise<void> {
  for (const mail of mails) {
    await removeClaimEvent(database, mail);
    await database.signupMail.updateMany({
      where: { id: mail.id, claimedAt: mail.claimedAt, sentAt: null, failedAt: null },
      data: { claimedAt: null, attempts: { decrement: 1 } },
    });
  }
}

/**
 * Records how an email ended (sent, or given up), and frees its subscriber for the next
 * signup email: 10 minutes after one was sent, at once after one was given up.
 */
async function settle(
  database: DatabaseClient,
  mail: Claimed,
  outcome: { sentAt: Date; lastError: null } | { failedAt: Date; lastError: string },
) {
  await database.$transaction([
    database.signupMail.updateMany({ where: { id: mail.id }, data: outcome }),
    database.subscriber.updateMany({
      where: { id: mail.subscriberId },
      data: { signupMailPending: false, ...("sentAt" in outcome ? { signupMailAt: outcome.sentAt } : {}) },
    }),
  ]);
}

/**
 * Rows the budget and the 10-minute rule no longer need: sent more than a day ago, given up
 * more than 30 days ago (kept that long for staff to see why). The reader's history keeps
 * its "email.sent" events.
 */
async function pruneSignupMails(database: DatabaseClient): Promise<void> {
  await database.$executeRaw`
    DELETE FROM "SignupMail"
     WHERE "sentAt" < now() - interval '1 day' OR "failedAt" < now() - interval '30 days'`;
}

/**
 * Sends waiting signup emails within the hour's budget until none is left that may go now,
 * or the run's time is up or the server stops (then resumeAt is now: the caller runs again
 * at once, or the next server does).
 */
export async function runSignupMailSend(
  database: DatabaseClient,
  context: SendContext,
  runSeconds = RUN_SECONDS,
): Promise<SignupMailRun> {
  const until = Date.now() + runSeconds * 1000;
  const run: SignupMailRun = { sent: 0, failed: 0, deferred: 0, resumeAt: null };
  const stopping = () => context.signal?.aborted === true;
  while (Date.now() < until && !stopping()) {
    const batch = await claimBatch(database, context.settings.signupMailsPerHour);
    run.deferred = batch.deferred;
    if (batch.claimed.length === 0) {
      run.resumeAt = batch.resumeAt;
      await pruneSignupMails(database);
      return run;
    }
    const queue = [...batch.claimed];
    const notStarted: Claimed[] = [];
    await Promise.all(
      Array.from({ length: PARALLEL_SENDS }, async () => {
        for (let mail = queue.shift(); mail; mail = queue.shift()) {
          // Stopping: the emails in hand finish, no other starts.
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

/**
 * Sends the waiting signup emails: enqueued by every signup (one job waits at most, however
 * many signups arrive), every minute from its schedule, and by itself for when the budget
 * frees up or a retry falls due.
 */
export const signupMailJob = defineJob({
  name: "subscribers.signup-mail",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 30,
  onePending: true,
  cron: "* * * * *",
  async run(_payload, context) {
    const settings = await loadMailSettings(db, env.MAIL_FROM);
    const run = await runSignupMailSend(db, { mailer: bulkMailer(), settings, signal: context.signal });
    if (run.resumeAt) {
      const now = run.resumeAt.getTime() <= Date.now();
      await context.enqueue(
        signupMailJob,
        {},
        now ? { singletonKey: "now" } : { startAfter: run.resumeAt, singletonKey: "later" },
      );
    }
  },
});
