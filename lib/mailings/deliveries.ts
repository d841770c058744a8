/**
 * Sending bulk mail (digests, immediate alerts) at most once per recipient.
 *
 * Each recipient has one delivery row (DigestDelivery / AlertDelivery, unique per mailing
 * and subscriber). A sender moves a row through these states, each change a committed
 * UPDATE conditional on the state before it:
 *
 *   PENDING, unclaimed ──claim──▶ PENDING, claimedAt=t        (reserved by one sender)
 *        ──mark in flight──▶ PENDING, claimedAt=t, messageId=m (the SMTP attempt starts)
 *        ──250 reply──▶ SENT   | ──4xx / connection error──▶ PENDING, messageId=NULL
 *                              | ──5xx──▶ FAILED (reason)
 *
 * The crash window is between the SMTP server accepting a message and the row becoming
 * SENT. A row still "in flight" (PENDING with a messageId) after its claim's lease has
 * expired belongs to a sender that stopped mid-send: the message may or may not have been
 * accepted, and nothing can ask the SMTP server. Such rows are never resent automatically:
 * they become FAILED with UNKNOWN_OUTCOME, and staff decide explicitly whether to send
 * those few again (retryUnknownDeliveries), accepting the risk of a duplicate. That makes
 * the automatic path at-most-once; a row claimed but not yet in flight is simply freed.
 *
 * The lease protects live senders: a sender only starts an SMTP attempt while its claim
 * is younger than half the lease, and every SMTP call is bounded by timeouts far below
 * the other half (lib/mail/transport.ts SMTP_TIMEOUTS_MS), so an expired claim always
 * means a dead sender, never a slow one. A temporary failure waits for its retry by
 * keeping the claim with no message in flight, dated so that it expires at the retry time.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";

export type DeliveryKind = "digest" | "alert";

const TABLE = { digest: Prisma.raw(`"DigestDelivery"`), alert: Prisma.raw(`"AlertDelivery"`) } as const;
/** The mailing a row belongs to: the digest, or the publication an alert is about. */
const PARENT = { digest: Prisma.raw(`"digestId"`), alert: Prisma.raw(`"publicationId"`) } as const;

/** How long a claim holds; see above. Senders stop starting attempts after half of it. */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** Attempts per recipient before a temporary failure becomes final. */
const MAX_ATTEMPTS = 5;
/** Waits before the 2nd, 3rd… attempt after a temporary failure. */
const RETRY_BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000] as const;

export const UNKNOWN_OUTCOME =
  "Outcome unknown: sending stopped after the message was handed to the mail server, so it may have been delivered. Not sent again automatically, to never send twice.";
/** lastError prefix of rows that were deliberately not sent (nothing for them, no longer subscribed). */
export const SKIPPED_PREFIX = "Skipped: ";

export type ClaimedDelivery = {
  id: number;
  parentId: number;
  subscriberId: number | null;
  claimedAt: Date;
  attempts: number;
};

type Scope = { kind: DeliveryKind; parentId?: number; leaseMs?: number };

function scopeCondition(scope: Scope): Prisma.Sql {
  return scope.parentId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${PARENT[scope.kind]} = ${scope.parentId}`;
}

const leaseOf = (scope: Scope) => scope.leaseMs ?? CLAIM_LEASE_MS;

/** In-flight rows whose sender stopped: FAILED with UNKNOWN_OUTCOME (never resent automatically). */
export async function resolveAbandonedDeliveries(database: DatabaseClient, scope: Scope): Promise<number> {
  return database.$executeRaw`
    UPDATE ${TABLE[scope.kind]} SET status = 'FAILED', "lastError" = ${UNKNOWN_OUTCOME}, "claimedAt" = NULL
     WHERE ${scopeCondition(scope)} AND status = 'PENDING' AND "messageId" IS NOT NULL
       AND "claimedAt" < now() - make_interval(secs => ${leaseOf(scope) / 1000})`;
}

/** Reserves up to `limit` rows nobody holds (unclaimed, or a claim without a message in flight that expired). */
export async function claimDeliveries(
  database: DatabaseClient,
  scope: Scope,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return database.$queryRaw<ClaimedDelivery[]>`
    UPDATE ${TABLE[scope.kind]} AS d SET "claimedAt" = clock_timestamp()
      FROM (
        SELECT id FROM ${TABLE[scope.kind]}
         WHERE ${scopeCondition(scope)} AND status = 'PENDING' AND "messageId" IS NULL
           AND ("claimedAt" IS NULL OR "claimedAt" < now() - make_interval(secs => ${leaseOf(scope) / 1000}))
         ORDER BY id LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ) AS free
     WHERE d.id = free.id
    RETURNING d.id, d.${PARENT[scope.kind]} AS "parentId", d."subscriberId", d."claimedAt", d.attempts`;
}

/**
 * Gives back rows this sender claimed but will not attempt (it is stopping): they are free
 * for the next sender at once, instead of when the claim's lease ends.
 */
export async function releaseClaims(database: DatabaseClient, scope: Scope, rows: ClaimedDelivery[]): Promise<void> {
  for (const row of rows) {
    await database.$executeRaw`
      UPDATE ${TABLE[scope.kind]} SET "claimedAt" = NULL
       WHERE id = ${row.id} AND status = 'PENDING' AND "messageId" IS NULL AND "claimedAt" = ${row.claimedAt}`;
  }
}

/**
 * Records that the SMTP attempt is about to start. False when the claim is no longer ours
 * or too old to start an attempt within the lease: the caller must not send then.
 */
export async function markInFlight(
  database: DatabaseClient,
  scope: Scope,
  row: ClaimedDelivery,
  messageId: string,
): Promise<boolean> {
  const changed = await database.$executeRaw`
    UPDATE ${TABLE[scope.kind]} SET "messageId" = ${messageId}, attempts = attempts + 1
     WHERE id = ${row.id} AND status = 'PENDING' AND "messageId" IS NULL AND "claimedAt" = ${row.claimedAt}
       AND "claimedAt" > now() - make_interval(secs => ${leaseOf(scope) / 2000})`;
  return changed === 1;
}

/** SENT, and the "email.sent" event in the subscriber's history, in one statement. */
export async function markSent(
  database: DatabaseClient,
  scope: Scope,
  row: ClaimedDelivery,
  event: Prisma.InputJsonObject,
): Promise<void> {
  await database.$executeRaw`
    WITH sent AS (
      UPDATE ${TABLE[scope.kind]} SET status = 'SENT', "sentAt" = now(), "claimedAt" = NULL, "lastError" = NULL
       WHERE id = ${row.id} AND status = 'PENDING'
      RETURNING "subscriberId")
    INSERT INTO "SubscriberEvent" ("subscriberId", type, details)
    SELECT "subscriberId", 'email.sent', ${JSON.stringify(event)}::jsonb FROM sent WHERE "subscriberId" IS NOT NULL`;
}

/** A final failure (5xx, or a skip before any attempt), with its reason for the report. */
export async function markFailed(
  database: DatabaseClient,
  scope: Scope,
  row: ClaimedDelivery,
  reason: string,
): Promise<void> {
  await database.$executeRaw`
    UPDATE ${TABLE[scope.kind]} SET status = 'FAILED', "lastError" = ${reason.slice(0, 1000)}, "claimedAt" = NULL
     WHERE id = ${row.id} AND status = 'PENDING'`;
}

/**
 * The mail server refused for now (or could not be reached): nothing was accepted, so the
 * row may be tried again after a backoff, until MAX_ATTEMPTS. Returns when it may retry.
 */
export async function markTemporaryFailure(
  database: DatabaseClient,
  scope: Scope,
  row: ClaimedDelivery,
  reason: string,
): Promise<Date | null> {
  const attempts = row.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    await markFailed(database, scope, row, `Gave up after ${attempts} attempts: ${reason}`);
    return null;
  }
  const backoffMs = Math.min(RETRY_BACKOFF_MS[Math.min(attempts - 1, RETRY_BACKOFF_MS.length - 1)]!, leaseOf(scope));
  // The claim stays, with no message in flight, dated to expire when the backoff ends
  // (computed by the database, like every other claim time, so all share one clock).
  await database.$executeRaw`
    UPDATE ${TABLE[scope.kind]}
       SET "messageId" = NULL, "lastError" = ${reason.slice(0, 1000)},
           "claimedAt" = now() - make_interval(secs => ${(leaseOf(scope) - backoffMs) / 1000})
     WHERE id = ${row.id} AND status = 'PENDING'`;
  return new Date(Date.now() + backoffMs);
}

/**
 * Staff's explicit decision about rows whose outcome is unknown: send them again (a
 * recipient whose message had in fact been accepted gets it twice). Returns how many.
 */
export async function retryUnknownDeliveries(database: DatabaseClient, scope: Scope): Promise<number> {
  return database.$executeRaw`
    UPDATE ${TABLE[scope.kind]} SET status = 'PENDING', "messageId" = NULL, "claimedAt" = NULL, "lastError" = NULL
     WHERE ${scopeCondition(scope)} AND status = 'FAILED' AND "lastError" = ${UNKNOWN_OUTCOME}`;
}

export type DeliveryProgress = {
  total: number;
  sent: number;
  failed: number;
  remaining: number;
  unknown: number;
  skipped: number;
};

export async function deliveryProgress(database: DatabaseClient, scope: Scope): Promise<DeliveryProgress> {
  const [row] = await database.$queryRaw<Array<Record<keyof DeliveryProgress, bigint>>>`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE status = 'SENT') AS sent,
           count(*) FILTER (WHERE status = 'FAILED' AND "lastError" NOT LIKE ${`${SKIPPED_PREFIX}%`}) AS failed,
           count(*) FILTER (WHERE status = 'PENDING') AS remaining,
           count(*) FILTER (WHERE status = 'FAILED' AND "lastError" = ${UNKNOWN_OUTCOME}) AS unknown,
           count(*) FILTER (WHERE status = 'FAILED' AND "lastError" LIKE ${`${SKIPPED_PREFIX}%`}) AS skipped
      FROM ${TABLE[scope.kind]} WHERE ${scopeCondition(scope)}`;
  return {
    total: Number(row?.total ?? 0),
    sent: Number(row?.sent ?? 0),
    failed: Number(row?.failed ?? 0),
    remaining: Number(row?.remaining ?? 0),
    unknown: Number(row?.unknown ?? 0),
    skipped: Number(row?.skipped ?? 0),
  };
}

/**
 * When a sender may next find work among the pending rows: now if one is unclaimed, else
 * when the earliest claim (a backoff, or another sender's) expires; null when none is pending.
 */
export async function nextReleaseAt(database: DatabaseClient, scope: Scope): Promise<Date | null> {
  const [row] = await database.$queryRaw<Array<{ at: Date | null }>>`
    SELECT CASE WHEN bool_or("claimedAt" IS NULL) THEN now()::timestamp
                ELSE min("claimedAt") + make_interval(secs => ${leaseOf(scope) / 1000}) END AS at
      FROM ${TABLE[scope.kind]} WHERE ${scopeCondition(scope)} AND status = 'PENDING'`;
  return row?.at ?? null;
}
