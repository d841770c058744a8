/**
 * The hostile-input suite: well over 1,000 generated hostile requests (a fixed seed, so
 * every run sends the same bytes) against every public route, route handler and form of
 * the production server, on a database with a small archive. Every answer must be free of
 * 5xx, of unescaped reflections of the payload in HTML or XML, of internal detail (stack
 * traces, SQL, file paths, Prisma errors), and of redirects off the site; and no row that
 * was stored before may have changed.
 *
 * Every new public route, route handler or form joins by adding an entry to
 * HOSTILE_TARGETS (tests/hostile-input/targets.ts); nothing here needs to change.
 * HOSTILE_SEED=N explores other inputs; a failure names the request, so it can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createToken, deriveTokenKey } from "@/lib/subscribers/tokens";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";
import { startTestServer, TEST_SERVER_SECRET, type TestServer } from "./support/next-server";
import { generateRequests } from "./hostile-input/generate";
import type { Problem } from "./hostile-input/checks";
import type { HostileRequest } from "./hostile-input/generate";
import { runRequests, scrapeForms, type SuiteReport } from "./hostile-input/run";
import { snapshotTables, SUITE_EMAIL_DOMAIN, unexpectedChanges } from "./hostile-input/snapshot";
import { HOSTILE_TARGETS, type Fixtures } from "./hostile-input/targets";

const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_203);
const LONG = 40 * 60_000; // a first run builds the site

const testDatabase = isolatedTestDatabase();
let server: TestServer;
let fixtures: Fixtures;

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 60 });
  fixtures = await prepareFixtures();
  server = await startTestServer(testDatabase.url);
}, LONG);

afterAll(async () => {
  await server?.stop();
});

/** Valid values for every target, and signed links for the suite's own subscribers and a draft. */
async function prepareFixtures(): Promise<Fixtures> {
  const db = testDatabase.db;
  const published = await db.publication.findFirstOrThrow({
    where: { status: "PUBLISHED", categories: { some: {} }, authors: { some: {} }, type: { slug: { not: "event" } } },
    orderBy: { id: "asc" },
    select: { slug: true, publishedAt: true, typeId: true, type: { select: { slug: true } } },
  });
  // An event's page lives at /events/<slug> (the demo archive's events have their particulars).
  const event = await db.publication.findFirstOrThrow({
    where: { status: "PUBLISHED", type: { slug: "event" }, event: { isNot: null } },
    orderBy: { id: "asc" },
    select: { slug: true },
  });
  const [category, author, series] = await Promise.all([
    db.category.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
    db.author.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
    db.series.findFirstOrThrow({ orderBy: { id: "asc" }, select: { slug: true } }),
  ]);
  const draft = await db.publication.create({
    data: {
      slug: "hostile-suite-draft",
      title: "A draft for preview links",
      summary: "",
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Draft.</p>",
      typeId: published.typeId,
    },
    select: { id: true },
  });
  const consentAt = new Date();
  const pending = await db.subscriber.create({
    data: { email: `pending@${SUITE_EMAIL_DOMAIN}`, consentAt, status: "PENDING" },
  });
  const confirmed = await db.subscriber.create({
    data: { email: `confirmed@${SUITE_EMAIL_DOMAIN}`, consentAt, confirmedAt: consentAt, status: "CONFIRMED" },
  });
  // An upcoming event taking registrations here, with room and nobody waiting (so the suite's
  // own registration, confirmed and cancelled through its links, moves nobody else).
  const registrationEvent = await db.eventDetails.findFirstOrThrow({
    where: {
      registrationMode: "BUILT_IN",
      state: "SCHEDULED",
      startsAt: { gt: new Date() },
      OR: [{ registrationDeadline: null }, { registrationDeadline: { gt: new Date() } }],
      capacity: { gte: 20 },
      registrations: { none: { status: "WAITLISTED" } },
      publication: { status: "PUBLISHED" },
    },
    orderBy: { startsAt: "asc" },
    select: { publicationId: true, publication: { select: { slug: true } } },
  });
  const registration = await db.eventRegistration.create({
    data: {
      eventId: registrationEvent.publicationId,
      email: `registrant@${SUITE_EMAIL_DOMAIN}`,
      name: "Suite Registrant",
      consentAt,
      status: "PENDING",
    },
  });
  const key = deriveTokenKey(TEST_SERVER_SECRET);
  const day = 24 * 60 * 60 * 1000;
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_SECRET", TEST_SERVER_SECRET);
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  const { createPreviewToken } = await import("@/lib/publications/preview");
  vi.unstubAllEnvs();
  return {
    publication: published.slug,
    event: event.slug,
    category: category.slug,
    author: author.slug,
    series: series.slug,
    type: published.type.slug,
    year: String(published.publishedAt!.getUTCFullYear()),
    confirmToken: createToken(key, {
      subscriberId: pending.id,
      purpose: "confirm",
      expiresAt: Date.now() + 3 * day,
      nonce: consentAt.getTime(),
    }),
    manageToken: createToken(key, {
      subscriberId: confirmed.id,
      purpose: "manage",
      expiresAt: Date.now() + 300 * day,
      nonce: confirmed.createdAt.getTime(),
    }),
    previewToken: createPreviewToken(draft.id),
    registrationEvent: registrationEvent.publication.slug,
    registrationConfirmToken: createToken(key, {
      subscriberId: registration.id,
      purpose: "registration-confirm",
      expiresAt: Date.now() + 3 * day,
      nonce: consentAt.getTime(),
    }),
    registrationManageToken: createToken(key, {
      subscriberId: registration.id,
      purpose: "registration-manage",
      expiresAt: Date.now() + 30 * day,
      nonce: registration.createdAt.getTime(),
    }),
  };
}

type Outcome = { report: SuiteReport; changes: string[]; requests: HostileRequest[] };
let outcome: Outcome;

/** Sends every request once; the checks below read what came back. */
async function runSuite(): Promise<Outcome> {
  const forms = await scrapeForms(server.base, HOSTILE_TARGETS, fixtures);
  const formless = HOSTILE_TARGETS.filter((target) => target.kind === "form" && !forms.has(target.name));
  expect(formless.map((target) => `${target.name} (${target.path})`)).toEqual([]);
  const requests = generateRequests(HOSTILE_TARGETS, fixtures, forms, SEED);
  const before = await snapshotTables(testDatabase.db);
  const report = await runRequests(server.base, requests, 4);
  const changes = unexpectedChanges(before, await snapshotTables(testDatabase.db));
  const serverErrors = [...report.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `Hostile input (seed ${SEED}): ${report.sent} requests to ${HOSTILE_TARGETS.length} targets; ` +
      `${serverErrors} answered 5xx; statuses ${[...report.statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(" ")}`,
  );
  return { report, changes, requests };
}

const describeProblems = (problems: Problem[]) =>
  problems.map(
    ({ request, status, problem }) =>
      `${request.target}: ${request.method} ${request.path.slice(0, 200)} [${request.label}] → ${status}: ${problem}`,
  );

describe("hostile input", () => {
  beforeAll(async () => {
    outcome = await runSuite();
  }, LONG);

  it("is over 1,000 generated requests", () => {
    expect(outcome.requests.length).toBeGreaterThanOrEqual(1_000);
    expect(outcome.report.sent).toBe(outcome.requests.length);
  });

  it("gets no 5xx, no unescaped reflection, no internal detail and no redirect off the site", () => {
    const problems = outcome.report.problems.filter(({ request }) => !request.malformedMultipart);
    expect(describeProblems(problems)).toEqual([]);
  });

  it("changes nothing stored", () => {
    expect(outcome.changes).toEqual([]);
  });

  // Kept apart because the fix is not in the app: a multipart body cut off before its end,
  // posted to a page, is parsed by the framework as a server action (forms work without
  // JavaScript, so such posts carry no Next-Action header) and it answers 500. Only a check
  // in front of the framework (the server that runs Next.js) can answer 400 instead.
  it("gets a 4xx, not the framework's 500, for a multipart body cut off before its end", () => {
    const problems = outcome.report.problems.filter(({ request }) => request.malformedMultipart);
    expect(describeProblems(problems)).toEqual([]);
  });
});
