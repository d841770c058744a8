/**
 * Digests and alerts against a real database and a real SMTP server: a digest to 1,000
 * subscribers through the job queue arrives exactly once each; a sender killed mid-send
 * (SIGKILL) and resumed never sends twice; temporary SMTP refusals are retried, permanent
 * ones recorded; alerts go out once per publication.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { closeApp, TEST_SITE_URL, useAppEnvironment } from "./support/mail-app";
import { createPublication, createSubscribers, createTopics } from "./support/mail-fixtures";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;
let topics: Map<string, number>;

async function loadApp() {
  return {
    digests: await import("@/lib/mailings/digests"),
    alerts: await import("@/lib/mailings/alerts"),
    deliveries: await import("@/lib/mailings/deliveries"),
    sender: await import("@/lib/mailings/sender"),
    settings: await import("@/lib/mail/settings"),
    transport: await import("@/lib/mail/transport"),
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
  topics = await createTopics(testDatabase.db, ["trade", "security", "energy"]);
  // Fast enough for a test; the pace itself is covered below.
  await testDatabase.db.setting.create({ data: { key: "mail.sendRatePerSecond", value: 1000 } });
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  await closeApp();
  await smtp.close();
});

async function context(options: { leaseMs?: number } = {}) {
  const settings = await app.settings.loadMailSettings(
    testDatabase.db,
    "Quire Test Institute <news@think.example.org>",
  );
  return {
    mailer: app.transport.createMailer({
      smtpUrl: smtp.url,
      outboxDir: "/nonexistent",
      from: "x <news@think.example.org>",
      siteUrl: TEST_SITE_URL,
      pool: true,
    }),
    pacer: new app.sender.Pacer(settings.sendRatePerSecond),
    settings,
    site: { siteName: "Quire Test Institute", siteUrl: TEST_SITE_URL },
    messageIdDomain: "think.example.org",
    ...options,
  };
}

async function newDigest(subject: string, publicationIds: number[] = []) {
  return testDatabase.db.digest.create({
    data: { subject, intro: "This week at the institute.", publicationIds },
    select: { id: true },
  });
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const header = (mail: { headerLines: readonly { key: string; line: string }[] }, name: string) =>
  mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, " ");

describe("a digest", () => {
  it("reaches 1,000 subscribers exactly once each through the job queue, with only their topics", async () => {
    const db = testDatabase.db;
    const tradePiece = await createPublication(db, {
      title: "Tariffs and the Peninsula",
      topicIds: [topics.get("trade")!],
      publishedAt: new Date(Date.now() - 3600_000),
    });
    await createPublication(db, {
      title: "Security Dialogue",
      topicIds: [topics.get("security")!],
      publishedAt: new Date(Date.now() - 7200_000),
    });
    const readers = await createSubscribers(db, {
      prefix: "weekly-trade-",
      count: 1000,
      topicIds: [topics.get("trade")!],
    });
    await createSubscribers(db, { prefix: "weekly-energy-", count: 5, topicIds: [topics.get("energy")!] });
    await createSubscribers(db, { prefix: "pending-", count: 5, topicIds: [topics.get("trade")!], status: "PENDING" });
    await createSubscribers(db, {
      prefix: "immediate-",
      count: 5,
      topicIds: [topics.get("trade")!],
      frequency: "IMMEDIATE",
    });

    const digest = await newDigest("This week: trade");
    expect(await app.digests.startDigest(db, digest.id)).toEqual({ ok: true });
    expect(await app.digests.startDigest(db, digest.id)).toEqual({
      ok: false,
      message: "This digest has already been sent.",
    });
    await app.workers.startAllWorkers();
    await app.queue.enqueue(app.jobs.digestFanOutJob, { digestId: digest.id });

    const done = await waitFor(
      () => db.digest.findUniqueOrThrow({ where: { id: digest.id } }),
      (row) => row.status === "SENT",
      120_000,
    );
    expect(done.sentAt).toBeInstanceOf(Date);
    const progress = await app.deliveries.deliveryProgress(db, { kind: "digest", parentId: digest.id });
    expect(progress).toMatchObject({ total: 1000, sent: 1000, failed: 0, remaining: 0 });

    const counts = smtp.countsByRecipient();
    for (const reader of readers) expect(counts.get(reader), reader).toBe(1);
    // Energy readers had nothing new in their topics; pending and immediate readers get no digest.
    expect([...counts.keys()].filter((address) => !address.startsWith("weekly-trade-"))).toEqual([]);

    const sample = smtp.mailsTo(readers[0]!)[0]!;
    expect(sample.subject).toBe("This week: trade");
    expect(sample.text).toContain("Tariffs and the Peninsula");
    expect(sample.text).not.toContain("Security Dialogue");
    expect(sample.text).toContain(`${TEST_SITE_URL}/publications/${tradePiece.slug}`);
    expect(sample.html).toContain(`href="${TEST_SITE_URL}/publications/${tradePiece.slug}"`);
    expect(sample.messageId).toMatch(new RegExp(`^<digest-${digest.id}-\\d+@think\\.example\\.org>$`));
    expect(header(sample, "list-unsubscribe")).toMatch(
      /<https:\/\/think\.example\.org\/api\/unsubscribe\?token=[^>]+>/,
    );
    expect(header(sample, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(sample.from?.value[0]?.address).toBe("news@think.example.org");

    // Each delivery is in the reader's history.
    const reader = await db.subscriber.findUniqueOrThrow({ where: { email: readers[0]! }, include: { events: true } });
    expect(reader.events).toEqual([
      expect.objectContaining({
        type: "email.sent",
        details: expect.objectContaining({ kind: "digest", digestId: digest.id }),
      }),
    ]);

    // The next "new since the last digest" window starts where this one ended.
    const next = await newDigest("Next week");
    await app.digests.startDigest(db, next.id);
    const nextRow = await db.digest.findUniqueOrThrow({ where: { id: next.id } });
    expect(nextRow.periodStart).toEqual(done.periodEnd);
    expect(await app.digests.fanOutDigest(db, next.id)).toBe(0);
    await db.digest.update({ where: { id: next.id }, data: { status: "CANCELLED" } });
    await app.queue.stopJobQueue();
  });

  it("killed mid-send (SIGKILL) and resumed, never sends anyone the digest twice", async () => {
    const db = testDatabase.db;
    const piece = await createPublication(db, {
      title: "Energy Security Outlook",
      topicIds: [topics.get("energy")!],
      publishedAt: new Date(Date.now() - 60_000),
    });
    const readers = await createSubscribers(db, { prefix: "crash-", count: 300, topicIds: [topics.get("energy")!] });
    const digest = await newDigest("Energy, hand-picked", [piece.id]);
    await app.digests.startDigest(db, digest.id);
    await app.digests.fanOutDigest(db, digest.id);

    // From the 121st message on, the SMTP server holds every message (accepts none), and the
    // sender is killed while those are in flight.
    const held = new Set<string>();
    let holding: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (holding = resolve));
    // Counted here, not from the inbox: messages on parallel connections pass this check before any is filed.
    let admitted = 0;
    smtp.holdWhen = (mail) => {
      if (admitted < 120) {
        admitted += 1;
        return;
      }
      held.add((Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!.toLowerCase());
      holding();
      return new Promise<void>(() => undefined);
    };
    const leaseMs = 2000;
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join("tests", "support", "digest-sender.ts")],
      {
        cwd: path.resolve(import.meta.dirname, ".."),
        env: {
          ...process.env,
          DATABASE_URL: testDatabase.url,
          SMTP_URL: smtp.url,
          DIGEST_ID: String(digest.id),
          LEASE_MS: String(leaseMs),
          NODE_ENV: "test",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childOutput = "";
    child.stdout.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await Promise.race([
      firstHeld,
      exited.then(() => Promise.reject(new Error(`sender exited early:\n${childOutput}`))),
    ]);
    // Let the sender record the 120 accepted messages, so the held ones are all that is in flight.
    await waitFor(
      () => app.deliveries.deliveryProgress(db, { kind: "digest", parentId: digest.id }),
      (progress) => progress.sent === 120,
      10_000,
    );
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    smtp.holdWhen = () => undefined;
    expect(held.size).toBeGreaterThanOrEqual(1);

    // 300 new readers and the 5 energy readers from the first test.
    const afterKill = await app.deliveries.deliveryProgress(db, { kind: "digest", parentId: digest.id });
    expect(afterKill).toMatchObject({ total: 305, sent: 120, remaining: 185 });

    // Resumed once the dead sender's claims have expired: the messages in flight are not resent.
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 200));
    for (;;) {
      const run = await app.digests.runDigestSend(db, digest.id, await context({ leaseMs }));
      const resumeAt = run.resumeAt;
      if (!resumeAt) break;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, resumeAt.getTime() - Date.now()) + 50));
    }
    const resumed = await app.deliveries.deliveryProgress(db, { kind: "digest", parentId: digest.id });
    expect(resumed).toMatchObject({ total: 305, remaining: 0 });
    expect(resumed.sent + resumed.unknown).toBe(305);
    // Every message in flight when the sender died has an unknown outcome: at least those the
    // server was holding, and any still on their way to it (the sender keeps several connections).
    const unknown = await db.digestDelivery.findMany({
      where: { digestId: digest.id, status: "FAILED" },
      include: { subscriber: true },
    });
    expect(unknown).toHaveLength(resumed.unknown);
    expect(unknown.map((row) => row.lastError)).toEqual(Array(unknown.length).fill(app.deliveries.UNKNOWN_OUTCOME));
    const unknownReaders = new Set(unknown.map((row) => row.subscriber!.email));
    for (const reader of held) expect(unknownReaders.has(reader), reader).toBe(true);
    // Nobody got it twice; everyone recorded as sent got it once. A message of unknown outcome
    // either never arrived (held, or not yet handed over) or arrived just before the sender
    // died, in the moment between the server's acceptance and the sender's record of it.
    const counts = smtp.countsByRecipient();
    for (const reader of readers) {
      if (unknownReaders.has(reader)) expect(counts.get(reader) ?? 0, reader).toBeLessThanOrEqual(1);
      else expect(counts.get(reader), reader).toBe(1);
    }
    for (const reader of held) expect(counts.get(reader) ?? 0, reader).toBe(0);

    // Staff decide to send the unknown ones again: each of them gets exactly one more.
    expect(await app.digests.resendUnknownDigestDeliveries(db, digest.id)).toBe(unknown.length);
    await app.digests.runDigestSend(db, digest.id, await context({ leaseMs }));
    const final = smtp.countsByRecipient();
    for (const reader of readers)
      expect(final.get(reader), reader).toBe((counts.get(reader) ?? 0) + (unknownReaders.has(reader) ? 1 : 0));
    for (const reader of held) expect(final.get(reader), reader).toBe(1);
    expect((await db.digest.findUniqueOrThrow({ where: { id: digest.id } })).status).toBe("SENT");
  });

  it("retries temporary SMTP refusals (421/451) and records permanent ones (550) with the reason", async () => {
    const db = testDatabase.db;
    const piece = await createPublication(db, {
      title: "Trade Winds",
      topicIds: [topics.get("security")!],
      publishedAt: new Date(Date.now() - 60_000),
    });
    const readers = await createSubscribers(db, { prefix: "flaky-", count: 20, topicIds: [topics.get("security")!] });
    const refusals = new Map<string, number>([
      [readers[0]!, 2],
      [readers[1]!, 1],
    ]);
    smtp.reply = (recipient) => {
      if (recipient === readers[2]) return { code: 550, message: "5.1.1 Mailbox does not exist" };
      const left = refusals.get(recipient) ?? 0;
      if (left === 0) return null;
      refusals.set(recipient, left - 1);
      return left % 2 === 0
        ? { code: 421, message: "4.7.0 Try again later" }
        : { code: 451, message: "4.3.0 Temporary local problem" };
    };
    const digest = await newDigest("Security", [piece.id]);
    await app.digests.startDigest(db, digest.id);
    await app.digests.fanOutDigest(db, digest.id);

    const first = await app.digests.runDigestSend(db, digest.id, await context());
    expect(first).toMatchObject({ sent: 17, failed: 1, retried: 2, remaining: 2 });
    expect(first.resumeAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const waiting = await db.digestDelivery.findMany({
      where: { digestId: digest.id, status: "PENDING" },
      select: { lastError: true, attempts: true },
    });
    expect(waiting.map((row) => row.attempts)).toEqual([1, 1]);
    expect(waiting.map((row) => row.lastError).sort()).toEqual([
      expect.stringMatching(/421/),
      expect.stringMatching(/451/),
    ]);

    // Nothing is resent before the backoff ends; then, with time moved on, the retries go out.
    expect(await app.digests.runDigestSend(db, digest.id, await context())).toMatchObject({ sent: 0, remaining: 2 });
    const skipBackoff = () =>
      db.$executeRaw`UPDATE "DigestDelivery" SET "claimedAt" = "claimedAt" - interval '1 hour' WHERE "digestId" = ${digest.id} AND status = 'PENDING'`;
    await skipBackoff();
    expect(await app.digests.runDigestSend(db, digest.id, await context())).toMatchObject({
      sent: 1,
      retried: 1,
      remaining: 1,
    });
    await skipBackoff();
    expect(await app.digests.runDigestSend(db, digest.id, await context())).toMatchObject({
      sent: 1,
      remaining: 0,
      resumeAt: null,
    });

    const failed = await db.digestDelivery.findFirstOrThrow({
      where: { digestId: digest.id, status: "FAILED" },
      include: { subscriber: true },
    });
    expect(failed.subscriber!.email).toBe(readers[2]);
    expect(failed.lastError).toMatch(/550 5\.1\.1 Mailbox does not exist/);
    const counts = smtp.countsByRecipient();
    for (const reader of readers) expect(counts.get(reader) ?? 0, reader).toBe(reader === readers[2] ? 0 : 1);
    smtp.reply = () => null;
  });

  it("retries when the mail server cannot be reached, and sends once it can", async () => {
    const db = testDatabase.db;
    const piece = await createPublication(db, {
      title: "Outage Notes",
      topicIds: [topics.get("trade")!],
      publishedAt: new Date(Date.now() - 60_000),
    });
    const digest = await newDigest("During an outage", [piece.id]);
    await app.digests.startDigest(db, digest.id);
    const rows = await app.digests.fanOutDigest(db, digest.id);
    const unreachable = app.transport.createMailer({
      smtpUrl: "smtp://127.0.0.1:1",
      outboxDir: "/nonexistent",
      from: "x <news@think.example.org>",
      siteUrl: TEST_SITE_URL,
      pool: true,
    });
    const before = smtp.inbox.length;
    const down = await app.digests.runDigestSend(db, digest.id, { ...(await context()), mailer: unreachable });
    expect(down).toMatchObject({ sent: 0, failed: 0, retried: rows, remaining: rows });
    const waiting = await db.digestDelivery.findFirstOrThrow({ where: { digestId: digest.id } });
    expect(waiting).toMatchObject({
      status: "PENDING",
      attempts: 1,
      messageId: null,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    await db.$executeRaw`UPDATE "DigestDelivery" SET "claimedAt" = "claimedAt" - interval '1 hour' WHERE "digestId" = ${digest.id}`;
    expect(await app.digests.runDigestSend(db, digest.id, await context())).toMatchObject({ sent: rows, remaining: 0 });
    expect(smtp.inbox.length - before).toBe(rows);
  });

  it("paces submissions to the configured rate", async () => {
    const pacer = new app.sender.Pacer(50);
    const started = Date.now();
    for (let message = 0; message < 26; message++) await pacer.take();
    // 26 slots at 50/s span at least 500 ms; no upper bound (tests never assert speed).
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
  });
});

describe("immediate alerts", () => {
  it("go out once per publication to immediate subscribers in its topics, never for the archive", async () => {
    const db = testDatabase.db;
    const readers = await createSubscribers(db, {
      prefix: "alert-energy-",
      count: 10,
      topicIds: [topics.get("energy")!],
      frequency: "IMMEDIATE",
    });
    await createSubscribers(db, {
      prefix: "alert-trade-",
      count: 3,
      topicIds: [topics.get("trade")!],
      frequency: "IMMEDIATE",
    });
    const fresh = await createPublication(db, {
      title: "Grid Resilience",
      topicIds: [topics.get("energy")!],
      publishedAt: new Date(Date.now() - 5 * 60_000),
    });
    const old = await createPublication(db, {
      title: "Archive Piece",
      topicIds: [topics.get("energy")!],
      publishedAt: new Date(Date.now() - 5 * 24 * 3600_000),
    });
    const future = await createPublication(db, {
      title: "Scheduled Piece",
      topicIds: [topics.get("energy")!],
      publishedAt: new Date(Date.now() + 3600_000),
    });
    const draft = await createPublication(db, {
      title: "Draft Piece",
      topicIds: [topics.get("energy")!],
      status: "DRAFT",
    });
    await db.publication.updateMany({
      where: { id: { notIn: [fresh.id, old.id, future.id, draft.id] } },
      data: { alertsQueuedAt: new Date() },
    });

    const [queued, again] = await Promise.all([app.alerts.queueAlerts(db), app.alerts.queueAlerts(db)]);
    expect([...queued, ...again]).toEqual([fresh.id]);
    expect(await app.alerts.queueAlerts(db)).toEqual([]);

    const before = smtp.inbox.length;
    const run = await app.alerts.runAlertSend(db, await context());
    expect(run).toMatchObject({ sent: 10, remaining: 0 });
    expect(smtp.inbox.length - before).toBe(10);
    for (const reader of readers)
      expect(smtp.mailsTo(reader).filter((mail) => mail.subject?.includes("Grid Resilience"))).toHaveLength(1);
    const alert = smtp.mailsTo(readers[0]!).at(-1)!;
    expect(alert.subject).toBe("New from Quire Test Institute: Grid Resilience");
    expect(header(alert, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(await app.alerts.runAlertSend(db, await context())).toMatchObject({ sent: 0, remaining: 0 });
    expect(smtp.inbox.length - before).toBe(10);
  });
});
