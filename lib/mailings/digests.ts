/**
 * Digests: composed by staff, then sent in the background. Sending a digest fixes its
 * window ("new since the last digest"), fans out one DigestDelivery row per confirmed
 * weekly subscriber with something in their topics, and sending runs (sender.ts) work
 * through the rows at most once each.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MailSettings } from "@/lib/mail/settings";
import type { Mailer } from "@/lib/mail/transport";
import { digestComposer, loadDigestItems, type SiteIdentity } from "./content";
import { retryUnknownDeliveries } from "./deliveries";
import { runSend, type Pace, type SendRunResult } from "./sender";

/** "New since the last digest" for the very first digest: the last week. */
const FIRST_DIGEST_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Where the window of a new "since the last digest" digest starts: the end of the last one sent. */
async function lastDigestEnd(database: DatabaseClient, exceptId?: number): Promise<Date | null> {
  const last = await database.digest.findFirst({
    where: {
      status: { in: ["SENDING", "SENT"] },
      publicationIds: { isEmpty: true },
      periodEnd: { not: null },
      ...(exceptId && { id: { not: exceptId } }),
    },
    orderBy: { periodEnd: "desc" },
    select: { periodEnd: true },
  });
  return last?.periodEnd ?? null;
}

export async function digestWindow(
  database: DatabaseClient,
  now: Date,
  exceptId?: number,
): Promise<{ periodStart: Date; periodEnd: Date }> {
  return {
    periodStart: (await lastDigestEnd(database, exceptId)) ?? new Date(now.getTime() - FIRST_DIGEST_WINDOW_MS),
    periodEnd: now,
  };
}

export type StartResult = { ok: true } | { ok: false; message: string };

/** DRAFT → SENDING, fixing the window; refuses a digest already sent or sending (a double click). */
export async function startDigest(
  database: DatabaseClient,
  digestId: number,
  options: { now?: Date; actorId?: number } = {},
): Promise<StartResult> {
  const now = options.now ?? new Date();
  return database.$transaction(async (tx) => {
    const [digest] = await tx.$queryRaw<Array<{ status: string; handPicked: boolean }>>`
      SELECT status::text AS status, cardinality("publicationIds") > 0 AS "handPicked" FROM "Digest" WHERE id = ${digestId} FOR UPDATE`;
    if (!digest) return { ok: false, message: "This digest does not exist." };
    if (digest.status !== "DRAFT") return { ok: false, message: "This digest has already been sent." };
    const window = digest.handPicked
      ? { periodStart: null, periodEnd: now }
      : await digestWindow(tx as unknown as DatabaseClient, now, digestId);
    await tx.digest.update({ where: { id: digestId }, data: { status: "SENDING", sendStartedAt: now, ...window } });
    if (options.actorId !== undefined) {
      await tx.auditLog.create({
        data: { actorId: options.actorId, action: "digest.send", entityType: "Digest", entityId: String(digestId) },
      });
    }
    return { ok: true };
  });
}

/**
 * One delivery row per confirmed weekly subscriber with at least one of the digest's
 * publications in their topics. Idempotent: the unique (digestId, subscriberId) and ON
 * CONFLICT DO NOTHING make a repeated fan-out (a retried job) add nobody twice.
 */
export async function fanOutDigest(database: DatabaseClient, digestId: number): Promise<number> {
  const digest = await database.digest.findUniqueOrThrow({ where: { id: digestId } });
  const items = await loadDigestItems(database, digest);
  const categoryIds = [...new Set(items.flatMap((item) => item.categoryIds))];
  if (categoryIds.length === 0) return 0;
  return database.$executeRaw`
    INSERT INTO "DigestDelivery" ("digestId", "subscriberId")
    SELECT ${digestId}, s.id FROM "Subscriber" s
     WHERE s.status = 'CONFIRMED' AND s.frequency = 'WEEKLY'
       AND EXISTS (SELECT 1 FROM "SubscriberTopic" t WHERE t."subscriberId" = s.id AND t."categoryId" IN (${Prisma.join(categoryIds)}))
    ORDER BY s.id
    ON CONFLICT ("digestId", "subscriberId") DO NOTHING`;
}

export type SendContext = {
  mailer: Mailer;
  pacer: Pace;
  settings: MailSettings;
  site: SiteIdentity;
  messageIdDomain: string;
  budgetMs?: number;
  leaseMs?: number;
  /** Aborted when the server stops (the job's signal): the run ends between two messages. */
  signal?: AbortSignal;
};

/** One sending run for a digest; marks it SENT when no row is left pending. */
export async function runDigestSend(
  database: DatabaseClient,
  digestId: number,
  context: SendContext,
): Promise<SendRunResult> {
  const digest = await database.digest.findUniqueOrThrow({ where: { id: digestId } });
  if (digest.status !== "SENDING") return { sent: 0, failed: 0, retried: 0, remaining: 0, resumeAt: null };
  const items = await loadDigestItems(database, digest);
  const result = await runSend({
    database,
    kind: "digest",
    parentId: digestId,
    mailer: context.mailer,
    pacer: context.pacer,
    compose: digestComposer(database, digest, items, context.site, context.settings),
    messageIdDomain: context.messageIdDomain,
    budgetMs: context.budgetMs,
    leaseMs: context.leaseMs,
    signal: context.signal,
  });
  if (result.remaining === 0) await markDigestSentIfDone(database, digestId);
  return result;
}

async function markDigestSentIfDone(database: DatabaseClient, digestId: number): Promise<void> {
  await database.$executeRaw`
    UPDATE "Digest" SET status = 'SENT', "sentAt" = now()
     WHERE id = ${digestId} AND status = 'SENDING'
       AND NOT EXISTS (SELECT 1 FROM "DigestDelivery" WHERE "digestId" = ${digestId} AND status = 'PENDING')`;
}

/**
 * Staff's explicit decision to send a digest again to the recipients whose outcome is
 * unknown (see deliveries.ts); the digest is sending again until they are done.
 */
export async function resendUnknownDigestDeliveries(
  database: DatabaseClient,
  digestId: number,
  actorId?: number,
): Promise<number> {
  return database.$transaction(async (tx) => {
    const count = await retryUnknownDeliveries(tx as unknown as DatabaseClient, { kind: "digest", parentId: digestId });
    if (count > 0) await tx.digest.update({ where: { id: digestId }, data: { status: "SENDING", sentAt: null } });
    if (count > 0 && actorId !== undefined) {
      await tx.auditLog.create({
        data: {
          actorId,
          action: "digest.resend_unknown",
          entityType: "Digest",
          entityId: String(digestId),
          details: { count },
        },
      });
    }
    return count;
  });
}
