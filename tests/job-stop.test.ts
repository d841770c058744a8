/**
 * Stopping the job workers (what the server does on SIGTERM, server.ts → lib/shutdown.ts →
 * stopJobQueue): a digest or signup emails being sent are not cut off mid-message. The runs finish the
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
    signup: await import("@/lib/subscribers/signup"),
    signupMail: await import("@/lib/subscribers/signup-mail"),
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

  it("lets the signup emails in hand go out, gives back the rest, and sends them after a restart", async () => {
    const db = testDatabase.db;
    await app.queue.stopJobQueue();
    smtp.holdWhen = () => undefined;
    const before = smtp.inbox.length;
    const topics = await createTopics(db, ["energy"]);
    const readers = Array.from({ length: 12 }, (_, n) => `signup-stop-${n}@example.org`);
    for (const email of readers)
      await app.signup.startImportedDoubleOptIn({
        email,
        firstName: "",
        lastName: "",
        topicIds: [topics.get("energy")!],
      });

    // After the first two, every email waits at the SMTP server until the stop has begun.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    smtp.holdWhen = () => {
      if (smtp.inbox.length - before < 2) return;
      held++;
      return released;
    };
    await app.workers.startAllWorkers();
    await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
    await waitFor(
      () => held,
      (value) => value > 0,
    );
    const stopped = app.queue.stopJobQueue(20_000);
    release();
    await stopped;

    // Stopped: what was handed to SMTP is recorded as sent; nothing is left claimed or failed.
    const mails = await db.signupMail.findMany({
      where: { subscriber: { email: { in: readers } } },
      select: { claimedAt: true, sentAt: true, failedAt: true, attempts: true },
    });
    expect(mails).toHaveLength(readers.length);
    expect(mails.filter((mail) => mail.failedAt !== null)).toEqual([]);
    const sent = mails.filter((mail) => mail.sentAt !== null).length;
    expect(sent).toBe(smtp.inbox.length - before);
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThan(readers.length);
    // Given back as if never claimed: no attempt counted, no "email.sent" in their history.
    expect(mails.filter((mail) => mail.sentAt === null)).toEqual(
      Array(readers.length - sent).fill({ claimedAt: null, sentAt: null, failedAt: null, attempts: 0 }),
    );
    expect(
      await db.subscriberEvent.count({ where: { type: "email.sent", subscriber: { email: { in: readers } } } }),
    ).toBe(sent);

    // After a restart the rest is sent, once each.
    smtp.holdWhen = () => undefined;
    await app.workers.startAllWorkers();
    await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
    await waitFor(
      () => db.signupMail.count({ where: { subscriber: { email: { in: readers } }, sentAt: null } }),
      (waiting) => waiting === 0,
    );
    const counts = smtp.countsByRecipient();
    for (const reader of readers) expect(counts.get(reader), reader).toBe(1);
  }, 120_000);
});
