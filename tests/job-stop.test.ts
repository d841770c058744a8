/**
 * Stopping the job workers (what the server does on SIGTERM, server.ts → lib/shutdown.ts →
 * stopJobQueue): a digest being sent is not cut off mid-message. The runs finish the
 * messages already handed to SMTP, start no other, give back the rows they had claimed,
 * and the stop returns once they have; after a restart the rest goes out, once each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { closeApp, useAppEnvironment } from "./support/mail-app";
import { createPublication, createSubscribers, createTopics } from "./support/mail-fixtures";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;

async function loadApp() {
  return {
    digests: await import("@/lib/mailings/digests"),
    deliveries: await import("@/lib/mailings/deliveries"),
    queue: await import("@/lib/jobs/queue"),
    workers: await import("@/lib/workers"),
    jobs: await import("@/lib/mailings/jobs"),
  };
}
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  await useAppEnvironment({ DATABASE_URL: testDatabase.url, SMTP_URL: smtp.url });
  app = await loadApp();
  // Slow enough that a run is mid-digest when the stop comes.
  await testDatabase.db.setting.create({ data: { key: "mail.sendRatePerSecond", value: 40 } });
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  await closeApp();
  await smtp.close();
});

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("stopping the job workers", () => {
  it("lets a digest run finish the message in hand, start no other, and resume after a restart", async () => {
    const db = testDatabase.db;
    const topics = await createTopics(db, ["trade"]);
    await createPublication(db, {
      title: "Tariffs and the Peninsula",
      topicIds: [topics.get("trade")!],
      publishedAt: new Date(Date.now() - 3600_000),
    });
    const readers = await createSubscribers(db, { prefix: "stop-", count: 200, topicIds: [topics.get("trade")!] });
    const digest = await db.digest.create({
      data: { subject: "This week: trade", intro: "Intro.", publicationIds: [] },
      select: { id: true },
    });
    expect(await app.digests.startDigest(db, digest.id)).toEqual({ ok: true });

    // The fifth message waits at the SMTP server until the stop has begun.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    smtp.holdWhen = () => {
      if (smtp.inbox.length < 4 || held) return;
      held = true;
      return released;
    };

    await app.workers.startAllWorkers();
    await app.queue.enqueue(app.jobs.digestFanOutJob, { digestId: digest.id });
    await waitFor(
      () => held,
      (value) => value,
    );

    const stopped = app.queue.stopJobQueue(20_000);
    release();
    await stopped;

    // Stopped: nothing in flight (no "unknown outcome" to come), nothing left claimed.
    const rows = await db.digestDelivery.findMany({
      where: { digestId: digest.id },
      select: { status: true, messageId: true, claimedAt: true, lastError: true },
    });
    expect(rows.filter((row) => row.status === "PENDING" && row.messageId !== null)).toEqual([]);
    expect(rows.filter((row) => row.status === "PENDING" && row.claimedAt !== null)).toEqual([]);
    expect(rows.filter((row) => row.status === "FAILED")).toEqual([]);
    const sent = rows.filter((row) => row.status === "SENT").length;
    expect(sent).toBe(smtp.inbox.length);
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThan(readers.length);

    // After a restart the rest is sent, once each.
    smtp.holdWhen = () => undefined;
    await app.workers.startAllWorkers();
    await waitFor(
      () => db.digest.findUniqueOrThrow({ where: { id: digest.id } }),
      (row) => row.status === "SENT",
      120_000,
    );
    const counts = smtp.countsByRecipient();
    for (const reader of readers) expect(counts.get(reader), reader).toBe(1);
  }, 180_000);
});
