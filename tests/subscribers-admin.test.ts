/**
 * The staff side of the mailing list against a real database and SMTP server: a 10,000-row
 * import with its report, the double opt-in for imports without asserted consent, erasure
 * and suppression, the streaming export, the list's filters, mail settings, the outbox
 * reader, and every bad input of the staff forms answered with a 4xx and a message.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { closeApp, TEST_SITE_URL, useAppEnvironment } from "./support/mail-app";
import { createPublication, createSubscribers, createTopics } from "./support/mail-fixtures";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { succeeded } from "./support/results";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-quire-client-address": "198.51.100.9" }) }));

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;
let staffId: number;
let topics: Map<string, number>;

async function loadApp() {
  return {
    importer: await import("@/lib/subscribers/import"),
    exporter: await import("@/lib/subscribers/export"),
    erase: await import("@/lib/subscribers/erase"),
    admin: await import("@/lib/subscribers/admin"),
    signup: await import("@/lib/subscribers/signup"),
    signupMail: await import("@/lib/subscribers/signup-mail"),
    queue: await import("@/lib/jobs/queue"),
    saveSettings: await import("@/lib/mail/save-settings"),
    settings: await import("@/lib/mail/settings"),
    digestAdmin: await import("@/lib/mailings/digest-admin"),
    transport: await import("@/lib/mail/transport"),
    eml: await import("@/lib/mail/eml"),
    outbox: await import("@/lib/mail/outbox"),
  };
}
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  await useAppEnvironment({ DATABASE_URL: testDatabase.url, SMTP_URL: smtp.url });
  app = await loadApp();
  // Confirmation emails of imports go out from the job queue, as in `npm start`.
  await app.queue.startWorkers([app.signupMail.signupMailJob]);
  topics = await createTopics(testDatabase.db, ["trade", "security", "north-korea"]);
  const staff = await testDatabase.db.user.create({
    data: { email: "editor@think.example.org", name: "Erin", passwordHash: "x", role: "EDITOR" },
  });
  staffId = staff.id;
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  await closeApp();
  await smtp.close();
});

const importContext = () => ({
  blockedDomains: ["mailinator.com"],
  startDoubleOptIn: app.signup.startImportedDoubleOptIn,
});

async function runImport(csv: string, assertedConsent: boolean) {
  const created = await app.importer.createImport(
    testDatabase.db,
    { filename: "list.csv", csv, bytes: Buffer.byteLength(csv), assertedConsent },
    staffId,
  );
  expect(created).toMatchObject({ ok: true });
  const progress: number[] = [];
  while (!(await app.importer.processImportBatch(testDatabase.db, succeeded(created).id, importContext()))) {
    progress.push(
      (await testDatabase.db.subscriberImport.findUniqueOrThrow({ where: { id: succeeded(created).id } }))
        .processedRows,
    );
  }
  // As the import job does after its batches: wake the job that sends the confirmations.
  await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
  return {
    job: await testDatabase.db.subscriberImport.findUniqueOrThrow({ where: { id: succeeded(created).id } }),
    progress,
  };
}

type ReportLine = { row: number; email: string; message: string };

async function mailsWithin(address: string, count: number) {
  for (let attempt = 0; attempt < 300 && smtp.mailsTo(address).length < count; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return smtp.mailsTo(address);
}

/** Waits until the job has sent every signup email queued, before asserting that no more arrived. */
async function signupMailsSent() {
  const unsent = () => testDatabase.db.signupMail.count({ where: { sentAt: null, failedAt: null } });
  for (let attempt = 0; attempt < 300 && (await unsent()) > 0; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await unsent()).toBe(0);
}

describe("import", () => {
  it("imports 10,000 rows in batches with consent asserted, reporting every row it skips", async () => {
    const db = testDatabase.db;
    await createSubscribers(db, { prefix: "existing-", count: 2, topicIds: [topics.get("trade")!] });
    await db.suppression.create({
      data: { emailHash: (await import("@/lib/subscribers/suppression")).emailHash("gone@example.org") },
    });

    const lines = ["Email,First name,Last name,Topics,Frequency"];
    for (let row = 1; row <= 10_000; row++)
      lines.push(
        `bulk-${row}@example.org,Reader,${row},${row % 2 ? "trade;Security" : ""},${row % 10 === 0 ? "immediate" : ""}`,
      );
    lines.push(
      "not-an-email,Bad,Row,,",
      "bulk-5@example.org,Dup,Licate,,",
      "someone@mailinator.com,,,,",
      "x@example.org,,,astrology,",
      "Gone@Example.org,,,,",
      "existing-1@example.org,,,,",
      "y@example.org,,,,daily",
    );
    const { job, progress } = await runImport(lines.join("\n"), true);

    expect(job).toMatchObject({
      status: "done",
      totalRows: 10_007,
      processedRows: 10_007,
      imported: 10_000,
      skipped: 7,
      csv: null,
      finishedAt: expect.any(Date),
    });
    expect(progress.length).toBeGreaterThanOrEqual(19);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const report = job.report as ReportLine[];
    expect(report.map((line) => [line.row, line.message.replace(/:.*$/, "")])).toEqual([
      [10_002, "Bad email"],
      [10_003, "Duplicate in the file (same as row 6)"],
      [10_004, "Blocked domain"],
      [10_005, "Unknown topic"],
      [10_006, "Suppressed"],
      [10_007, "Already subscribed"],
      [10_008, "Frequency must be WEEKLY or IMMEDIATE"],
    ]);

    const sample = await db.subscriber.findUniqueOrThrow({
      where: { email: "bulk-1@example.org" },
      include: { topics: true, events: true },
    });
    expect(sample).toMatchObject({
      status: "CONFIRMED",
      source: "import",
      lastName: "1",
      consentVersion: `import #${job.id} by staff editor@think.example.org`,
      consentIp: null,
    });
    expect(sample.topics.map((topic) => topic.categoryId).sort()).toEqual(
      [topics.get("trade")!, topics.get("security")!].sort(),
    );
    expect(sample.events).toEqual([
      expect.objectContaining({ type: "import", details: { importId: job.id, consent: "asserted by staff" } }),
    ]);
    const everyTopic = await db.subscriberTopic.count({ where: { subscriber: { email: "bulk-2@example.org" } } });
    expect(everyTopic).toBe(3);
    expect((await db.subscriber.findUniqueOrThrow({ where: { email: "bulk-10@example.org" } })).frequency).toBe(
      "IMMEDIATE",
    );
    expect(await db.subscriber.count({ where: { email: { startsWith: "bulk-" } } })).toBe(10_000);
    expect(smtp.inbox.filter((mail) => mail.subject?.startsWith("Confirm"))).toHaveLength(0);
    expect(await db.auditLog.count({ where: { action: "subscriber.import", actorId: staffId } })).toBe(1);
  }, 180_000);

  it("without asserted consent imports as pending, each with one confirmation email", async () => {
    const { job } = await runImport("email,first name\npending-a@example.org,Ann\npending-b@example.org,Bob\n", false);
    expect(job).toMatchObject({ status: "done", imported: 2, skipped: 0 });
    for (const address of ["pending-a@example.org", "pending-b@example.org"]) {
      expect(await testDatabase.db.subscriber.findUniqueOrThrow({ where: { email: address } })).toMatchObject({
        status: "PENDING",
        source: "import",
      });
      const mails = await mailsWithin(address, 1);
      expect(mails.map((mail) => mail.subject)).toEqual(["Confirm your subscription to Quire Test Institute"]);
    }
    // The same file again: both are on the list now, so nothing changes and no second email goes out.
    const again = await runImport("email\npending-a@example.org\n", false);
    expect((again.job.report as ReportLine[])[0]!.message).toBe("Already subscribed");
    await signupMailsSent();
    expect(smtp.mailsTo("pending-a@example.org")).toHaveLength(1);
  });

  it("refuses bad uploads with a 4xx and a message", async () => {
    const upload = (csv: string, bytes = Buffer.byteLength(csv)) =>
      app.importer.createImport(
        testDatabase.db,
        { filename: "../../etc/passwd", csv, bytes, assertedConsent: false },
        staffId,
      );
    expect(await upload("")).toMatchObject({ ok: false, status: 400, message: "Choose a CSV file to import." });
    expect(await upload("email\na@example.org", 6 * 1024 * 1024)).toMatchObject({
      ok: false,
      status: 413,
      message: expect.stringMatching(/too large/),
    });
    expect(await upload("name,topics\nAnn,trade")).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/“email”/),
    });
    expect(await upload("email\n")).toMatchObject({
      ok: false,
      status: 400,
      message: "The file has no rows below its header.",
    });
    expect(await upload("email\n\u0000\u0001binary")).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/not a text CSV/),
    });
    expect(await upload('email\n"unterminated')).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/not valid CSV/),
    });
    const stored = await upload("email\na@example.org");
    expect(
      (await testDatabase.db.subscriberImport.findUniqueOrThrow({ where: { id: succeeded(stored).id } })).filename,
    ).toBe(".._.._etc_passwd");
    await testDatabase.db.subscriberImport.delete({ where: { id: succeeded(stored).id } });
  });
});

describe("erasure", () => {
  it("removes the person, keeps a hash, and keeps them out of signups and imports", async () => {
    const db = testDatabase.db;
    const [email] = await createSubscribers(db, { prefix: "erase-me-", count: 1, topicIds: [topics.get("trade")!] });
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: email! } });
    await db.subscriberEvent.create({ data: { subscriberId: subscriber.id, type: "confirm" } });
    const digest = await db.digest.create({ data: { subject: "Old digest", status: "SENT" } });
    await db.digestDelivery.create({ data: { digestId: digest.id, subscriberId: subscriber.id, status: "SENT" } });

    expect(await app.erase.eraseSubscriber(db, subscriber.id, staffId)).toEqual({
      ok: true,
      message: "The subscriber has been erased.",
    });
    expect(await db.subscriber.findUnique({ where: { id: subscriber.id } })).toBeNull();
    expect(await db.subscriberEvent.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect(await db.subscriberTopic.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect(await db.digestDelivery.findFirstOrThrow({ where: { digestId: digest.id } })).toMatchObject({
      subscriberId: null,
      status: "SENT",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "subscriber.erase", entityId: String(subscriber.id) },
    });
    expect(JSON.stringify(audit)).not.toContain("erase-me");
    expect(await app.erase.eraseSubscriber(db, subscriber.id, staffId)).toMatchObject({ ok: false, status: 404 });

    // A signup answers as always, but nothing is stored or sent.
    const signup = await app.signup.signUp({ email: email!.toUpperCase() }, { ip: "203.0.113.50" });
    expect(signup).toEqual({ ok: true, message: app.signup.SIGNUP_THANKS });
    await signupMailsSent();
    expect(await db.subscriber.count({ where: { email: email! } })).toBe(0);
    expect(smtp.mailsTo(email!)).toHaveLength(0);

    const { job } = await runImport(`email\n${email}\n`, true);
    expect(job).toMatchObject({ imported: 0, skipped: 1 });
    expect((job.report as ReportLine[])[0]!.message).toMatch(/^Suppressed/);
    const pending = await runImport(`email\n${email}\n`, false);
    expect(pending.job).toMatchObject({ imported: 0, skipped: 1 });
    expect(await db.subscriber.count({ where: { email: email! } })).toBe(0);
  });
});

describe("export", () => {
  it("streams every subscriber as CSV, a page at a time, with formula-looking cells defused", async () => {
    const db = testDatabase.db;
    await db.subscriber.create({
      data: {
        email: "formula@example.org",
        firstName: '=HYPERLINK("http://evil")',
        lastName: "O'Brien, Jr.",
        status: "CONFIRMED",
        consentIp: "198.51.100.1",
        consentVersion: "2026-11-v1",
        consentAt: new Date(),
      },
    });
    const total = await db.subscriber.count();
    expect(total).toBeGreaterThan(10_000);
    const chunks: string[] = [];
    const stream = app.exporter.subscriberCsvStream(db, app.admin.parseSubscriberQuery({}));
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(decoder.decode(next.value));
    expect(chunks.length).toBeGreaterThan(total / 1000);
    const { parse } = await import("csv-parse/sync");
    const rows: string[][] = parse(chunks.join(""));
    expect(rows[0]).toEqual([
      "email",
      "first name",
      "last name",
      "status",
      "frequency",
      "topics",
      "consent time",
      "consent ip",
      "consent version",
      "created",
      "event registrations",
    ]);
    expect(rows.length - 1).toBe(total);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(total);
    const formula = rows.find((row) => row[0] === "formula@example.org")!;
    expect(formula.slice(1, 4)).toEqual(['\'=HYPERLINK("http://evil")', "O'Brien, Jr.", "CONFIRMED"]);
    expect(formula[7]).toBe("198.51.100.1");
    // No event registrations under this address (tests/event-registration.test.ts has some).
    expect(formula[10]).toBe("");
    const bulk = rows.find((row) => row[0] === "bulk-1@example.org")!;
    expect(bulk[5]).toBe("security;trade");

    const filtered: string[] = [];
    for await (const chunk of app.exporter.subscriberCsv(db, app.admin.parseSubscriberQuery({ status: "PENDING" })))
      filtered.push(chunk);
    expect(
      parse(filtered.join(""))
        .slice(1)
        .every((row: string[]) => row[3] === "PENDING"),
    ).toBe(true);
  });
});

describe("the staff list", () => {
  it("searches, filters, counts per status and pages by keyset without repeats", async () => {
    const db = testDatabase.db;
    const all = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({}));
    expect(all.counts.CONFIRMED).toBeGreaterThan(10_000);
    expect(all.rows).toHaveLength(app.admin.SUBSCRIBER_PAGE_SIZE);
    const second = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ after: all.nextCursor! }));
    expect(second.rows.map((row) => row.id).filter((id) => all.rows.some((row) => row.id === id))).toEqual([]);

    const search = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ q: "bulk-1234@" }));
    expect(search.rows.map((row) => row.email)).toEqual(["bulk-1234@example.org"]);
    const byName = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ q: "Reader 1234" }));
    expect(byName.rows.map((row) => row.email)).toContain("bulk-1234@example.org");
    const wildcard = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ q: "%" }));
    expect(wildcard.total).toBe(0);

    const pending = await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ status: "PENDING" }));
    expect(pending.rows.every((row) => row.status === "PENDING")).toBe(true);
    expect(pending.total).toBe(pending.counts.PENDING);
    const topic = await app.admin.listSubscribers(
      db,
      app.admin.parseSubscriberQuery({ topic: "north-korea", q: "bulk-1" }),
    );
    expect(topic.rows.every((row) => Number(row.email.match(/\d+/)![0]) % 2 === 0)).toBe(true);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await app.admin.listSubscribers(db, app.admin.parseSubscriberQuery({ from: tomorrow }))).total).toBe(0);
    // Malformed filters are ignored rather than failing.
    const junk = await app.admin.listSubscribers(
      db,
      app.admin.parseSubscriberQuery({ status: "NOPE", from: "yesterday", after: "x'; DROP", topic: "<b>" }),
    );
    expect(junk.total).toBe(all.total);
  });
});

describe("mail settings", () => {
  it("are validated, saved with an audit entry, and used by the next email", async () => {
    const save = (fields: Record<string, unknown>) =>
      app.saveSettings.saveMailSettings(
        testDatabase.db,
        {
          fromName: "Institute News",
          fromAddress: "news@think.example.org",
          replyToName: "",
          replyToAddress: "",
          blockedDomains: "mailinator.com",
          sendRatePerSecond: "20",
          ...fields,
        },
        staffId,
      );
    expect(await save({ fromAddress: "not an address" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { fromAddress: expect.stringMatching(/email address/) },
    });
    expect(await save({ fromName: "Evil\r\nBcc: all@example.org" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { fromName: "Sender name must be one line" },
    });
    expect(await save({ fromName: 'Quote " <x@y>' })).toMatchObject({ ok: false, status: 400 });
    expect(await save({ replyToAddress: "x@y@z" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { replyToAddress: expect.any(String) },
    });
    expect(await save({ blockedDomains: "good.example\nnot a domain!" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { blockedDomains: expect.stringMatching(/Not a domain/) },
    });
    expect(await save({ sendRatePerSecond: "0" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { sendRatePerSecond: expect.any(String) },
    });
    expect(await save({ sendRatePerSecond: "ten" })).toMatchObject({ ok: false, status: 400 });
    expect(await save({ fromAddress: undefined })).toMatchObject({ ok: false, status: 400 });
    for (const budget of ["0", "-5", "1.5", "lots", "1000001"])
      expect(await save({ signupMailsPerHour: budget }), budget).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { signupMailsPerHour: expect.stringMatching(/^Signup emails per hour/) },
      });

    expect(
      await save({
        replyToName: "Press Office",
        replyToAddress: "Press@Think.example.org",
        blockedDomains: "@Spam.example\nmailinator.com, trash.example",
      }),
    ).toEqual({ ok: true, message: "Mail settings saved." });
    const settings = await app.settings.loadMailSettings(testDatabase.db, "ignored <ignored@example.org>");
    expect(settings).toEqual({
      from: { name: "Institute News", address: "news@think.example.org" },
      replyTo: { name: "Press Office", address: "press@think.example.org" },
      blockedDomains: ["mailinator.com", "spam.example", "trash.example"],
      sendRatePerSecond: 20,
      // Not sent by this caller: the default.
      signupMailsPerHour: 1000,
    });
    expect(await testDatabase.db.auditLog.count({ where: { action: "settings.mail_update", actorId: staffId } })).toBe(
      1,
    );

    // The settings form's action does this after saving; signups elsewhere read within seconds.
    app.signup.forgetSignupReference();
    expect(await app.signup.signUp({ email: "someone@sub.spam.example" }, { ip: "203.0.113.60" })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await app.signup.signUp({ email: "settings-reader@example.org" }, { ip: "203.0.113.61" })).toMatchObject({
      ok: true,
    });
    const [mail] = await mailsWithin("settings-reader@example.org", 1);
    expect(mail!.from?.value[0]).toEqual({ name: "Institute News", address: "news@think.example.org" });
    expect(mail!.replyTo?.value[0]).toEqual({ name: "Press Office", address: "press@think.example.org" });
    expect(mail!.messageId).toMatch(/@think\.example\.org>$/);
  });
});

describe("digest staff forms", () => {
  it("answer every bad input with a 4xx and a message", async () => {
    const db = testDatabase.db;
    const draft = (fields: Record<string, unknown>) =>
      app.digestAdmin.createDigestDraft(db, { subject: "Weekly", intro: "", mode: "new", ...fields }, staffId);
    expect(await draft({ subject: "" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { subject: "Enter a subject" },
    });
    expect(await draft({ subject: "Hi\r\nBcc: everyone@example.org" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { subject: "Subject must be one line" },
    });
    expect(await draft({ subject: "x".repeat(201) })).toMatchObject({ ok: false, status: 400 });
    expect(await draft({ intro: "x".repeat(5001) })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { intro: expect.any(String) },
    });
    expect(await draft({ mode: "everything" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { mode: "Choose what the digest contains" },
    });
    expect(await draft({ subject: 42 })).toMatchObject({ ok: false, status: 400 });

    const picked = await draft({ mode: "picked", subject: "Hand-picked" });
    expect(picked).toMatchObject({ ok: true, id: expect.any(Number) });
    const digest = (await db.digest.findUniqueOrThrow({ where: { id: succeeded(picked).id } })) as Parameters<
      typeof app.digestAdmin.beginDigestSend
    >[1];
    expect(await app.digestAdmin.beginDigestSend(db, digest, staffId)).toMatchObject({
      ok: false,
      status: 400,
      message: "Pick at least one publication first.",
    });

    const draftPiece = await createPublication(db, {
      title: "Unpublished",
      topicIds: [topics.get("trade")!],
      status: "DRAFT",
    });
    const piece = await createPublication(db, {
      title: "Published Trade Piece",
      topicIds: [topics.get("trade")!],
      publishedAt: new Date(Date.now() - 60_000),
      alertsQueuedAt: new Date(),
    });
    const pick = (fields: Record<string, unknown>) =>
      app.digestAdmin.changeDigestPick(
        db,
        {
          digestId: succeeded(picked).id,
          publicationId: piece.id,
          change: "add",
          ...fields,
        },
        staffId,
      );
    expect(await pick({ publicationId: draftPiece.id })).toMatchObject({
      ok: false,
      status: 400,
      message: "Only published publications can go in a digest.",
    });
    expect(await pick({ digestId: 999_999 })).toMatchObject({ ok: false, status: 404 });
    expect(await pick({ digestId: "1; DROP TABLE" })).toMatchObject({ ok: false, status: 400 });
    expect(await pick({ change: "explode" })).toMatchObject({ ok: false, status: 400 });
    expect(await pick({})).toMatchObject({ ok: true });
    expect(await app.digestAdmin.searchPublicationsToPick(db, "Published Trade")).toEqual([
      expect.objectContaining({ id: piece.id }),
    ]);

    // The preview is the message a subscriber gets; a test goes to the staff address only.
    const withPick = (await db.digest.findUniqueOrThrow({ where: { id: succeeded(picked).id } })) as typeof digest;
    const reader = await app.digestAdmin.previewRecipient(db, "bulk-1@example.org");
    const settings = await app.settings.loadMailSettings(db, "x <news@think.example.org>");
    const site = { siteName: "Quire Test Institute", siteUrl: TEST_SITE_URL };
    const preview = await app.digestAdmin.renderDigestPreview(db, withPick, reader!, site, settings);
    expect(preview.mail!.html).toContain(`${TEST_SITE_URL}/publications/`);
    expect(preview.mail!.to.address).toBe("bulk-1@example.org");
    const mailer = app.transport.createMailer({
      smtpUrl: smtp.url,
      outboxDir: "/nonexistent",
      from: "x <news@think.example.org>",
      siteUrl: TEST_SITE_URL,
    });
    const context = {
      staff: { id: staffId, email: "editor@think.example.org", name: "Erin" },
      site,
      settings,
      mailer,
      allTopicIds: [...topics.values()],
    };
    const noTrade = await app.digestAdmin.previewRecipient(db, "bulk-2@example.org");
    await db.subscriberTopic.deleteMany({ where: { subscriberId: noTrade!.id, categoryId: topics.get("trade")! } });
    expect(
      await app.digestAdmin.sendTestDigest(db, withPick, {
        ...context,
        sample: { ...noTrade!, topicIds: [topics.get("security")!] },
      }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(await app.digestAdmin.sendTestDigest(db, withPick, { ...context, sample: reader })).toEqual({
      ok: true,
      message: "Test sent to editor@think.example.org.",
    });
    const [test] = await mailsWithin("editor@think.example.org", 1);
    expect(test!.subject).toBe("[Test] Hand-picked");
    expect(test!.text).toContain("Published Trade Piece");
    expect(test!.text).not.toContain("token=");
    expect(smtp.mailsTo("bulk-1@example.org")).toHaveLength(0);

    expect(await app.digestAdmin.beginDigestSend(db, withPick, staffId)).toEqual({
      ok: true,
      message: "Sending has started.",
    });
    expect(await app.digestAdmin.beginDigestSend(db, withPick, staffId)).toMatchObject({ ok: false, status: 409 });
    expect(
      await app.digestAdmin.changeDigestPick(
        db,
        {
          digestId: succeeded(picked).id,
          publicationId: piece.id,
          change: "remove",
        },
        staffId,
      ),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      await app.digestAdmin.updateDigestDraft(
        db,
        succeeded(picked).id,
        { subject: "Changed", intro: "", mode: "new" },
        staffId,
      ),
    ).toMatchObject({ ok: false, status: 409 });
  });
});

describe("the outbox", () => {
  it("reads back what the outbox transport wrote, and refuses names outside it", async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), "quire-outbox-"));
    try {
      const mailer = app.transport.createMailer({
        outboxDir: directory,
        from: "Institute <news@think.example.org>",
        siteUrl: TEST_SITE_URL,
      });
      await mailer.send({
        to: { name: "Zoë", address: "zoe@example.org" },
        subject: "Café été — naïve résumé",
        text: "Grüße\n".repeat(50),
        html: "<p>Grüße <script>alert(1)</script></p>",
        list: {
          id: "updates.think.example.org",
          name: "Institute",
          unsubscribeUrl: `${TEST_SITE_URL}/api/unsubscribe?token=t`,
          oneClick: true,
        },
      });
      const page = await app.outbox.listOutbox(directory, 1);
      expect(page.total).toBe(1);
      const source = await app.outbox.readOutboxFile(directory, page.files[0]!.name);
      const parsed = app.eml.parseEml(source!);
      const header = (name: string) => parsed.headers.find((entry) => entry.name.toLowerCase() === name)?.value;
      expect(header("subject")).toBe("Café été — naïve résumé");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(parsed.text).toBe("Grüße\n".repeat(50));
      expect(parsed.html).toContain("<script>alert(1)</script>");
      for (const name of ["../secret.eml", "a/b.eml", "x.txt", ".hidden.eml"])
        expect(await app.outbox.readOutboxFile(directory, name)).toBeNull();
      expect((await app.outbox.listOutbox(path.join(directory, "missing"), 3)).total).toBe(0);
      const { sandboxedSrcDoc } = await import("@/lib/mail/preview");
      expect(sandboxedSrcDoc(parsed.html)).toMatch(
        /^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
      );
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});
