/**
 * The mailing list end to end against a real database and a real SMTP server started
 * here: signup → confirmation email (sent by the job queue's worker, running in this
 * process as in `npm start`) → confirm → preferences → one-click unsubscribe, and
 * everything that must be refused along the way.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const SITE_URL = "https://think.example.org";
const SECRET = "a-test-secret-for-subscriber-links-0123456789";

// Server actions read the client's address from next/headers; outside Next there is no request.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;
let app: Awaited<ReturnType<typeof loadApp>>;

/** The app's modules as the server would load them, against this file's database and SMTP server. */
async function loadApp() {
  return {
    signup: await import("@/lib/subscribers/signup"),
    confirm: await import("@/lib/subscribers/confirm"),
    manage: await import("@/lib/subscribers/manage"),
    delivery: await import("@/lib/subscribers/delivery"),
    links: await import("@/lib/subscribers/links"),
    tokens: await import("@/lib/subscribers/tokens"),
    consent: await import("@/lib/subscribers/consent"),
    transport: await import("@/lib/mail/transport"),
    mailer: await import("@/lib/mail/mailer"),
    bulk: await import("@/lib/mail/templates/bulk"),
    validations: await import("@/lib/validations/subscriber"),
    signupMail: await import("@/lib/subscribers/signup-mail"),
    settings: await import("@/lib/mail/settings"),
    queue: await import("@/lib/jobs/queue"),
    subscribeRoute: await import("@/app/api/subscribe/route"),
    unsubscribeRoute: await import("@/app/api/unsubscribe/route"),
    subscribeAction: await import("@/lib/actions/subscribers/subscribe"),
    confirmAction: await import("@/lib/actions/subscribers/confirm"),
    preferencesAction: await import("@/lib/actions/subscribers/update-preferences"),
    unsubscribeAction: await import("@/lib/actions/subscribers/unsubscribe"),
  };
}

/**
 * (Re)loads the app with this environment, closing the previous database client, and runs
 * the worker that sends signup emails (stopped first, so it too uses the new environment).
 */
async function reload(overrides: Record<string, string | undefined> = {}) {
  await app?.queue.stopJobQueue();
  const previous = (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase;
  await previous?.$disconnect();
  const environment: Record<string, string | undefined> = {
    DATABASE_URL: testDatabase.url,
    SMTP_URL: smtp.url,
    NEXTAUTH_SECRET: SECRET,
    SITE_URL,
    SITE_NAME: "Quire Test Institute",
    MAIL_FROM: "Quire Test Institute <news@think.example.org>",
    ...overrides,
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value ?? "");
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  const loaded = await loadApp();
  await loaded.queue.startWorkers([loaded.signupMail.signupMailJob]);
  return loaded;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  await testDatabase.db.category.createMany({
    data: [
      { slug: "north-korea", name: "North Korea" },
      { slug: "trade", name: "Trade" },
      { slug: "security", name: "Security" },
    ],
  });
  app = await reload();
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  const db = (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase;
  await db?.$disconnect();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.unstubAllEnvs();
  await smtp.close();
});

beforeEach(async () => {
  await app.signup.signupLimits.perIp.reset();
  await app.signup.signupLimits.perAddress.reset();
  request.headers = new Headers({ "x-quire-client-address": "198.51.100.7" });
});

// --- helpers -------------------------------------------------------------------------

let ipCounter = 0;
/** A fresh client address per request, unless the test is about one address. */
const nextIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

function postSignup(body: unknown, options: { ip?: string; contentType?: string } = {}) {
  const contentType = options.contentType ?? "application/json";
  const payload =
    typeof body === "string"
      ? body
      : contentType.includes("json")
        ? JSON.stringify(body)
        : new URLSearchParams(body as Record<string, string>).toString();
  return app.subscribeRoute.POST(
    new Request(`${SITE_URL}/api/subscribe`, {
      method: "POST",
      headers: { "content-type": contentType, "x-quire-client-address": options.ip ?? nextIp() },
      body: payload,
    }),
  );
}

function formData(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
  return form;
}

const mailsTo = (address: string) => smtp.mailsTo(address);

/** The `count`th email to `address`, once the job has sent it. */
async function waitForMail(address: string, count = 1): Promise<ParsedMail> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const mails = mailsTo(address);
    if (mails.length >= count) return mails[count - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No mail number ${count} to ${address}; got ${mailsTo(address).length}`);
}

/** Signup emails neither sent nor given up: waiting, or being sent. */
const unsentSignupMails = () =>
  testDatabase.db.signupMail.count({ where: { sentAt: null, failedAt: null, notBefore: { lte: new Date() } } });

/** Waits until the job has sent every signup email due, before a test asserts that no more arrived. */
async function settle() {
  for (let attempt = 0; attempt < 300 && (await unsentSignupMails()) > 0; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await unsentSignupMails()).toBe(0);
}

function linkIn(mail: ParsedMail, pathname: string): URL {
  const match = new RegExp(`${SITE_URL.replace(/\./g, "\\.")}${pathname}\\?token=[A-Za-z0-9._-]+`).exec(
    mail.text ?? "",
  );
  if (!match) throw new Error(`No ${pathname} link in:\n${mail.text}`);
  return new URL(match[0]);
}

const tokenIn = (mail: ParsedMail, pathname: string) => linkIn(mail, pathname).searchParams.get("token")!;

function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, " ");
}

const subscriberRow = (email: string) =>
  testDatabase.db.subscriber.findUnique({ where: { email }, include: { topics: { include: { category: true } } } });

const topicSlugs = (row: Awaited<ReturnType<typeof subscriberRow>>) =>
  row!.topics.map((topic) => topic.category.slug).sort();

// --- the reader's journey --------------------------------------------------------------

describe("the mailing list", () => {
  it("signs a reader up, confirms by button, changes preferences and unsubscribes with one click", async () => {
    const email = "ada@example.org";
    const state = await app.subscribeAction.subscribe(
      app.validations.INITIAL_SIGNUP_STATE,
      formData({
        email: " Ada@Example.org ",
        firstName: "Ada",
        lastName: "",
        topics: ["north-korea", "trade"],
        topicsOffered: "1",
        website: "",
      }),
    );
    expect(state).toEqual({ status: "success", message: app.signup.SIGNUP_THANKS, fieldErrors: {} });

    const confirmation = await waitForMail(email);
    expect(confirmation.subject).toBe("Confirm your subscription to Quire Test Institute");
    expect(confirmation.from?.value[0]?.address).toBe("news@think.example.org");
    expect(confirmation.replyTo?.value[0]?.address).toBe("news@think.example.org");
    expect(confirmation.messageId).toMatch(/^<[^@>]+@think\.example\.org>$/);
    expect(confirmation.text).toContain("Dear Ada,");
    expect(confirmation.html).toContain("Confirm your subscription</a>");
    expect(header(confirmation, "list-unsubscribe")).toBeUndefined();

    const pending = await subscriberRow(email);
    expect(pending).toMatchObject({
      status: "PENDING",
      firstName: "Ada",
      consentIp: "198.51.100.7",
      consentVersion: app.consent.CONSENT_VERSION,
    });
    expect(pending!.consentAt).toBeInstanceOf(Date);
    expect(topicSlugs(pending)).toEqual(["north-korea", "trade"]);

    // Only confirmed subscribers receive mailings.
    const mailing = {
      subject: "New: The Peninsula",
      html: "<p>Our latest analysis.</p>",
      text: "Our latest analysis.",
    };
    expect(await app.delivery.sendToSubscriber(pending!.id, mailing)).toBe("skipped");

    // Opening the link (GET) only inspects; the button confirms.
    const confirmToken = tokenIn(confirmation, "/subscribe/confirm");
    expect(await app.confirm.inspectConfirmation(confirmToken)).toMatchObject({ state: "ready", email });
    expect((await subscriberRow(email))!.status).toBe("PENDING");
    const confirmed = await app.confirmAction.confirm(
      app.validations.INITIAL_TOKEN_STATE,
      formData({ token: confirmToken }),
    );
    expect(confirmed).toEqual({ status: "success", message: app.confirm.CONFIRMED_MESSAGE });
    expect(await subscriberRow(email)).toMatchObject({ status: "CONFIRMED", confirmedAt: expect.any(Date) });

    const reused = await app.confirmAction.confirm(
      app.validations.INITIAL_TOKEN_STATE,
      formData({ token: confirmToken }),
    );
    expect(reused.status).toBe("error");
    expect(reused.message).toMatch(/already been used/);

    // A mailing carries the preference link and RFC 8058 one-click headers.
    expect(await app.delivery.sendToSubscriber(pending!.id, mailing)).toBe("sent");
    const bulk = await waitForMail(email, 2);
    expect(bulk.subject).toBe("New: The Peninsula");
    expect(bulk.html).toContain("<p>Our latest analysis.</p>");
    expect(bulk.text).toContain("Our latest analysis.");
    expect(header(bulk, "list-unsubscribe")).toMatch(
      /^List-Unsubscribe: <https:\/\/think\.example\.org\/api\/unsubscribe\?token=[^>]+>$/,
    );
    expect(header(bulk, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header(bulk, "list-id")).toContain("<updates.think.example.org>");

    const preferencesToken = tokenIn(bulk, "/subscribe/preferences");
    expect(await app.manage.loadPreferences(preferencesToken)).toMatchObject({
      ok: true,
      email,
      frequency: "WEEKLY",
      topics: ["north-korea", "trade"],
    });

    const refused = await app.preferencesAction.savePreferences(
      app.validations.INITIAL_PREFERENCES_STATE,
      formData({ token: preferencesToken, firstName: "Ada", lastName: "Lovelace", frequency: "IMMEDIATE" }),
    );
    expect(refused).toMatchObject({
      status: "error",
      fieldErrors: { topics: "Choose at least one topic, or unsubscribe below" },
    });

    const saved = await app.preferencesAction.savePreferences(
      app.validations.INITIAL_PREFERENCES_STATE,
      formData({
        token: preferencesToken,
        firstName: "Ada",
        lastName: "Lovelace",
        frequency: "IMMEDIATE",
        topics: ["security"],
      }),
    );
    expect(saved).toMatchObject({ status: "success", message: app.manage.PREFERENCES_SAVED_MESSAGE });
    const updated = await subscriberRow(email);
    expect(updated).toMatchObject({ lastName: "Lovelace", frequency: "IMMEDIATE", status: "CONFIRMED" });
    expect(topicSlugs(updated)).toEqual(["security"]);

    // A GET on the header's URL (a person, a scanner) only leads to the page with the button.
    const oneClickUrl = /<([^>]+)>/.exec(header(bulk, "list-unsubscribe")!)![1]!;
    const opened = await app.unsubscribeRoute.GET(new Request(oneClickUrl));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(/^\/unsubscribe\?token=/);
    expect((await subscriberRow(email))!.status).toBe("CONFIRMED");

    // The mail client's one-click POST unsubscribes with no further step.
    const oneClick = () =>
      app.unsubscribeRoute.POST(
        new Request(oneClickUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
      );
    const response = await oneClick();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, message: app.manage.UNSUBSCRIBED_MESSAGE });
    expect(await subscriberRow(email)).toMatchObject({ status: "UNSUBSCRIBED", unsubscribedAt: expect.any(Date) });
    expect((await oneClick()).status).toBe(200);

    expect(await app.delivery.sendToSubscriber(pending!.id, mailing)).toBe("skipped");
    await settle();
    expect(mailsTo(email)).toHaveLength(2);

    // The reader's history is on SubscriberEvent; AuditLog is for staff actions.
    const history = await testDatabase.db.subscriberEvent.findMany({
      where: { subscriberId: pending!.id },
      orderBy: { id: "asc" },
    });
    expect(history.map((entry) => entry.type)).toEqual([
      "signup",
      "email.sent",
      "confirm",
      "email.sent",
      "preferences",
      "unsubscribe",
    ]);
    expect(history[0]!.details).toMatchObject({
      consentVersion: app.consent.CONSENT_VERSION,
      previousStatus: "PENDING",
      ip: "198.51.100.7",
    });
    expect(history[1]!.details).toEqual({ kind: "confirmation" });
    expect(history[3]!.details).toEqual({ kind: "mailing", subject: "New: The Peninsula" });
    expect(history[5]!.details).toEqual({ source: "one-click" });
    expect(await testDatabase.db.auditLog.count({ where: { entityType: "Subscriber" } })).toBe(0);
  });

  it("unsubscribes from the page's button and from the preference centre", async () => {
    const page = await createSubscriber("page-leaver@example.org", "CONFIRMED");
    const links = app.links.managementLinks(page);
    const token = new URL(links.unsubscribe).searchParams.get("token")!;
    expect(await app.manage.inspectUnsubscribe(token)).toEqual({
      ok: true,
      email: "page-leaver@example.org",
      unsubscribed: false,
    });
    const state = await app.unsubscribeAction.unsubscribeWithForm(
      app.validations.INITIAL_TOKEN_STATE,
      formData({ token, source: "page" }),
    );
    expect(state).toEqual({ status: "success", message: app.manage.UNSUBSCRIBED_MESSAGE });
    expect(await app.manage.inspectUnsubscribe(token)).toEqual({
      ok: true,
      email: "page-leaver@example.org",
      unsubscribed: true,
    });

    const centre = await createSubscriber("centre-leaver@example.org", "CONFIRMED");
    const centreToken = new URL(app.links.managementLinks(centre).preferences).searchParams.get("token")!;
    await app.unsubscribeAction.unsubscribeWithForm(
      app.validations.INITIAL_TOKEN_STATE,
      formData({ token: centreToken, source: "forged-value" }),
    );
    expect((await subscriberRow("centre-leaver@example.org"))!.status).toBe("UNSUBSCRIBED");
    const entry = await testDatabase.db.subscriberEvent.findFirst({
      where: { subscriberId: centre.id, type: "unsubscribe" },
    });
    expect(entry!.details).toEqual({ source: "page" });

    const after = await app.preferencesAction.savePreferences(
      app.validations.INITIAL_PREFERENCES_STATE,
      formData({ token: centreToken, frequency: "WEEKLY", topics: ["trade"] }),
    );
    expect(after).toMatchObject({ status: "error", message: expect.stringMatching(/is unsubscribed/) });
  });
});

describe("signup answers", () => {
  it("are the same whether the address is new, pending, confirmed or unsubscribed", async () => {
    await postSignup({ email: "pending@example.org" });
    await waitForMail("pending@example.org");
    await createSubscriber("confirmed@example.org", "CONFIRMED", { firstName: "Grace", topics: ["trade"] });
    await createSubscriber("left@example.org", "UNSUBSCRIBED");

    const answers = [];
    for (const email of ["new@example.org", "pending@example.org", "confirmed@example.org", "left@example.org"]) {
      const response = await postSignup({ email, firstName: "Mallory", topics: ["security"] });
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 200, body: { ok: true, message: app.signup.SIGNUP_THANKS } });

    // Behind the same answer: a confirmation for new and unsubscribed addresses, a reminder
    // for the confirmed one, nothing more for the one that just got its email.
    expect((await waitForMail("new@example.org")).subject).toMatch(/^Confirm your subscription/);
    expect((await waitForMail("left@example.org")).subject).toMatch(/^Confirm your subscription/);
    expect((await waitForMail("confirmed@example.org")).subject).toMatch(/^You are already subscribed/);
    await settle();
    expect(mailsTo("pending@example.org")).toHaveLength(1);

    // An anonymous form never changes a confirmed reader's settings.
    const confirmed = await subscriberRow("confirmed@example.org");
    expect(confirmed).toMatchObject({ status: "CONFIRMED", firstName: "Grace" });
    expect(topicSlugs(confirmed)).toEqual(["trade"]);
    expect((await subscriberRow("left@example.org"))!.status).toBe("PENDING");
  });

  it("never duplicate a subscriber nor send more than one email per address in 10 minutes", async () => {
    const email = "repeat@example.org";
    for (let attempt = 0; attempt < 3; attempt++) expect((await postSignup({ email })).status).toBe(200);
    const first = await waitForMail(email);
    await settle();
    expect(mailsTo(email)).toHaveLength(1);
    expect(await testDatabase.db.subscriber.count({ where: { email } })).toBe(1);
    const row = (await subscriberRow(email))!;
    // Without topics in the request (an embedded form), a signup follows every topic.
    expect(topicSlugs(row)).toEqual(["north-korea", "security", "trade"]);
    const sends = () =>
      testDatabase.db.subscriberEvent.count({
        where: { subscriberId: row.id, type: "email.sent", details: { path: ["kind"], equals: "confirmation" } },
      });
    expect(await sends()).toBe(1);

    // Ten minutes later a new signup sends a new link, which supersedes the first.
    await testDatabase.db
      .$executeRaw`UPDATE "SubscriberEvent" SET "createdAt" = "createdAt" - interval '11 minutes' WHERE "subscriberId" = ${row.id}`;
    await testDatabase.db
      .$executeRaw`UPDATE "Subscriber" SET "signupMailAt" = "signupMailAt" - interval '11 minutes' WHERE id = ${row.id}`;
    expect((await postSignup({ email })).status).toBe(200);
    const second = await waitForMail(email, 2);
    expect(await sends()).toBe(2);
    const stale = await app.confirm.confirmSubscription(tokenIn(first, "/subscribe/confirm"));
    expect(stale).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/no longer valid/) });
    expect(await app.confirm.confirmSubscription(tokenIn(second, "/subscribe/confirm"))).toMatchObject({ ok: true });
  });

  it("are written on sessions whose commits do not wait for the disk, and only they", async () => {
    // register() in lib/subscribers/signup.ts says why this is safe for signups alone.
    const database = await import("@/lib/db");
    const signupSession = await database
      .unflushedPool()
      .query<{ synchronous_commit: string }>("SHOW synchronous_commit");
    expect(signupSession.rows[0]!.synchronous_commit).toBe("off");
    const [appSession] = await database.db.$queryRaw<Array<{ synchronous_commit: string }>>`SHOW synchronous_commit`;
    expect(appSession!.synchronous_commit).toBe("on");
  });

  it("survive concurrent signups for one address: one row, one email, no errors", async () => {
    const email = "stampede@example.org";
    const responses = await Promise.all(Array.from({ length: 10 }, () => postSignup({ email, firstName: "Sam" })));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    await waitForMail(email);
    await settle();
    expect(mailsTo(email)).toHaveLength(1);
    expect(await testDatabase.db.subscriber.count({ where: { email } })).toBe(1);

    const direct = await Promise.all(
      Array.from({ length: 10 }, () => app.signup.signUp({ email: "stampede-2@example.org" }, { ip: nextIp() })),
    );
    expect(direct.every((result) => result.ok)).toBe(true);
    await waitForMail("stampede-2@example.org");
    await settle();
    expect(mailsTo("stampede-2@example.org")).toHaveLength(1);
  });

  it("keep the mailing list working when email cannot be sent: stored and answered, and sent once SMTP works again", async () => {
    const broken = await reload({ SMTP_URL: "smtp://127.0.0.1:1" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const result = await broken.signup.signUp({ email: "unlucky@example.org" }, { ip: nextIp() });
      expect(result).toEqual({ ok: true, message: broken.signup.SIGNUP_THANKS });
      const row = (await subscriberRow("unlucky@example.org"))!;
      expect(row.status).toBe("PENDING");
      // The job tried, failed (temporarily) and put the email back with a later time, giving
      // back its slot of the hour's budget and its line in the reader's history.
      const failed = async () =>
        testDatabase.db.signupMail.findFirstOrThrow({ where: { subscriberId: row.id }, orderBy: { id: "desc" } });
      for (let attempt = 0; attempt < 300 && (await failed()).lastError === null; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await failed()).toMatchObject({
        attempts: 1,
        claimedAt: null,
        sentAt: null,
        failedAt: null,
        lastError: expect.stringMatching(/SMTP delivery failed/),
      });
      expect((await failed()).notBefore.getTime()).toBeGreaterThan(Date.now());
      expect(await testDatabase.db.subscriberEvent.count({ where: { subscriberId: row.id, type: "email.sent" } })).toBe(
        0,
      );
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(/^Signup email \d+ failed \(attempt 1, tried again later\)/),
      );

      // SMTP is back and the retry falls due: the same email goes out, once.
      app = await reload();
      await testDatabase.db.signupMail.updateMany({ where: { subscriberId: row.id }, data: { notBefore: new Date() } });
      await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
      const mail = await waitForMail("unlucky@example.org");
      expect(mail.subject).toMatch(/^Confirm your subscription/);
      await settle();
      expect(mailsTo("unlucky@example.org")).toHaveLength(1);
      expect(await failed()).toMatchObject({ attempts: 2, sentAt: expect.any(Date), lastError: null });
    } finally {
      logged.mockRestore();
    }
  });
});

describe("signup emails through the job queue", () => {
  it("are sent by a job that every server with workers runs", async () => {
    const { JOBS } = await import("@/lib/workers");
    expect(JOBS).toContain(app.signupMail.signupMailJob);
  });

  it("answer the signup without waiting for SMTP: the email arrives later, sent by the job", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reachedServer!: () => void;
    const atServer = new Promise<void>((resolve) => (reachedServer = resolve));
    smtp.holdWhen = (mail) => {
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      if (to?.value[0]?.address !== "held@example.org") return;
      reachedServer();
      return released;
    };
    try {
      // The SMTP server accepts nothing for this address until released below, so the
      // signup can only answer if it does not wait for the email.
      const result = await app.signup.signUp({ email: "held@example.org", firstName: "Hal" }, { ip: nextIp() });
      expect(result).toEqual({ ok: true, message: app.signup.SIGNUP_THANKS });
      expect(mailsTo("held@example.org")).toHaveLength(0);
      expect(await subscriberRow("held@example.org")).toMatchObject({ status: "PENDING", firstName: "Hal" });
      // The job has the email and is sending it: the server holds it.
      await atServer;
      expect(mailsTo("held@example.org")).toHaveLength(0);
      release();
      const mail = await waitForMail("held@example.org");
      expect(mail.text).toContain("Dear Hal,");
      expect(
        await testDatabase.db.signupMail.findFirstOrThrow({ where: { subscriber: { email: "held@example.org" } } }),
      ).toMatchObject({ kind: "confirmation", source: "signup", attempts: 1, sentAt: expect.any(Date) });
    } finally {
      release();
      smtp.holdWhen = () => undefined;
    }
  }, 30_000);

  it("past the hourly budget, store the signups and defer their emails, sent as the budget frees up, never lost", async () => {
    await settle();
    // The budget counts the last hour's signup emails: those of the tests above too.
    const sentThisHour = await testDatabase.db.signupMail.count({
      where: { source: "signup", claimedAt: { gt: new Date(Date.now() - 3600_000) } },
    });
    await testDatabase.db.setting.upsert({
      where: { key: "mail.signupMailsPerHour" },
      create: { key: "mail.signupMailsPerHour", value: sentThisHour + 2 },
      update: { value: sentThisHour + 2 },
    });
    try {
      const addresses = [
        "budget-1@example.org",
        "budget-2@example.org",
        "budget-3@example.org",
        "budget-4@example.org",
      ];
      const answers = [];
      for (const email of addresses) {
        const response = await postSignup({ email, firstName: "Bea" });
        answers.push({ status: response.status, body: await response.json() });
      }
      // Every signup gets the same answer and is stored, whatever the budget.
      expect(answers).toEqual(Array(4).fill({ status: 200, body: { ok: true, message: app.signup.SIGNUP_THANKS } }));
      for (const email of addresses) expect((await subscriberRow(email))!.status).toBe("PENDING");

      // Two go out; the job then waits for the hour's oldest send to leave the window.
      await waitForMail("budget-1@example.org");
      await waitForMail("budget-2@example.org");
      const resume = async () =>
        testDatabase.db.$queryRaw<Array<{ start_after: Date }>>`
          SELECT start_after FROM pgboss.job
           WHERE name = 'subscribers.signup-mail' AND state = 'created' AND singleton_key = 'later'`;
      for (let attempt = 0; attempt < 300 && (await resume()).length === 0; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const [oldest] = await testDatabase.db.$queryRaw<Array<{ at: Date }>>`
        SELECT min("claimedAt") + interval '1 hour' AS at FROM "SignupMail"
         WHERE source = 'signup' AND "claimedAt" > now() - interval '1 hour'`;
      // Woken no later than when the budget frees up (an earlier wake-up finds nothing and waits again).
      expect((await resume())[0]!.start_after.getTime()).toBeLessThanOrEqual(oldest!.at.getTime());
      const settings = await app.settings.loadMailSettings(testDatabase.db, "News <news@think.example.org>");
      const run = await app.signupMail.runSignupMailSend(testDatabase.db, {
        mailer: app.transport.createMailer({
          smtpUrl: smtp.url,
          outboxDir: "/nonexistent",
          from: "x",
          siteUrl: SITE_URL,
        }),
        settings,
      });
      expect(run).toEqual({ sent: 0, failed: 0, deferred: 2, resumeAt: oldest!.at });
      const waiting = await testDatabase.db.signupMail.findMany({
        where: { subscriber: { email: { in: addresses.slice(2) } } },
      });
      expect(waiting).toHaveLength(2);
      for (const mail of waiting)
        expect(mail).toMatchObject({ sentAt: null, claimedAt: null, failedAt: null, attempts: 0 });
      expect(mailsTo("budget-3@example.org")).toHaveLength(0);
      expect(mailsTo("budget-4@example.org")).toHaveLength(0);

      // A staff import's confirmations are not held back by the signup budget.
      const trade = await testDatabase.db.category.findUniqueOrThrow({ where: { slug: "trade" } });
      await app.signup.startImportedDoubleOptIn({
        email: "imported-in-budget@example.org",
        firstName: "",
        lastName: "",
        topicIds: [trade.id],
      });
      await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
      await waitForMail("imported-in-budget@example.org");
      expect(mailsTo("budget-3@example.org")).toHaveLength(0);

      // An hour later the budget has room again: the deferred emails go out, once each.
      await testDatabase.db.$executeRaw`
        UPDATE "SignupMail" SET "claimedAt" = "claimedAt" - interval '61 minutes', "sentAt" = "sentAt" - interval '61 minutes'
         WHERE "claimedAt" IS NOT NULL`;
      await app.queue.enqueue(app.signupMail.signupMailJob, {}, { singletonKey: "now" });
      expect((await waitForMail("budget-3@example.org")).subject).toMatch(/^Confirm your subscription/);
      await waitForMail("budget-4@example.org");
      await settle();
      for (const email of addresses) expect(mailsTo(email), email).toHaveLength(1);
    } finally {
      await testDatabase.db.setting.delete({ where: { key: "mail.signupMailsPerHour" } });
    }
  }, 60_000);

  it("send to internationalised domains, stored in their ASCII form", async () => {
    const response = await postSignup({ email: "Leser@испытание.рф", firstName: "Иван" });
    expect(response.status).toBe(200);
    const row = await subscriberRow("leser@xn--80akhbyknj4f.xn--p1ai");
    expect(row).toMatchObject({ status: "PENDING", firstName: "Иван" });
    // Sent to the ASCII form (mailparser shows the domain decoded again).
    const mail = await waitForMail("leser@испытание.рф");
    expect(header(mail, "to")).toContain("<leser@xn--80akhbyknj4f.xn--p1ai>");
    expect(mail.text).toContain("Dear Иван,");
    // The same address in its other spelling is the same subscriber.
    expect((await postSignup({ email: "leser@xn--80akhbyknj4f.xn--p1ai" })).status).toBe(200);
    expect(await testDatabase.db.subscriber.count({ where: { email: { contains: "xn--80akhbyknj4f" } } })).toBe(1);
  });
});

describe("signup refusals", () => {
  async function expectRefusal(
    body: unknown,
    expected: { status?: number; message: RegExp; field?: string },
    contentType?: string,
  ) {
    const response = await postSignup(body, { contentType });
    const answer = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(expected.status ?? 400);
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(expected.message);
    if (expected.field) expect(answer.fieldErrors[expected.field]).toMatch(expected.message);
    return answer;
  }

  it("explain what is wrong, with 400 and the field, and store or send nothing", async () => {
    const before = await testDatabase.db.subscriber.count();
    await expectRefusal(
      { email: "bot@example.org", website: "https://spam.example" },
      { message: /a program filled it in/ },
    );
    await expectRefusal({ email: "not-an-email" }, { message: /^Enter a valid email address/, field: "email" });
    await expectRefusal({ firstName: "Nobody" }, { message: /^Enter your email address$/, field: "email" });
    await expectRefusal({ email: "   " }, { message: /^Enter your email address$/, field: "email" });
    await expectRefusal(
      { email: "reader@example.org\r\nBcc: victim@example.org" },
      { message: /one line/, field: "email" },
    );
    await expectRefusal({ email: "reader@example.org\n" }, { message: /one line/, field: "email" });
    await expectRefusal(
      { email: "reader@example.org", firstName: "Eve\r\nBcc: victim@example.org" },
      { message: /one line/, field: "firstName" },
    );
    await expectRefusal({ email: `${"a".repeat(64)}@${"b".repeat(186)}.org` }, { message: /too long/, field: "email" });
    await expectRefusal({ email: `${"a".repeat(65)}@example.org` }, { message: /valid email/, field: "email" });
    await expectRefusal(
      { email: "reader@example.org", lastName: "x".repeat(101) },
      { message: /too long/, field: "lastName" },
    );
    await expectRefusal({ email: 42 }, { message: /email/i, field: "email" });
    await expectRefusal(
      { email: "reader@example.org", firstName: "Your account is locked: visit www.evil.example" },
      { message: /^First name cannot contain a web address, an email address, < or >/, field: "firstName" },
    );
    await expectRefusal(
      { email: "reader@example.org", lastName: "see https://evil.example/login" },
      { message: /^Last name cannot contain a web address/, field: "lastName" },
    );
    await expectRefusal(
      { email: "reader@example.org", firstName: "<a href=x>Ada</a>" },
      { message: /^First name cannot contain/, field: "firstName" },
    );
    await expectRefusal(
      { email: "throwaway@mailinator.com" },
      { message: /cannot accept addresses from this email provider/, field: "email" },
    );
    await expectRefusal(
      { email: "throwaway@eu.MAILINATOR.com" },
      { message: /cannot accept addresses from this email provider/, field: "email" },
    );
    await expectRefusal(
      { email: "reader@example.org", topics: ["no-such-topic"] },
      { message: /Choose topics from the list/, field: "topics" },
    );
    await expectRefusal(
      { email: "reader@example.org", topics: [] },
      { message: /Choose at least one topic/, field: "topics" },
    );
    // Our own form with every box unticked.
    await expectRefusal(
      "email=reader%40example.org&topicsOffered=1",
      { message: /Choose at least one topic/, field: "topics" },
      "application/x-www-form-urlencoded",
    );

    await expectRefusal("{not json", { message: /not valid JSON/ });
    await expectRefusal(["reader@example.org"], { message: /JSON object/ });
    await expectRefusal("email=reader@example.org", { message: /as a form .* or as JSON/ }, "text/plain");
    await expectRefusal({ email: "reader@example.org", firstName: "x".repeat(20_000) }, { message: /too large/ });

    await settle();
    expect(await testDatabase.db.subscriber.count()).toBe(before);
    expect(mailsTo("reader@example.org")).toHaveLength(0);
  });

  it("honour blocked domains configured by staff", async () => {
    await testDatabase.db.setting.create({
      data: { key: "mail.blockedDomains", value: ["@Blocked.example", "not a domain", "mailinator.com"] },
    });
    // Written behind the settings form's back: tell signups to read again, as the form does.
    app.signup.forgetSignupReference();
    try {
      await expectRefusal({ email: "someone@blocked.example" }, { message: /cannot accept addresses/, field: "email" });
      await expectRefusal(
        { email: "someone@mail.blocked.example" },
        { message: /cannot accept addresses/, field: "email" },
      );
      expect((await postSignup({ email: "someone@unblocked.example" })).status).toBe(200);
    } finally {
      await testDatabase.db.setting.delete({ where: { key: "mail.blockedDomains" } });
      app.signup.forgetSignupReference();
    }
  });

  it("accept form-encoded signups with repeated topic fields", async () => {
    const response = await postSignup(
      "email=form%40example.org&firstName=Fay&topics=trade&topics=security&topicsOffered=1",
      {
        contentType: "application/x-www-form-urlencoded",
      },
    );
    expect(response.status).toBe(200);
    await waitForMail("form@example.org");
    expect(topicSlugs(await subscriberRow("form@example.org"))).toEqual(["security", "trade"]);
  });

  it("accept multipart signups as browsers send them, whose boundary is mixed case", async () => {
    const boundary = "----WebKitFormBoundaryAbCdEf0123456789";
    const browserBody = [
      ["email", "multipart@example.org"],
      ["topics", "trade"],
      ["topicsOffered", "1"],
    ]
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("");
    const response = await postSignup(`${browserBody}--${boundary}--\r\n`, {
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(response.status).toBe(200);
    await waitForMail("multipart@example.org");
    expect(topicSlugs(await subscriberRow("multipart@example.org"))).toEqual(["trade"]);
  });

  it("send a browser posting the form itself on to /subscribe (303): thanks, or the form again with the address", async () => {
    const navigate = (body: string) =>
      app.subscribeRoute.POST(
        new Request(`${SITE_URL}/api/subscribe`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "sec-fetch-mode": "navigate",
            "x-quire-client-address": nextIp(),
          },
          body,
        }),
      );
    const refused = await navigate("email=not-an-email");
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/subscribe?signup=retry&email=not-an-email");
    const accepted = await navigate("email=navigated%40example.org");
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/subscribe?signup=sent");
    await waitForMail("navigated@example.org");
  });

  it("come back to the form with field errors and what was typed", async () => {
    const state = await app.subscribeAction.subscribe(
      app.validations.INITIAL_SIGNUP_STATE,
      formData({ email: "ada(at)example.org", firstName: "Ada", topics: ["trade"], topicsOffered: "1" }),
    );
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { email: "Enter a valid email address, like name@example.org" },
      values: { email: "ada(at)example.org", firstName: "Ada", lastName: "", topics: ["trade"] },
    });
  });

  it("rate-limit per IP and per address with 429 and Retry-After", async () => {
    for (let attempt = 0; attempt < 20; attempt++)
      expect((await postSignup({ email: "nope" }, { ip: "192.0.2.50" })).status).toBe(400);
    const limited = await postSignup({ email: "fine@example.org" }, { ip: "192.0.2.50" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).message).toMatch(
      /^Too many signup attempts from your network\. Please try again in \d+ minutes?\.$/,
    );
    // Refused before anything is stored: no subscriber, no email queued against the hour's budget.
    expect(await subscriberRow("fine@example.org")).toBeNull();
    expect((await postSignup({ email: "fine@example.org" }, { ip: "192.0.2.51" })).status).toBe(200);

    const email = "popular@example.org";
    for (let attempt = 0; attempt < 10; attempt++) expect((await postSignup({ email })).status).toBe(200);
    const perAddress = await postSignup({ email });
    expect(perAddress.status).toBe(429);
    expect((await perAddress.json()).message).toMatch(/^Too many signup attempts for this address/);
  });
});

describe("signed links", () => {
  it("reject expired, tampered, foreign and wrong-purpose tokens gracefully, changing nothing", async () => {
    expect((await postSignup({ email: "tokens@example.org" })).status).toBe(200);
    const token = tokenIn(await waitForMail("tokens@example.org"), "/subscribe/confirm");
    const row = (await subscriberRow("tokens@example.org"))!;

    const expired = app.links.confirmToken(
      { id: row.id, consentAt: row.consentAt! },
      Date.now() - app.links.CONFIRM_TOKEN_LIFETIME_MS - 1000,
    );
    expect(await app.confirm.confirmSubscription(expired)).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/has expired/),
    });
    expect(
      await app.confirm.inspectConfirmation(token, Date.now() + app.links.CONFIRM_TOKEN_LIFETIME_MS + 1000),
    ).toMatchObject({ state: "expired" });

    const [id, purpose, expiry, nonce, signature] = token.split(".") as [string, string, string, string, string];
    const flipped = signature.endsWith("A") ? `${signature.slice(0, -1)}B` : `${signature.slice(0, -1)}A`;
    const foreignKey = app.tokens.deriveTokenKey("another-secret-of-another-installation-123");
    const forged = [
      [id, purpose, expiry, nonce, flipped].join("."),
      [Number(id) + 1, purpose, expiry, nonce, signature].join("."),
      [id, purpose, (parseInt(expiry, 36) + 86_400).toString(36), nonce, signature].join("."),
      app.tokens.createToken(foreignKey, {
        subscriberId: row.id,
        purpose: "confirm",
        expiresAt: Date.now() + 60_000,
        nonce: row.consentAt!.getTime(),
      }),
      app.links.manageToken(row),
      "",
      "garbage",
      "x".repeat(10_000),
    ];
    for (const candidate of [...forged, undefined, null, 42, { token }]) {
      const result = await app.confirm.confirmSubscription(candidate);
      expect(result, String(candidate).slice(0, 80)).toMatchObject({
        ok: false,
        status: 400,
        message: expect.stringMatching(/not valid/),
      });
    }
    const page = await app.confirmAction.confirm(app.validations.INITIAL_TOKEN_STATE, formData({ token: forged[0]! }));
    expect(page).toMatchObject({ status: "error", message: expect.stringMatching(/not valid/) });

    // A confirmation token cannot unsubscribe or open the preference centre either.
    expect(await app.manage.unsubscribe(token, "page")).toMatchObject({ ok: false, status: 400 });
    expect(await app.manage.loadPreferences(token)).toMatchObject({ ok: false });
    const oneClick = await app.unsubscribeRoute.POST(
      new Request(`${SITE_URL}/api/unsubscribe?token=${encodeURIComponent(forged[0]!)}`, { method: "POST" }),
    );
    expect(oneClick.status).toBe(400);
    expect(
      (await app.unsubscribeRoute.POST(new Request(`${SITE_URL}/api/unsubscribe`, { method: "POST" }))).status,
    ).toBe(400);

    expect((await subscriberRow("tokens@example.org"))!.status).toBe("PENDING");
    expect(await app.confirm.confirmSubscription(token)).toMatchObject({ ok: true });
    expect(await app.confirm.confirmSubscription(token)).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/already been used/),
    });
  });

  it("let an old email's link still unsubscribe, but not open the preferences", async () => {
    const row = await createSubscriber("old-mail@example.org", "CONFIRMED");
    const yearsAgo = Date.now() - 2 * app.links.MANAGE_TOKEN_LIFETIME_MS;
    const oldToken = app.links.manageToken(row, yearsAgo);
    expect(await app.manage.loadPreferences(oldToken)).toEqual({
      ok: false,
      message: expect.stringMatching(/has expired/),
    });
    expect(await app.manage.unsubscribe(oldToken, "one-click")).toMatchObject({ ok: true });
    expect((await subscriberRow("old-mail@example.org"))!.status).toBe("UNSUBSCRIBED");
  });

  it("stop working for a subscriber erased and signed up again", async () => {
    const first = await createSubscriber("erased@example.org", "CONFIRMED");
    const token = app.links.manageToken(first);
    await testDatabase.db.subscriber.delete({ where: { id: first.id } });
    await createSubscriber("erased@example.org", "CONFIRMED");
    expect(await app.manage.unsubscribe(token, "page")).toMatchObject({ ok: false, status: 400 });
  });
});

describe("the outbox", () => {
  it("receives the mail as .eml files when SMTP_URL is unset", async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), "quire-outbox-"));
    try {
      const offline = await reload({ SMTP_URL: undefined, QUIRE_DATA_DIR: directory });
      expect(offline.mailer.OUTBOX_DIR).toBe(path.join(directory, "outbox"));
      const result = await offline.signup.signUp(
        { email: "offline@example.org", firstName: "Olive" },
        { ip: nextIp() },
      );
      expect(result).toMatchObject({ ok: true });

      const outbox = offline.mailer.OUTBOX_DIR;
      // Written by the job, shortly after the answer.
      const written = () => fs.readdir(outbox).catch(() => [] as string[]);
      for (
        let attempt = 0;
        attempt < 300 && (await written()).filter((name) => name.endsWith(".eml")).length === 0;
        attempt++
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      const files = (await fs.readdir(outbox)).filter((name) => !name.endsWith(".partial"));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const mail = await simpleParser(await fs.readFile(path.join(outbox, files[0]!)));
      expect(mail.subject).toBe("Confirm your subscription to Quire Test Institute");
      expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]).toMatchObject({
        address: "offline@example.org",
        name: "Olive",
      });
      expect(mail.text).toContain("/subscribe/confirm?token=");
      expect(mail.html).toContain("Confirm your subscription");
      expect(mail.messageId).toMatch(/@think\.example\.org>$/);

      const mailer = offline.transport.createMailer({
        outboxDir: outbox,
        from: "News <news@think.example.org>",
        siteUrl: SITE_URL,
      });
      const bulk = offline.bulk.bulkEmail(
        { subject: "Weekly digest", html: "<p>Digest</p>", text: "Digest" },
        {
          siteName: "Quire Test Institute",
          siteUrl: SITE_URL,
          to: { name: "", address: "offline@example.org" },
          links: {
            preferences: `${SITE_URL}/p`,
            unsubscribe: `${SITE_URL}/u`,
            oneClickUnsubscribe: `${SITE_URL}/api/unsubscribe?token=t`,
          },
        },
      );
      const sent = await mailer.send(bulk);
      const raw = await fs.readFile(sent.outboxFile!, "utf8");
      expect(raw).toContain("List-Unsubscribe: <https://think.example.org/api/unsubscribe?token=t>");
      expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(await fs.readdir(outbox)).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
      app = await reload();
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});

async function createSubscriber(
  email: string,
  status: "PENDING" | "CONFIRMED" | "UNSUBSCRIBED",
  options: { firstName?: string; topics?: string[] } = {},
) {
  const categories = await testDatabase.db.category.findMany({ where: { slug: { in: options.topics ?? ["trade"] } } });
  return testDatabase.db.subscriber.create({
    data: {
      email,
      status,
      firstName: options.firstName ?? "",
      consentAt: new Date(),
      confirmedAt: status === "PENDING" ? null : new Date(),
      unsubscribedAt: status === "UNSUBSCRIBED" ? new Date() : null,
      topics: { create: categories.map((category) => ({ categoryId: category.id })) },
    },
  });
}
