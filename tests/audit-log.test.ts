/**
 * The audit log: every staff action that changes something or reads personal data leaves
 * an entry; admins read them on /admin/audit, filtered by person, action and date; a daily
 * job keeps them for the retention set on /admin/settings; sign-in noise that names no
 * account is counted per hour, not logged one by one.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
let smtp: TestSmtpServer;
let admin: StaffIdentity;
let editor: StaffIdentity;
let audit: typeof import("@/lib/auth/audit-log");
let validations: typeof import("@/lib/validations/audit");

beforeAll(async () => {
  smtp = await startSmtpServer();
  stubAppEnvironment(testDatabase.url, { SMTP_URL: smtp.url });
  admin = await createStaff(testDatabase.db, "ADMIN", "auditor");
  editor = await createStaff(testDatabase.db, "EDITOR", "audited");
  audit = await import("@/lib/auth/audit-log");
  validations = await import("@/lib/validations/audit");
});
afterAll(async () => {
  await (await import("@/lib/jobs/queue")).stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  await smtp.close();
});

const as = async <T>(user: StaffIdentity, run: () => Promise<T>) => (await asUser(user, run)).result;
const latest = (actorId: number) =>
  testDatabase.db.auditLog.findFirstOrThrow({ where: { actorId }, orderBy: { id: "desc" } });
const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
};

describe("the audit page", () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  beforeAll(async () => {
    const rows = [
      { actorId: admin.id, action: "user.invite", createdAt: day("2030-03-01") },
      { actorId: editor.id, action: "publication.publish", createdAt: day("2030-03-02") },
      { actorId: editor.id, action: "auth.sign_in.success", createdAt: day("2030-03-03") },
      { actorId: editor.id, action: "auth.sign_out", createdAt: day("2030-03-04") },
      { actorId: admin.id, action: "auth.sign_in.success", createdAt: day("2030-03-05") },
    ];
    await testDatabase.db.auditLog.createMany({
      data: rows.map((row) => ({ ...row, entityType: "Test", entityId: "filters" })),
    });
    await testDatabase.db.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({
        actorId: editor.id,
        action: "test.bulk",
        entityType: "Test",
        entityId: String(index),
        createdAt: new Date(Date.UTC(2030, 5, 1, 0, index)),
      })),
    });
  });

  const list = (query: Record<string, string>) =>
    audit.listAuditEntries(testDatabase.db, validations.parseAuditQuery(query));
  const actionsOf = async (query: Record<string, string>) => (await list(query)).rows.map((row) => row.action);

  it("filters by person, by action or family of actions, and by day, newest first", async () => {
    const march = { from: "2030-03-01", to: "2030-03-31" };
    expect(await actionsOf(march)).toEqual([
      "auth.sign_in.success",
      "auth.sign_out",
      "auth.sign_in.success",
      "publication.publish",
      "user.invite",
    ]);
    expect(await actionsOf({ ...march, actor: String(editor.id) })).toEqual([
      "auth.sign_out",
      "auth.sign_in.success",
      "publication.publish",
    ]);
    expect(await actionsOf({ ...march, action: "auth." })).toEqual([
      "auth.sign_in.success",
      "auth.sign_out",
      "auth.sign_in.success",
    ]);
    expect(await actionsOf({ ...march, action: "auth.sign_out" })).toEqual(["auth.sign_out"]);
    // Both ends of the range are whole days.
    expect(await actionsOf({ from: "2030-03-02", to: "2030-03-03" })).toEqual([
      "auth.sign_in.success",
      "publication.publish",
    ]);
  });

  it("pages through 50 entries at a time", async () => {
    const first = await list({ action: "test.bulk" });
    expect([first.total, first.pageCount, first.rows.length]).toEqual([120, 3, 50]);
    const last = await list({ action: "test.bulk", page: "3" });
    expect(last.rows.map((row) => row.entityId)).toEqual(Array.from({ length: 20 }, (_, index) => String(19 - index)));
    expect((await list({ action: "test.bulk", page: "99" })).page).toBe(3);
  });

  it("reads any malformed query as no filter, never failing", async () => {
    expect(
      validations.parseAuditQuery({
        actor: "1 OR 1=1",
        action: '\'; DROP TABLE "AuditLog"; --',
        from: "2030-02-31x",
        to: ["2030-13-01"],
        page: "-4",
        constructor: "x",
      }),
    ).toEqual({ actor: undefined, action: undefined, from: undefined, to: undefined, page: 1 });
    const page = (await import("@/app/(admin)/admin/audit/page")).default;
    const html = renderToStaticMarkup(
      await as(admin, () =>
        page({
          searchParams: Promise.resolve({ actor: String(editor.id), action: "auth.", from: "2030-03-01", to: "x" }),
        }),
      ),
    );
    expect(html).toContain("<h1");
    // The editor's sign-in and sign-out of March; the bad "to" is ignored.
    expect(html).toMatch(/role="status">2 entries</);
    expect(html).toContain("auth.sign_out");
  });

  it("records that an admin read it, with the filters they used", async () => {
    const page = (await import("@/app/(admin)/admin/audit/page")).default;
    renderToStaticMarkup(await as(admin, () => page({ searchParams: Promise.resolve({ action: "user." }) })));
    expect(await latest(admin.id)).toMatchObject({
      action: "audit.view",
      entityType: "AuditLog",
      details: { action: "user.", page: 1 },
    });
  });

  it("is for admins only, in the navigation too", async () => {
    const page = (await import("@/app/(admin)/admin/audit/page")).default;
    await expect(as(editor, () => page({ searchParams: Promise.resolve({}) }))).rejects.toMatchObject({
      digest: "NEXT_HTTP_ERROR_FALLBACK;403",
    });
    const layout = (await import("@/app/(admin)/admin/layout")).default;
    const navFor = async (user: StaffIdentity) =>
      renderToStaticMarkup(await as(user, () => layout({ children: null })));
    expect(await navFor(admin)).toContain('href="/admin/audit"');
    expect(await navFor(editor)).not.toContain('href="/admin/audit"');
    expect(await navFor(editor)).not.toContain('href="/admin/outbox"');
  });
});

describe("retention", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

  it("is set by an admin on the settings page, validated, and recorded", async () => {
    const { updateAuditRetention } = await import("@/lib/actions/settings/update-audit-retention");
    expect(await as(admin, () => updateAuditRetention(null, form({ retentionDays: "7" })))).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { retentionDays: "Keep the audit log at least 30 days" },
    });
    expect(await as(admin, () => updateAuditRetention(null, form({ retentionDays: "many" })))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await as(editor, () => updateAuditRetention(null, form({ retentionDays: "60" })))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await audit.loadAuditRetentionDays(testDatabase.db)).toBe(365);
    expect(await as(admin, () => updateAuditRetention(null, form({ retentionDays: "60" })))).toMatchObject({
      ok: true,
    });
    expect(await audit.loadAuditRetentionDays(testDatabase.db)).toBe(60);
    expect(await latest(admin.id)).toMatchObject({
      action: "settings.audit_retention_update",
      details: { from: 365, to: 60 },
    });
    const settings = (await import("@/app/(admin)/admin/settings/page")).default;
    const html = renderToStaticMarkup(await as(admin, () => settings()));
    expect(html).toContain("Keep audit log entries for (days)");
    expect(html).toMatch(/name="retentionDays"[^>]*value="60"|value="60"[^>]*name="retentionDays"/);
  });

  it("is applied by the daily job: older entries and counts go, newer ones stay", async () => {
    await testDatabase.db.setting.upsert({
      where: { key: audit.AUDIT_RETENTION_SETTING },
      create: { key: audit.AUDIT_RETENTION_SETTING, value: 45 },
      update: { value: 45 },
    });
    const old = await testDatabase.db.auditLog.create({
      data: { action: "test.old", entityType: "Test", createdAt: daysAgo(46) },
    });
    const kept = await testDatabase.db.auditLog.create({
      data: { action: "test.recent", entityType: "Test", createdAt: daysAgo(44) },
    });
    await audit.countAnonymousAuthEvent(testDatabase.db, "sign_in.unknown_email", daysAgo(50));
    await audit.countAnonymousAuthEvent(testDatabase.db, "sign_in.unknown_email", daysAgo(1));
    const { auditRetentionJob } = await import("@/lib/auth/jobs");
    expect(auditRetentionJob.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const { JOBS } = await import("@/lib/workers");
    expect(JOBS).toContain(auditRetentionJob);
    await auditRetentionJob.run({}, { enqueue: async () => null, signal: new AbortController().signal });
    expect(await testDatabase.db.auditLog.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await testDatabase.db.auditLog.findUnique({ where: { id: kept.id } })).not.toBeNull();
    expect((await testDatabase.db.anonymousAuthEvent.findMany()).map((row) => row.hour.getTime())).toEqual([
      Math.floor(daysAgo(1).getTime() / 3_600_000) * 3_600_000,
    ]);
  });
});

describe("sign-in noise", () => {
  it("counts failures that name no account per hour, instead of one row each", async () => {
    const { authenticate, signInLockouts } = await import("@/lib/auth/sign-in");
    for (const lockout of Object.values(signInLockouts)) await lockout.reset();
    await testDatabase.db.anonymousAuthEvent.deleteMany();
    const before = await testDatabase.db.auditLog.count();
    for (let index = 0; index < 30; index++)
      await authenticate(
        testDatabase.db,
        { email: `nobody-${index}@example.org`, password: "guess" },
        { ip: `198.51.100.${index + 1}` },
      );
    await authenticate(testDatabase.db, { email: "not an email", password: "" }, { ip: "198.51.100.200" });
    const links = await import("@/lib/auth/password-links");
    await (
      await links.requestPasswordReset(testDatabase.db, { email: "nobody@example.org" }, { ip: "198.51.100.201" })
    ).delivery;
    expect(await testDatabase.db.auditLog.count()).toBe(before);
    const counts = await testDatabase.db.anonymousAuthEvent.findMany({ orderBy: { event: "asc" } });
    expect(counts.map((row) => [row.event, row.count])).toEqual([
      ["password_reset.unknown_email", 1],
      ["sign_in.invalid", 1],
      ["sign_in.unknown_email", 30],
    ]);
    const page = (await import("@/app/(admin)/admin/audit/page")).default;
    const html = renderToStaticMarkup(await as(admin, () => page({ searchParams: Promise.resolve({}) })));
    expect(html).toContain("Sign-in with an email that has no account");
  });
});

describe("staff actions that were not logged before", () => {
  it("logs digest edits, picks and test sends, in the same transaction as the change", async () => {
    const category = await testDatabase.db.category.create({ data: { slug: "audit-topic", name: "Audit topic" } });
    const type = await testDatabase.db.publicationType.create({
      data: { slug: "audit-type", name: "Audit type", pluralName: "Audit types" },
    });
    const publication = await testDatabase.db.publication.create({
      data: {
        title: "Audited piece",
        slug: "audited-piece",
        bodyJson: {},
        bodyHtml: "<p>Body</p>",
        typeId: type.id,
        status: "PUBLISHED",
        publishedAt: new Date(Date.now() - 60_000),
        categories: { create: { categoryId: category.id } },
      },
    });
    const digest = await testDatabase.db.digest.create({ data: { subject: "Audited digest", createdById: editor.id } });
    const { updateDigest } = await import("@/lib/actions/digests/update-digest");
    const { changePick } = await import("@/lib/actions/digests/change-digest-pick");
    const { sendTest } = await import("@/lib/actions/digests/send-test-digest");

    await as(editor, () =>
      updateDigest(null, form({ digestId: digest.id, subject: "Renamed", intro: "", mode: "picked" })),
    );
    expect(await latest(editor.id)).toMatchObject({
      action: "digest.update",
      entityId: String(digest.id),
      details: { subject: "Renamed", mode: "picked" },
    });
    await as(editor, () =>
      changePick(null, form({ digestId: digest.id, publicationId: publication.id, change: "add" })),
    );
    expect(await latest(editor.id)).toMatchObject({
      action: "digest.pick_add",
      details: { publicationId: publication.id },
    });
    expect(await as(editor, () => sendTest(null, form({ digestId: digest.id, sample: "" })))).toMatchObject({
      ok: true,
    });
    expect(await latest(editor.id)).toMatchObject({ action: "digest.test_send", details: { to: editor.email } });
    // A refused change leaves no entry.
    await testDatabase.db.digest.update({ where: { id: digest.id }, data: { status: "SENT" } });
    const count = await testDatabase.db.auditLog.count({ where: { actorId: editor.id } });
    await as(editor, () =>
      updateDigest(null, form({ digestId: digest.id, subject: "Late", intro: "", mode: "picked" })),
    );
    expect(await testDatabase.db.auditLog.count({ where: { actorId: editor.id } })).toBe(count);
  });

  it("logs handing out a preview link, which lets anyone read the draft for a day", async () => {
    const type = await testDatabase.db.publicationType.findFirstOrThrow();
    const draft = await testDatabase.db.publication.create({
      data: {
        title: "Secret draft",
        slug: "secret-draft",
        bodyJson: {},
        bodyHtml: "",
        typeId: type.id,
        createdById: editor.id,
      },
    });
    const { previewLinkAction } = await import("@/lib/actions/publications/editor-session");
    expect(await as(editor, () => previewLinkAction(draft.id))).toMatchObject({ ok: true });
    expect(await latest(editor.id)).toMatchObject({
      action: "publication.preview_link",
      entityType: "Publication",
      entityId: String(draft.id),
    });
  });

  it("logs every staff page that shows subscribers' or staff's personal data", async () => {
    const subscriber = await testDatabase.db.subscriber.create({
      data: { email: "audited-reader@example.org", status: "CONFIRMED", frequency: "WEEKLY" },
    });
    const imported = await testDatabase.db.subscriberImport.create({
      data: { filename: "list.csv", status: "done", createdById: editor.id },
    });
    const pages = {
      list: (await import("@/app/(admin)/admin/subscribers/page")).default,
      one: (await import("@/app/(admin)/admin/subscribers/[id]/page")).default,
      report: (await import("@/app/(admin)/admin/subscribers/imports/[id]/page")).default,
      users: (await import("@/app/(admin)/admin/users/page")).default,
    };
    const seen = async (user: StaffIdentity, render: () => Promise<unknown>) => {
      await as(user, render);
      const entry = await latest(user.id);
      return [entry.action, entry.entityId];
    };
    expect(await seen(editor, () => pages.list({ searchParams: Promise.resolve({ q: "audited" }) }))).toEqual([
      "subscriber.list_view",
      null,
    ]);
    expect((await latest(editor.id)).details).toEqual({ q: "audited" });
    expect(await seen(editor, () => pages.one({ params: Promise.resolve({ id: String(subscriber.id) }) }))).toEqual([
      "subscriber.view",
      String(subscriber.id),
    ]);
    expect(await seen(editor, () => pages.report({ params: Promise.resolve({ id: String(imported.id) }) }))).toEqual([
      "subscriber.import_view",
      String(imported.id),
    ]);
    expect(await seen(admin, () => pages.users())).toEqual(["user.list_view", null]);
  });

  it("keeps reads out of the dashboard's recent activity, which only admins see", async () => {
    const { getLatestAuditEntries } = await import("@/lib/data/admin-dashboard");
    const recent = await getLatestAuditEntries(testDatabase.db, 50);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.filter((entry) => entry.action.endsWith("view"))).toEqual([]);
    const dashboard = (await import("@/app/(admin)/admin/page")).default;
    expect(renderToStaticMarkup(await as(editor, () => dashboard()))).not.toContain("Recent activity");
    expect(renderToStaticMarkup(await as(admin, () => dashboard()))).toContain("Recent activity");
  });
});
