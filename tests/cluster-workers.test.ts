/**
 * Two app servers of the production build with their job workers on, sharing PostgreSQL
 * and Redis (scripts/lib/cluster.ts, as tests/cluster.test.ts starts them, with Varnish in
 * front): what must happen once happens once however many servers run jobs, and a server
 * killed mid-request loses nothing it said it saved.
 *
 *   - a scheduled publication goes live once: one go-live audit entry, though both
 *     servers' workers run the go-live job and its every-minute sweep;
 *   - a digest sent with both servers' workers reaches each subscriber once, at the one
 *     sending pace they share in Redis;
 *   - SIGKILL of a server in the middle of a stream of autosaves: every save it answered
 *     is in the database, and another server shows it.
 *
 * Needs Debian's redis-server, varnish and varnish-modules (tests/cluster.test.ts says more).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingClusterPackages, missingPackagesMessage, startCluster, type Cluster } from "../scripts/lib/cluster";
import { freePort } from "../scripts/lib/processes";
import { isolatedTestDatabase } from "./support/database";
import { createPublication, createSubscribers, createTopics } from "./support/mail-fixtures";
import { buildSiteOnce, TEST_SERVER_SECRET } from "./support/next-server";
import { createStaff, STAFF_PASSWORD } from "./support/request-scope";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { sendDigest, signIn, transition } from "./support/staff-http";

const LONG = 40 * 60_000; // a first run builds the site
/** The digest's size: more than one sending run's batch (50), so both runs send. */
const SUBSCRIBERS = 60;
const SEND_RATE_PER_SECOND = 20;
const testDatabase = isolatedTestDatabase();
let cluster: Cluster;
let smtp: TestSmtpServer;
/** When the SMTP server took each message (ms since the epoch), in order. */
const receivedAt: number[] = [];
let workDir: string;
let A: string;
let B: string;
let staffCookie: string;
let typeId: number;

beforeAll(async () => {
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new Error(missingPackagesMessage(missing));
  const db = testDatabase.db;
  const type = await db.publicationType.create({
    data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
  });
  typeId = type.id;
  await db.setting.create({ data: { key: "mail.sendRatePerSecond", value: SEND_RATE_PER_SECOND } });
  const editor = await createStaff(db, "EDITOR", "cluster-workers");
  smtp = await startSmtpServer();
  smtp.holdWhen = () => void receivedAt.push(Date.now());
  await buildSiteOnce(testDatabase.url);

  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-cluster-workers-test-"));
  const [frontPort, portA, portB, redisPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  cluster = await startCluster({
    instances: 2,
    frontPort,
    instancePorts: [portA, portB],
    redisPort,
    databaseUrl: testDatabase.url,
    secret: TEST_SERVER_SECRET,
    workDir,
    env: { QUIRE_WORKERS: "on", SMTP_URL: smtp.url },
  });
  [A, B] = cluster.instances as [string, string];
  staffCookie = await signIn(A, editor.email, STAFF_PASSWORD);
}, LONG);

afterAll(async () => {
  await cluster?.stop();
  await smtp?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Polls `read` until `done` holds, failing after `limitMs` with what it last saw. */
async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, limitMs = 30_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${limitMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function status(url: string): Promise<number> {
  const response = await fetch(url, { redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

describe("two app servers running the job workers", () => {
  it("publishes a scheduled publication once, seen at once on every server", async () => {
    const draft = await testDatabase.db.publication.create({
      data: {
        slug: "goes-live-once",
        title: "Goes live once",
        summary: "Scheduled on one server.",
        bodyJson: { type: "doc", content: [] },
        bodyHtml: "<p>Live on the second.</p>",
        typeId,
      },
      select: { id: true, slug: true },
    });
    const address = `/publications/${draft.slug}`;
    expect(await status(`${B}${address}`)).toBe(404);

    // The editor's page once first (a cold server answers its first action slowly), so that
    // the time chosen is still ahead when the action runs.
    const editor = await fetch(`${A}/admin/publications/${draft.id}`, { headers: { cookie: staffCookie } });
    expect(editor.status).toBe(200);
    await editor.arrayBuffer();
    await transition(A, staffCookie, draft.id, "schedule", new Date(Date.now() + 5000));
    expect(await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "SCHEDULED",
    });
    // The go-live job runs on whichever server's worker takes it; every server shows it.
    await waitUntil(
      "the publication live on B",
      () => status(`${B}${address}`),
      (answer) => answer === 200,
      60_000,
    );
    expect(await status(`${A}${address}`)).toBe(200);
    expect(await status(`${cluster.front}${address}`)).toBe(200);

    const goLive = await testDatabase.db.auditLog.findMany({
      where: { entityType: "Publication", entityId: String(draft.id), action: "publication.go_live" },
    });
    expect(goLive).toHaveLength(1);
    expect(
      await testDatabase.db.auditLog.count({
        where: { entityType: "Publication", entityId: String(draft.id), action: "publication.schedule" },
      }),
    ).toBe(1);
    expect(await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "PUBLISHED",
    });
  });

  it("sends a digest to each subscriber once, at one pace shared by both servers", async () => {
    const db = testDatabase.db;
    const topics = await createTopics(db, ["cluster-trade"]);
    const picked = await createPublication(db, {
      title: "Trade across servers",
      topicIds: [topics.get("cluster-trade")!],
      publishedAt: new Date(Date.now() - 3600_000),
    });
    const readers = await createSubscribers(db, {
      prefix: "cluster-weekly-",
      count: SUBSCRIBERS,
      topicIds: [topics.get("cluster-trade")!],
    });
    const digest = await db.digest.create({
      data: { subject: "Across two servers", publicationIds: [picked.id] },
      select: { id: true },
    });
    const before = smtp.inbox.length;

    await sendDigest(A, staffCookie, digest.id);
    await waitUntil(
      "the digest sent",
      () => db.digest.findUniqueOrThrow({ where: { id: digest.id }, select: { status: true } }),
      (row) => row.status === "SENT",
      60_000,
    );

    const mails = smtp.inbox.slice(before);
    expect(mails).toHaveLength(SUBSCRIBERS);
    const counts = smtp.countsByRecipient();
    for (const reader of readers) expect(counts.get(reader), reader).toBe(1);
    const deliveries = await db.digestDelivery.groupBy({
      by: ["status"],
      where: { digestId: digest.id },
      _count: true,
    });
    expect(deliveries).toEqual([{ status: "SENT", _count: SUBSCRIBERS }]);

    // Both sending runs drew on one budget of SEND_RATE_PER_SECOND a second: the messages
    // span at least (SUBSCRIBERS / rate - 1) whole windows. Two separate paces would send
    // twice as fast. A lower bound only: a slow machine makes it longer, never shorter
    // (less a quarter second for the first message's connection).
    const times = receivedAt.slice(before);
    const spanMs = times.at(-1)! - times[0]!;
    expect(spanMs).toBeGreaterThanOrEqual((SUBSCRIBERS / SEND_RATE_PER_SECOND - 1) * 1000 - 250);
  });

  it("keeps every save a server answered when it is killed mid-request", async () => {
    const created = await testDatabase.db.publication.create({
      data: {
        slug: "saved-through-a-crash",
        title: "Saved through a crash",
        bodyJson: { type: "doc", content: [] },
        bodyHtml: "<p></p>",
        typeId,
      },
      select: { id: true, version: true },
    });
    const autosave = (base: string, version: number, title: string) =>
      fetch(`${base}/api/admin/publications/${created.id}/autosave`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: cluster.front, cookie: staffCookie },
        body: JSON.stringify({
          expectedVersion: version,
          fields: {
            title,
            typeId,
            bodyJson: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: title }] }] },
          },
        }),
      });

    // A stream of saves, each from the version the last answered; A dies after the
    // fifth answer, with the sixth on its way.
    const acknowledged: Array<{ version: number; title: string }> = [];
    let version = created.version;
    for (let index = 1; index <= 5; index++) {
      const title = `Revision ${index}`;
      const response = await autosave(A, version, title);
      expect(response.status, await response.clone().text()).toBe(200);
      version = ((await response.json()) as { version: number }).version;
      acknowledged.push({ version, title });
    }
    const inFlight = autosave(A, version, "Revision 6").then(
      (response) => response.status,
      () => "no answer" as const,
    );
    const killed = new Promise((resolve) => cluster.processes[0]!.once("exit", resolve));
    cluster.processes[0]!.kill("SIGKILL");
    await killed;
    const sixth = await inFlight;

    // Every answered save is there, as its own revision with its own title.
    const revisions = await testDatabase.db.revision.findMany({
      where: { publicationId: created.id },
      select: { version: true, title: true },
      orderBy: { version: "asc" },
    });
    for (const save of acknowledged) expect(revisions).toContainEqual(save);
    if (sixth === 200) expect(revisions.map((revision) => revision.title)).toContain("Revision 6");

    // B, which shares the database, shows the latest of them and takes the next save on.
    const stored = await testDatabase.db.publication.findUniqueOrThrow({
      where: { id: created.id },
      select: { version: true, title: true },
    });
    expect(stored.version).toBeGreaterThanOrEqual(acknowledged.at(-1)!.version);
    const editor = await fetch(`${B}/admin/publications/${created.id}`, { headers: { cookie: staffCookie } });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain(stored.title);
    const next = await autosave(B, stored.version, "Revision 7");
    expect(next.status, await next.clone().text()).toBe(200);
  });
});
