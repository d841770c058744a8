/**
 * Event registration end to end against a real database and a real SMTP server: the
 * endpoint's checks, the duplicate-address rule, confirm → seat, full → waitlist, cancel →
 * promotion in order, the race for the last seat, reminders and recording notices once,
 * the hourly budget shared with the mailing list, retention and erasure. Emails are sent by
 * the job queue's worker running in this process, as in `npm start`.
 */
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const SITE_URL = "https://think.example.org";
const SECRET = "a-test-secret-for-registration-links-0123456789";
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;
let app: Awaited<ReturnType<typeof loadApp>>;
let eventTypeId: number;

async function loadApp() {
  return {
    registration: await import("@/lib/events/registration"),
    manage: await import("@/lib/events/registration-manage"),
    mail: await import("@/lib/events/registration-mail"),
    notices: await import("@/lib/events/registration-notices"),
    retention: await import("@/lib/events/registration-retention"),
    admin: await import("@/lib/events/registration-admin"),
    signupMail: await import("@/lib/subscribers/signup-mail"),
    signup: await import("@/lib/subscribers/signup"),
    erase: await import("@/lib/subscribers/erase"),
    queue: await import("@/lib/jobs/queue"),
    registerRoute: await import("@/app/api/events/[slug]/registrations/route"),
    confirmRoute: await import("@/app/api/registrations/confirm/route"),
    cancelRoute: await import("@/app/api/registrations/cancel/route"),
  };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  for (const [name, value] of Object.entries({
    DATABASE_URL: testDatabase.url,
    SMTP_URL: smtp.url,
    NEXTAUTH_SECRET: SECRET,
    SITE_URL,
    SITE_NAME: "Quire Test Institute",
    MAIL_FROM: "Quire Test Institute <events@think.example.org>",
  }))
    vi.stubEnv(name, value);
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  app = await loadApp();
  await app.queue.startWorkers([app.mail.eventMailJob, app.signupMail.signupMailJob]);
  eventTypeId = (
    await testDatabase.db.publicationType.create({ data: { slug: "event", name: "Event", pluralName: "Events" } })
  ).id;
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.unstubAllEnvs();
  await smtp.close();
});

beforeEach(async () => {
  await app.registration.registrationLimits.perIp.reset();
  await app.registration.registrationLimits.perAddress.reset();
});

// --- helpers -------------------------------------------------------------------------

let eventCounter = 0;

type EventOptions = {
  capacity?: number | null;
  startsIn?: number;
  lengthMs?: number;
  deadline?: Date | null;
  state?: "SCHEDULED" | "POSTPONED" | "CANCELLED";
  livestream?: boolean;
};

/** A published event with built-in registration. */
async function createEvent(options: EventOptions = {}) {
  const slug = `event-${++eventCounter}`;
  const startsAt = new Date(Date.now() + (options.startsIn ?? 3 * DAY));
  const publication = await testDatabase.db.publication.create({
    data: {
      slug,
      title: `Seminar ${eventCounter}`,
      summary: "A seminar on the peninsula.",
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Seminar.</p>",
      status: "PUBLISHED",
      publishedAt: new Date(Date.now() - DAY),
      typeId: eventTypeId,
      event: {
        create: {
          startsAt,
          endsAt: new Date(startsAt.getTime() + (options.lengthMs ?? 2 * HOUR)),
          timeZone: "Asia/Seoul",
          state: options.state ?? "SCHEDULED",
          venueName: "Main hall",
          address: "1 Policy Street",
          online: options.livestream ?? false,
          livestreamUrl: options.livestream ? "https://stream.example.net/private-room" : null,
          livestreamAccess: "REGISTRANTS",
          registrationMode: "BUILT_IN",
          capacity: options.capacity === undefined ? 100 : options.capacity,
          registrationDeadline: options.deadline ?? null,
        },
      },
    },
  });
  return { id: publication.id, slug };
}

let ipCounter = 0;
const nextIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

function post(slug: string, body: Record<string, unknown>, options: { form?: boolean; ip?: string } = {}) {
  const headers: Record<string, string> = { "x-quire-client-address": options.ip ?? nextIp() };
  let payload: string;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers["sec-fetch-mode"] = "navigate";
    payload = new URLSearchParams(body as Record<string, string>).toString();
  } else {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  return app.registerRoute.POST(
    new Request(`${SITE_URL}/api/events/${slug}/registrations`, { method: "POST", headers, body: payload }),
    { params: Promise.resolve({ slug }) },
  );
}

const person = (email: string, extra: Record<string, unknown> = {}) => ({
  name: "Ada Lovelace",
  email,
  affiliation: "Analytical Society",
  consent: "yes",
  ...extra,
});

async function register(slug: string, email: string) {
  const response = await post(slug, person(email));
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: true; message: string; outcome: string };
}

/** The `count`th email to `address`, once the job has sent it. */
async function waitForMail(address: string, count = 1): Promise<ParsedMail> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const mails = smtp.mailsTo(address);
    if (mails.length >= count) return mails[count - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No mail number ${count} to ${address}; got ${smtp.mailsTo(address).length}`);
}

/** Waits until every event email due has been sent or given up. */
async function settle() {
  const unsent = () =>
    testDatabase.db.eventMail.count({ where: { sentAt: null, failedAt: null, notBefore: { lte: new Date() } } });
  for (let attempt = 0; attempt < 400 && (await unsent()) > 0; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await unsent()).toBe(0);
}

function tokenIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`${SITE_URL.replace(/\./g, "\\.")}${path}\\?token=([A-Za-z0-9._-]+)`).exec(mail.text ?? "");
  if (!match) throw new Error(`No ${path} link in:\n${mail.text}`);
  return match[1]!;
}

async function confirmWith(token: string) {
  const response = await app.confirmRoute.POST(
    new Request(`${SITE_URL}/api/registrations/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    }),
  );
  expect(response.status).toBe(303);
  return response.headers.get("location")!;
}

async function cancelWith(token: string) {
  const response = await app.cancelRoute.POST(
    new Request(`${SITE_URL}/api/registrations/cancel`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    }),
  );
  expect(response.status).toBe(303);
  return response.headers.get("location")!;
}

/** Registers, confirms by the emailed link; returns the confirmation outcome's address and the email after it. */
async function registerAndConfirm(slug: string, email: string) {
  await register(slug, email);
  const request = await waitForMail(email);
  const location = await confirmWith(tokenIn(request, "/events/registration/confirm"));
  const answer = await waitForMail(email, 2);
  return { location, answer };
}

const statusOf = async (eventId: number, email: string) =>
  (await testDatabase.db.eventRegistration.findUniqueOrThrow({ where: { eventId_email: { eventId, email } } })).status;

// --- the endpoint --------------------------------------------------------------------

describe("POST /api/events/[slug]/registrations", () => {
  it("refuses bad input with a message per field, and sends a form post to the result page", async () => {
    const event = await createEvent();
    const cases: Array<[Record<string, unknown>, string]> = [
      [person("a@example.org", { consent: undefined }), "consent"],
      [person("a@example.org", { name: "Visit https://spam.example.com" }), "name"],
      [person("a@example.org", { name: "" }), "name"],
      [person("a@example.org", { affiliation: "<b>Bold</b>" }), "affiliation"],
      [person("not-an-address"), "email"],
    ];
    for (const [body, field] of cases) {
      const response = await post(event.slug, body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { fieldErrors: Record<string, string> };
      expect(Object.keys(answer.fieldErrors)).toContain(field);
    }
    const form = await post(event.slug, { name: "Ada", email: "nope", consent: "" }, { form: true });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(
      `/events/registration?outcome=invalid&event=${event.slug}&fields=email%2Cconsent`,
    );
    const honeypot = await post(event.slug, person("bot@example.org", { website: "http://bot.example" }));
    expect(honeypot.status).toBe(400);
    expect(await testDatabase.db.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("answers a clear status for an unknown, ended, cancelled or closed event", async () => {
    expect((await post("no-such-event", person("a@example.org"))).status).toBe(404);
    const ended = await createEvent({ startsIn: -3 * HOUR, lengthMs: HOUR });
    const cancelled = await createEvent({ state: "CANCELLED" });
    const closed = await createEvent({ deadline: new Date(Date.now() - HOUR) });
    expect((await post(ended.slug, person("a@example.org"))).status).toBe(410);
    expect((await post(cancelled.slug, person("a@example.org"))).status).toBe(410);
    expect((await post(closed.slug, person("a@example.org"))).status).toBe(409);
    const form = await post(closed.slug, person("a@example.org"), { form: true });
    expect(form.headers.get("location")).toBe(`/events/registration?outcome=closed&event=${closed.slug}`);
    expect(
      await testDatabase.db.eventRegistration.count({
        where: { eventId: { in: [ended.id, cancelled.id, closed.id] } },
      }),
    ).toBe(0);
  });

  it("limits registrations per client address", async () => {
    const event = await createEvent();
    const ip = "198.51.100.99";
    const statuses: number[] = [];
    for (let index = 0; index < 21; index++)
      statuses.push((await post(event.slug, person(`limit-${index}@example.org`), { ip })).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

// --- the registrant's journey --------------------------------------------------------

describe("registration", () => {
  it("confirms by the emailed link to a seat, with the calendar file, the registrants' livestream and a cancel link", async () => {
    const event = await createEvent({ livestream: true });
    const email = "grace@example.org";
    const form = await post(event.slug, person(email, { name: "Grace Hopper" }), { form: true });
    expect(form.headers.get("location")).toBe(`/events/registration?outcome=check-email&event=${event.slug}`);
    const request = await waitForMail(email);
    expect(request.subject).toBe(`Confirm your registration: Seminar ${eventCounter}`);
    expect(request.text).toContain("Dear Grace,");
    expect(request.text).not.toContain("stream.example.net");
    expect(await statusOf(event.id, email)).toBe("PENDING");

    const location = await confirmWith(tokenIn(request, "/events/registration/confirm"));
    expect(location).toBe(`/events/registration?outcome=confirmed&event=${event.slug}`);
    const confirmed = await waitForMail(email, 2);
    expect(confirmed.subject).toContain("You are registered");
    expect(confirmed.text).toContain("https://stream.example.net/private-room");
    const calendar = confirmed.attachments.find((attachment) => attachment.contentType === "text/calendar");
    expect(calendar?.filename).toBe(`${event.slug}.ics`);
    expect(calendar!.content.toString()).toContain("BEGIN:VEVENT");
    expect(calendar!.content.toString()).toContain(`UID:event-${event.id}@think.example.org`);
    tokenIn(confirmed, "/events/registration/manage");
    expect(await statusOf(event.id, email)).toBe("CONFIRMED");

    // The link is used up: pressing again changes nothing and says so.
    expect(await confirmWith(tokenIn(request, "/events/registration/confirm"))).toContain("outcome=already-confirmed");
    expect(await confirmWith("1.r.zz.zz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toContain(
      "outcome=link-invalid",
    );
  });

  it("gives a second registration with the same address the same answer, and tells the owner by email", async () => {
    const event = await createEvent();
    const email = "twice@example.org";
    const first = await register(event.slug, email);
    await registerAndConfirmExisting(event.slug, email);
    // Registered already: the page answers exactly as for anyone, the owner gets their cancel link.
    const second = await register(event.slug, email);
    expect(second).toEqual(first);
    const notice = await waitForMail(email, 3);
    expect(notice.subject).toContain("You are already registered");
    tokenIn(notice, "/events/registration/manage");
    expect(await statusOf(event.id, email)).toBe("CONFIRMED");
    // And no flood: a third registration within minutes queues nothing more.
    expect(await register(event.slug, email)).toEqual(first);
    await settle();
    expect(smtp.mailsTo(email)).toHaveLength(3);
  });

  it("puts confirmations past capacity on the waitlist, and a cancellation promotes the first in line", async () => {
    const event = await createEvent({ capacity: 1 });
    const first = await registerAndConfirm(event.slug, "seat@example.org");
    expect(first.location).toContain("outcome=confirmed");

    const full = await register(event.slug, "wait-1@example.org");
    expect(full.outcome).toBe("waitlist");
    const waiting1 = await waitForMail("wait-1@example.org");
    expect(waiting1.text).toContain("confirming puts you on the waitlist");
    expect(await confirmWith(tokenIn(waiting1, "/events/registration/confirm"))).toContain("outcome=waitlisted");
    expect((await waitForMail("wait-1@example.org", 2)).subject).toContain("You are on the waitlist");
    const second = await registerAndConfirm(event.slug, "wait-2@example.org");
    expect(second.location).toContain("outcome=waitlisted");

    const cancelLocation = await cancelWith(tokenIn(first.answer, "/events/registration/manage"));
    expect(cancelLocation).toContain("outcome=registration-cancelled");
    expect(await statusOf(event.id, "seat@example.org")).toBe("CANCELLED");
    expect(await statusOf(event.id, "wait-1@example.org")).toBe("CONFIRMED");
    expect(await statusOf(event.id, "wait-2@example.org")).toBe("WAITLISTED");
    const promoted = await waitForMail("wait-1@example.org", 3);
    expect(promoted.subject).toContain("A seat opened up for you");
    expect(promoted.attachments.some((attachment) => attachment.contentType === "text/calendar")).toBe(true);
    await settle();
    expect(smtp.mailsTo("wait-2@example.org")).toHaveLength(2);
    // Cancelling twice changes nothing more.
    expect(await cancelWith(tokenIn(first.answer, "/events/registration/manage"))).toContain(
      "outcome=registration-cancelled",
    );
    expect(await statusOf(event.id, "wait-2@example.org")).toBe("WAITLISTED");
  });

  it("gives the last seat to exactly one of two people confirming at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const event = await createEvent({ capacity: 1 });
      const [a, b] = [`race-${round}-a@example.org`, `race-${round}-b@example.org`];
      await register(event.slug, a);
      await register(event.slug, b);
      const tokens = [
        tokenIn(await waitForMail(a), "/events/registration/confirm"),
        tokenIn(await waitForMail(b), "/events/registration/confirm"),
      ];
      const outcomes = await Promise.all(tokens.map((token) => confirmWith(token)));
      expect(outcomes.filter((location) => location.includes("outcome=confirmed"))).toHaveLength(1);
      expect(outcomes.filter((location) => location.includes("outcome=waitlisted"))).toHaveLength(1);
      expect(await testDatabase.db.eventRegistration.count({ where: { eventId: event.id, status: "CONFIRMED" } })).toBe(
        1,
      );
    }
  });
});

/** For a registration already made: confirm it from its email. */
async function registerAndConfirmExisting(slug: string, email: string) {
  const request = await waitForMail(email);
  expect(await confirmWith(tokenIn(request, "/events/registration/confirm"))).toContain("outcome=confirmed");
  await waitForMail(email, 2);
}

// --- emails by the clock and by staff ----------------------------------------------------

describe("reminders, changes and recordings", () => {
  it("queues the reminder once per start time, with the registrants' livestream, and again after the start moves", async () => {
    const event = await createEvent({ startsIn: 12 * HOUR, livestream: true });
    const email = "remind@example.org";
    await registerAndConfirm(event.slug, email);
    await app.notices.queueDueEventNotices(testDatabase.db);
    await app.notices.queueDueEventNotices(testDatabase.db);
    const reminder = await waitForMail(email, 3);
    expect(reminder.subject).toContain("Tomorrow:");
    expect(reminder.text).toContain("https://stream.example.net/private-room");
    await settle();
    expect(smtp.mailsTo(email)).toHaveLength(3);

    // Postponed by two hours: registrants are told (with the new calendar file), and the reminder re-arms.
    const details = await testDatabase.db.eventDetails.findUniqueOrThrow({ where: { publicationId: event.id } });
    const facts = {
      publicationId: event.id,
      state: details.state,
      startsAt: details.startsAt,
      endsAt: details.endsAt,
      capacity: details.capacity,
      recordingUrl: details.recordingUrl,
      audioId: details.audioId,
    };
    const moved = {
      ...facts,
      startsAt: new Date(facts.startsAt.getTime() + 2 * HOUR),
      endsAt: new Date(facts.endsAt.getTime() + 2 * HOUR),
    };
    const notices = await testDatabase.db.$transaction(async (tx) => {
      await tx.eventDetails.update({
        where: { publicationId: event.id },
        data: { startsAt: moved.startsAt, endsAt: moved.endsAt },
      });
      return app.notices.noticeEventChange(tx, facts, moved);
    });
    expect(notices).toEqual({ cancelled: 0, postponed: 0, rescheduled: 1, promoted: 0 });
    const rescheduled = await waitForMail(email, 4);
    expect(rescheduled.subject).toContain("New date");
    expect(rescheduled.attachments.some((attachment) => attachment.contentType === "text/calendar")).toBe(true);
    expect(await app.notices.queueDueEventNotices(testDatabase.db)).toMatchObject({ reminders: 1 });
    expect((await waitForMail(email, 5)).subject).toContain("Tomorrow:");

    // Cancelled: registrants are told once; no reminder goes to a cancelled event.
    const cancelledNotices = await testDatabase.db.$transaction((tx) =>
      app.notices.noticeEventChange(tx, moved, { ...moved, state: "CANCELLED" }),
    );
    expect(cancelledNotices.cancelled).toBe(1);
    expect((await waitForMail(email, 6)).subject).toContain("Cancelled:");
  });

  it("announces a recording added after the event once, to those who had a seat", async () => {
    const event = await createEvent({ startsIn: 2 * DAY });
    await registerAndConfirm(event.slug, "watcher@example.org");
    await register(event.slug, "never-confirmed@example.org");
    await waitForMail("never-confirmed@example.org");
    // The event takes place, then staff add the recording.
    await testDatabase.db.eventDetails.update({
      where: { publicationId: event.id },
      data: {
        startsAt: new Date(Date.now() - 3 * HOUR),
        endsAt: new Date(Date.now() - HOUR),
        recordingUrl: "https://www.youtube.com/watch?v=abc",
      },
    });
    expect(await app.notices.queueDueEventNotices(testDatabase.db)).toMatchObject({ recordings: 1 });
    expect(await app.notices.queueDueEventNotices(testDatabase.db)).toMatchObject({ recordings: 0 });
    expect((await waitForMail("watcher@example.org", 3)).subject).toContain("The recording is up");
    await settle();
    expect(smtp.mailsTo("never-confirmed@example.org")).toHaveLength(1);
  });

  it("emails one event's registrants a staff message, audited", async () => {
    const event = await createEvent();
    await registerAndConfirm(event.slug, "listener@example.org");
    const staff = await testDatabase.db.user.create({
      data: { email: "editor@example.org", name: "Ed", role: "EDITOR", passwordHash: "x" },
    });
    const result = await app.admin.messageRegistrants(
      testDatabase.db,
      { eventId: String(event.id), subject: "Room change", text: "We meet in room 2.", audience: "confirmed" },
      staff.id,
    );
    expect(result).toMatchObject({ ok: true });
    const message = await waitForMail("listener@example.org", 3);
    expect(message.subject).toBe("Room change");
    expect(message.text).toContain("We meet in room 2.");
    expect(
      await testDatabase.db.auditLog.count({
        where: { action: "event.registrants_message", entityId: String(event.id) },
      }),
    ).toBe(1);

    const exported = await app.admin.exportEventRegistrations(testDatabase.db, event.id, staff.id);
    expect(exported!.csv).toContain("listener@example.org");
    expect(await testDatabase.db.auditLog.count({ where: { action: "event.registrations_export" } })).toBe(1);
  });
});

// --- budgets, retention, erasure ---------------------------------------------------------

describe("limits on what readers can make the site send, and keeping data", () => {
  it("shares the hourly budget of reader-triggered emails with the mailing list's signup emails", async () => {
    await settle();
    const [usage] = await testDatabase.db.$queryRaw<Array<{ used: number }>>`
      SELECT (SELECT count(*)::int FROM "SignupMail" WHERE source = 'signup' AND "claimedAt" > now() - interval '1 hour')
           + (SELECT count(*)::int FROM "EventMail" WHERE "readerTriggered" AND "claimedAt" > now() - interval '1 hour') AS used`;
    await testDatabase.db.setting.upsert({
      where: { key: "mail.signupMailsPerHour" },
      create: { key: "mail.signupMailsPerHour", value: usage!.used + 2 },
      update: { value: usage!.used + 2 },
    });
    try {
      const event = await createEvent();
      // One registration and one mailing-list signup use the two slots left; the rest wait.
      await register(event.slug, "budget-a@example.org");
      await waitForMail("budget-a@example.org");
      const signup = await app.signup.signUp({ email: "budget-list@example.org" }, { ip: nextIp() });
      expect(signup.ok).toBe(true);
      await waitForMail("budget-list@example.org");
      const answer = await register(event.slug, "budget-b@example.org");
      expect(answer.ok).toBe(true);
      const waiting = async () =>
        testDatabase.db.eventMail.findFirst({ where: { registration: { email: "budget-b@example.org" } } });
      // The job has run past it: the email is stored and unclaimed, not sent.
      const run = await app.mail.runEventMailSend(testDatabase.db, {
        mailer: (await import("@/lib/mail/transport")).createMailer({
          smtpUrl: smtp.url,
          outboxDir: "/nonexistent",
          from: "x",
          siteUrl: SITE_URL,
        }),
        settings: await (
          await import("@/lib/mail/settings")
        ).loadMailSettings(testDatabase.db, "x <x@think.example.org>"),
      });
      expect(run.sent).toBe(0);
      expect(await waiting()).toMatchObject({ sentAt: null, claimedAt: null, failedAt: null });
      expect(smtp.mailsTo("budget-b@example.org")).toHaveLength(0);
    } finally {
      await testDatabase.db.setting.delete({ where: { key: "mail.signupMailsPerHour" } });
    }
    await waitForMail("budget-b@example.org");
  });

  it("deletes registrations the retention period after their event, and with an erased subscriber", async () => {
    const old = await createEvent({ startsIn: -200 * DAY });
    const recent = await createEvent({ startsIn: -10 * DAY });
    for (const event of [old, recent])
      await testDatabase.db.eventRegistration.create({
        data: { eventId: event.id, email: `kept-${event.id}@example.org`, name: "Kept", status: "CONFIRMED" },
      });
    expect(await app.retention.pruneRegistrations(testDatabase.db)).toBe(1);
    expect(await testDatabase.db.eventRegistration.count({ where: { eventId: old.id } })).toBe(0);
    expect(await testDatabase.db.eventRegistration.count({ where: { eventId: recent.id } })).toBe(1);

    const email = `kept-${recent.id}@example.org`;
    const subscriber = await testDatabase.db.subscriber.create({ data: { email, status: "CONFIRMED" } });
    expect(await app.erase.eraseSubscriber(testDatabase.db, subscriber.id, null)).toMatchObject({ ok: true });
    expect(await testDatabase.db.eventRegistration.count({ where: { email } })).toBe(0);
  });
});
