/**
 * Immediate alerts: one email per publication to each confirmed "immediately" subscriber
 * with the publication in their topics. The per-minute sweep is the integration point with
 * publishing (nothing calls in here when something is published): it picks publications
 * that became public recently and have not been alerted yet.
 */
import { publicSql } from "@/lib/data/visibility";
import type { DatabaseClient } from "@/lib/db-client";
import type { MailSettings } from "@/lib/mail/settings";
import { alertComposer } from "./content";
import type { SendContext } from "./digests";
import { runSend, type SendRunResult } from "./sender";

/** Only publications this recent are alerted: an old archive (or a restore) never floods inboxes. */
const ALERT_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Marks newly public publications as alerted and creates their AlertDelivery rows, in one
 * transaction so that a publication is queued exactly once even with several sweepers.
 * Returns the publications queued.
 */
export async function queueAlerts(database: DatabaseClient, now = new Date()): Promise<number[]> {
  return database.$transaction(async (tx) => {
    const queued = await tx.$queryRaw<Array<{ id: number }>>`
      UPDATE "Publication" SET "alertsQueuedAt" = ${now}
       WHERE id IN (
         SELECT id FROM "Publication" p
          WHERE ${publicSql("p", now)} AND p."alertsQueuedAt" IS NULL
            AND p."publishedAt" > ${new Date(now.getTime() - ALERT_WINDOW_MS)}
          FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (queued.length === 0) return [];
    const ids = queued.map((row) => row.id);
    await tx.$executeRaw`
      INSERT INTO "AlertDelivery" ("publicationId", "subscriberId")
      SELECT DISTINCT pc."publicationId", s.id
        FROM "PublicationCategory" pc
        JOIN "SubscriberTopic" t ON t."categoryId" = pc."categoryId"
        JOIN "Subscriber" s ON s.id = t."subscriberId"
       WHERE pc."publicationId" = ANY(${ids}) AND s.status = 'CONFIRMED' AND s.frequency = 'IMMEDIATE'
      ON CONFLICT ("publicationId", "subscriberId") DO NOTHING`;
    return ids;
  });
}

/** One sending run over every pending alert. */
export function runAlertSend(
  database: DatabaseClient,
  context: SendContext & { settings: MailSettings },
): Promise<SendRunResult> {
  return runSend({
    database,
    kind: "alert",
    mailer: context.mailer,
    pacer: context.pacer,
    compose: alertComposer(database, context.site, context.settings),
    messageIdDomain: context.messageIdDomain,
    budgetMs: context.budgetMs,
    leaseMs: context.leaseMs,
    signal: context.signal,
  });
}
