/**
 * One sending run over a mailing's delivery rows: claims them in batches, composes each
 * recipient's message, paces the SMTP submissions and records every outcome (the states
 * and the at-most-once reasoning are in deliveries.ts). A run stops after its time budget
 * so a job never holds a worker for long; the caller schedules the next run.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { RateLimit } from "@/lib/http/rate-limit";
import { MailDeliveryError, type Mailer, type OutgoingMail } from "@/lib/mail/transport";
import type { SentEmailKind } from "@/lib/subscribers/events";
import {
  claimDeliveries,
  deliveryProgress,
  markFailed,
  markInFlight,
  markSent,
  markTemporaryFailure,
  nextReleaseAt,
  releaseClaims,
  resolveAbandonedDeliveries,
  SKIPPED_PREFIX,
  type ClaimedDelivery,
  type DeliveryKind,
} from "./deliveries";

/** What a sending run waits on before each submission. */
export type Pace = { take(): Promise<void> };

/** Spaces submissions to a rate shared by every run in this process. */
export class Pacer implements Pace {
  private nextSlot = 0;
  constructor(public ratePerSecond: number) {}

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.ratePerSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}

/**
 * A pace shared by every server counting in the same store (RATE_LIMIT_STORE postgres or
 * redis, lib/http/rate-limit.ts): at most `ratePerSecond` submissions in each second across
 * all of them, so two workers do not send at twice the relay's rate.
 */
export class SharedPacer implements Pace {
  constructor(
    private readonly limit: RateLimit,
    private readonly key: string,
  ) {}

  async take(): Promise<void> {
    await this.limit.take(this.key);
  }
}

const pacers = new Map<DeliveryKind, Pacer>();
const sharedLimits = new Map<number, RateLimit>();

/**
 * The pacer for a kind of mailing, set to the configured rate: shared by every server when
 * `shared` (the limits' store is), else this process's own.
 */
export function pacerFor(kind: DeliveryKind, ratePerSecond: number, shared = false): Pace {
  if (shared) {
    let limit = sharedLimits.get(ratePerSecond);
    if (!limit) {
      limit = new RateLimit(`mail-pace-${ratePerSecond}`, ratePerSecond, 1);
      sharedLimits.set(ratePerSecond, limit);
    }
    return new SharedPacer(limit, kind);
  }
  const pacer = pacers.get(kind) ?? new Pacer(ratePerSecond);
  pacer.ratePerSecond = ratePerSecond;
  pacers.set(kind, pacer);
  return pacer;
}

export type ComposedDelivery = { mail: OutgoingMail } | { skip: string };

export type SendRunOptions = {
  database: DatabaseClient;
  kind: DeliveryKind;
  /** One digest or publication; every pending row of the kind when absent. */
  parentId?: number;
  mailer: Mailer;
  pacer: Pace;
  /** Each claimed row's message, or why it is not sent. */
  compose: (rows: ClaimedDelivery[]) => Promise<Map<number, ComposedDelivery>>;
  /** The domain of the Message-IDs, which name the row: <digest-4-1234@example.org>. */
  messageIdDomain: string;
  batchSize?: number;
  budgetMs?: number;
  leaseMs?: number;
  /** Aborted when the server stops: no new message is started, unstarted claims are given back. */
  signal?: AbortSignal;
};

export type SendRunResult = {
  sent: number;
  failed: number;
  retried: number;
  /** Rows still pending after the run, and when the next run may find work (null: none left). */
  remaining: number;
  resumeAt: Date | null;
};

const EVENT_KIND: Record<DeliveryKind, SentEmailKind> = { digest: "digest", alert: "alert" };

/** Messages handed to the SMTP pool at once by one run (two runs per digest fill BULK_CONNECTIONS). */
const CONCURRENT_SUBMISSIONS = 5;

export async function runSend(options: SendRunOptions): Promise<SendRunResult> {
  const { database, kind, mailer, pacer } = options;
  const scope = { kind, parentId: options.parentId, leaseMs: options.leaseMs };
  const deadline = Date.now() + (options.budgetMs ?? 60_000);
  const result = { sent: 0, failed: 0, retried: 0 };
  const stopping = () => options.signal?.aborted === true;
  await resolveAbandonedDeliveries(database, scope);

  async function deliver(
    row: ClaimedDelivery,
    delivery: ComposedDelivery,
  ): Promise<"sent" | "failed" | "retried" | "skipped" | "not attempted"> {
    if ("skip" in delivery) {
      await markFailed(database, scope, row, `${SKIPPED_PREFIX}${delivery.skip}`);
      return "skipped";
    }
    await pacer.take();
    if (stopping()) return "not attempted";
    const messageId = `<${kind}-${row.parentId}-${row.id}@${options.messageIdDomain}>`;
    if (!(await markInFlight(database, scope, row, messageId))) return "skipped";
    try {
      await mailer.send({ ...delivery.mail, messageId });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof MailDeliveryError && !error.temporary) {
        await markFailed(database, scope, row, reason);
        return "failed";
      }
      return (await markTemporaryFailure(database, scope, row, reason)) ? "retried" : "failed";
    }
    const parentKey = kind === "digest" ? "digestId" : "publicationId";
    await markSent(database, scope, row, { kind: EVENT_KIND[kind], [parentKey]: row.parentId, deliveryId: row.id });
    return "sent";
  }

  while (Date.now() < deadline && !stopping()) {
    const rows = await claimDeliveries(database, scope, options.batchSize ?? 50);
    if (rows.length === 0) break;
    const composed = await options.compose(rows);
    const queue = [...rows];
    const notAttempted: ClaimedDelivery[] = [];
    // A few submissions in flight at once (over the pooled SMTP connections); the pacer sets the rate.
    await Promise.all(
      Array.from({ length: CONCURRENT_SUBMISSIONS }, async () => {
        for (let row = stopping() ? undefined : queue.shift(); row; row = stopping() ? undefined : queue.shift()) {
          const outcome = await deliver(row, composed.get(row.id) ?? { skip: "no longer subscribed" });
          if (outcome === "not attempted") notAttempted.push(row);
          else if (outcome !== "skipped") result[outcome]++;
        }
      }),
    );
    // Stopping: messages already handed to SMTP finished above; the rest wait for the next run.
    if (notAttempted.length + queue.length > 0) await releaseClaims(database, scope, [...notAttempted, ...queue]);
  }

  const progress = await deliveryProgress(database, scope);
  return { ...result, remaining: progress.remaining, resumeAt: await nextReleaseAt(database, scope) };
}
