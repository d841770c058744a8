/**
 * Digest throughput, in a scratch database (quire_bench_mail, re-created each run): a
 * hand-picked digest to N confirmed subscribers (default 2,000), sent by the same code the
 * background jobs run (fan-out, then SEND_RUNS_PER_DIGEST sending runs side by side), over
 * pooled SMTP connections to a local smtp-server in a child process that accepts every
 * message. The configured rate is set to its maximum, so the figure is what the sender
 * itself manages: messages/s from the first submission to the last row marked SENT, every
 * delivery recorded in the database.
 *
 * Signups per second (with their emails queued, from distinct client addresses) are
 * measured by bench/signup.ts.
 *
 *   npx tsx --conditions=react-server bench/mail.ts [--subscribers 2000]
 *
 * (`--conditions=react-server` lets the app's server-only modules load outside Next.)
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { z } from "zod";
import { onExit, runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";

const argsSchema = z.object({
  subscribers: z.coerce.number().int().min(10).max(1_000_000).default(2000),
});

const BENCH_DATABASE = "quire_bench_mail";
const SECRET = "bench-only-secret-long-enough-for-validation";

/** The SMTP sink, in its own process so that receiving does not compete with sending for this event loop. */
const SMTP_SINK = `
const { SMTPServer } = require("smtp-server");
let received = 0;
const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false, onData(stream, _session, callback) {
  stream.on("data", () => undefined);
  stream.on("end", () => { received++; callback(); });
} });
server.listen(0, "127.0.0.1", () => process.send({ port: server.server.address().port }));
process.on("message", () => process.send({ received }));`;

runCommand(async () => {
  const { values } = parseArgs({
    options: { subscribers: { type: "string" } },
  });
  const args = argsSchema.parse(values);
  const server = await useDatabase();
  const databaseUrl = withDatabase(server.url, BENCH_DATABASE);
  await recreateDatabase(server.url, BENCH_DATABASE);
  await migrateDatabase(databaseUrl);

  const sink = spawn(process.execPath, ["-e", SMTP_SINK], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  onExit(() => {
    sink.kill("SIGTERM");
  });
  const smtpPort = await new Promise<number>((resolve) =>
    sink.once("message", (message) => resolve((message as { port: number }).port)),
  );
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  const siteUrl = "https://bench.example.org";
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    SITE_URL: siteUrl,
    NEXTAUTH_SECRET: SECRET,
    MAIL_FROM: "Bench Institute <news@bench.example.org>",
  });

  const smtpReceived = () =>
    new Promise<number>((resolve) => {
      sink.once("message", (message) => resolve((message as { received: number }).received));
      sink.send("count");
    });
  const digest = await benchDigest(databaseUrl, smtpUrl, siteUrl, args.subscribers, smtpReceived);

  console.log("");
  console.log(
    `Digest to ${args.subscribers.toLocaleString("en-US")} subscribers over SMTP (local smtp-server, pooled connections):`,
  );
  console.log(`  fan-out:  ${digest.fanOutMs.toFixed(0)} ms for ${digest.rows.toLocaleString("en-US")} delivery rows`);
  console.log(
    `  sending:  ${digest.sendSeconds.toFixed(2)} s, ${(digest.sent / digest.sendSeconds).toFixed(0)} messages/s (${digest.sent} sent, ${digest.failed} failed; the SMTP server received ${digest.received})`,
  );
  sink.kill("SIGTERM");
});

async function benchDigest(
  databaseUrl: string,
  smtpUrl: string,
  siteUrl: string,
  count: number,
  smtpReceived: () => Promise<number>,
) {
  const { createDatabaseClient } = await import("@/lib/db-client");
  const { loadMailSettings } = await import("@/lib/mail/settings");
  const { createMailer } = await import("@/lib/mail/transport");
  const { fanOutDigest, runDigestSend, startDigest } = await import("@/lib/mailings/digests");
  const { SEND_RUNS_PER_DIGEST } = await import("@/lib/mailings/jobs");
  const { Pacer } = await import("@/lib/mailings/sender");
  const db = createDatabaseClient(databaseUrl, { maxConnections: 8 });
  try {
    const category = await db.category.create({ data: { slug: "trade", name: "Trade" } });
    const type = await db.publicationType.create({
      data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
    });
    const publication = await db.publication.create({
      data: {
        slug: "bench-piece",
        title: "A Publication for the Benchmark",
        summary: "What a digest item looks like, with a summary of a couple of sentences.",
        bodyJson: {},
        bodyHtml: "",
        status: "PUBLISHED",
        publishedAt: new Date(Date.now() - 60_000),
        alertsQueuedAt: new Date(),
        typeId: type.id,
        categories: { create: [{ categoryId: category.id }] },
      },
    });
    await db.$executeRaw`
      INSERT INTO "Subscriber" (email, "firstName", status, frequency, "confirmedAt", "updatedAt")
      SELECT 'reader' || g || '@example.org', 'Reader', 'CONFIRMED', 'WEEKLY', now(), now() FROM generate_series(1, ${count}::int) g`;
    await db.$executeRaw`INSERT INTO "SubscriberTopic" ("subscriberId", "categoryId") SELECT id, ${category.id} FROM "Subscriber"`;
    await db.setting.create({ data: { key: "mail.sendRatePerSecond", value: 1000 } });
    const digest = await db.digest.create({
      data: { subject: "Benchmark digest", intro: "Hello.", publicationIds: [publication.id] },
    });
    await startDigest(db, digest.id);

    const fanOutStarted = performance.now();
    const rows = await fanOutDigest(db, digest.id);
    const fanOutMs = performance.now() - fanOutStarted;

    const settings = await loadMailSettings(db, process.env.MAIL_FROM!);
    const mailer = createMailer({
      smtpUrl,
      outboxDir: "/nonexistent",
      from: process.env.MAIL_FROM!,
      siteUrl,
      pool: true,
    });
    const pacer = new Pacer(settings.sendRatePerSecond);
    const context = {
      mailer,
      pacer,
      settings,
      site: { siteName: "Bench Institute", siteUrl },
      messageIdDomain: "bench.example.org",
    };
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: SEND_RUNS_PER_DIGEST }, async () => {
        const total = { sent: 0, failed: 0 };
        for (;;) {
          const run = await runDigestSend(db, digest.id, context);
          total.sent += run.sent;
          total.failed += run.failed;
          if (!run.resumeAt || run.remaining === 0) return total;
        }
      }),
    );
    const sendSeconds = (performance.now() - started) / 1000;
    mailer.close();
    return {
      rows,
      fanOutMs,
      sendSeconds,
      sent: results.reduce((sum, run) => sum + run.sent, 0),
      failed: results.reduce((sum, run) => sum + run.failed, 0),
      received: await smtpReceived(),
    };
  } finally {
    await db.$disconnect();
  }
}
