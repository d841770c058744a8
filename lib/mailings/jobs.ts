/**
 * Background jobs for bulk mail (lib/workers.ts lists them). A digest's send: the
 * fan-out job creates its delivery rows and starts SEND_RUNS_PER_DIGEST sending runs; each
 * run sends for a minute at most, then queues the next run for when work is available
 * (at once, or when a temporary failure's backoff ends). A run killed with its process is
 * retried by pg-boss once its job expires; the delivery rows make every retry safe.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { bulkMailer } from "@/lib/mail/mailer";
import { loadMailSettings } from "@/lib/mail/settings";
import { messageIdDomain } from "@/lib/mail/transport";
import { queueAlerts, runAlertSend } from "./alerts";
import type { DeliveryKind } from "./deliveries";
import { fanOutDigest, runDigestSend, type SendContext } from "./digests";
import { pacerFor } from "./sender";

/** Parallel sending runs per digest (they share the sending pace: this process's, or every server's with a shared RATE_LIMIT_STORE). */
export const SEND_RUNS_PER_DIGEST = 2;

async function sendContext(kind: DeliveryKind, signal: AbortSignal): Promise<SendContext> {
  const settings = await loadMailSettings(db, env.MAIL_FROM);
  return {
    mailer: bulkMailer(),
    pacer: pacerFor(kind, settings.sendRatePerSecond, env.RATE_LIMIT_STORE !== "memory"),
    settings,
    site: { siteName: env.SITE_NAME, siteUrl: env.SITE_URL },
    messageIdDomain: messageIdDomain(settings.from.address, env.SITE_URL),
    signal,
  };
}

const digestPayload = z.object({ digestId: z.number().int().positive() });

export const digestSendJob = defineJob({
  name: "mail.digest-send",
  payload: digestPayload,
  retryLimit: 10,
  retryDelaySeconds: 30,
  concurrency: SEND_RUNS_PER_DIGEST,
  async run({ digestId }, context) {
    const result = await runDigestSend(db, digestId, await sendContext("digest", context.signal));
    if (result.resumeAt) await context.enqueue(digestSendJob, { digestId }, { startAfter: result.resumeAt });
  },
});

export const digestFanOutJob = defineJob({
  name: "mail.digest-fan-out",
  payload: digestPayload,
  retryLimit: 5,
  retryDelaySeconds: 10,
  async run({ digestId }, context) {
    await fanOutDigest(db, digestId);
    for (let run = 0; run < SEND_RUNS_PER_DIGEST; run++) await context.enqueue(digestSendJob, { digestId });
  },
});

const alertSendJob = defineJob({
  name: "mail.alert-send",
  payload: z.object({}),
  retryLimit: 10,
  retryDelaySeconds: 30,
  async run(_payload, context) {
    const result = await runAlertSend(db, await sendContext("alert", context.signal));
    if (result.resumeAt) await context.enqueue(alertSendJob, {}, { startAfter: result.resumeAt });
  },
});

/** Every minute: queue alerts for publications that have just become public. */
const alertSweepJob = defineJob({
  name: "mail.alert-sweep",
  payload: z.object({}),
  retryLimit: 0,
  retryDelaySeconds: 60,
  cron: "* * * * *",
  async run(_payload, context) {
    const queued = await queueAlerts(db);
    if (queued.length > 0) await context.enqueue(alertSendJob, {});
  },
});

export const MAIL_JOBS = [digestFanOutJob, digestSendJob, alertSweepJob, alertSendJob] as const;
