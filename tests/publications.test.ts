/**
 * The editor's server side against a real database: saving under the version lock,
 * revisions and restore, slug redirects, the workflow per role (called directly, as a
 * forged request would), the autosave route's checks, scheduled go-live through the job
 * and the internal revalidation route, previews and the trash.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { XSS_VECTORS } from "./fixtures/xss-vectors";
import { createDatabaseClient } from "@/lib/db-client";
import { isolatedTestDatabase } from "./support/database";
import { unsafeParts } from "./support/html-safety";
import { actAs, outsideRequests, type StaffIdentity } from "./support/request-scope";

type SessionUser = StaffIdentity;
const revalidated = vi.hoisted(() => [] as string[]);

// Real signed session cookies (tests/support/request-scope.ts); cache invalidation recorded
// here rather than per request, since the go-live job revalidates outside any request.
vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidateTag: (tag: string) => void revalidated.push(tag),
  revalidatePath: () => {},
}));

const testDatabase = isolatedTestDatabase();
const SECRET = "publications-test-secret-that-is-long-enough";
let internalServer: http.Server;
let siteUrl: string;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  return {
    save: await import("@/lib/actions/publications/save-publication"),
    transition: await import("@/lib/actions/publications/transition-publication"),
    bulk: await import("@/lib/actions/publications/bulk-transition"),
    restore: await import("@/lib/actions/publications/restore-revision"),
    editorSession: await import("@/lib/actions/publications/editor-session"),
    workflow: await import("@/lib/publications/workflow"),
    preview: await import("@/lib/publications/preview"),
    jobs: await import("@/lib/publications/jobs"),
    queue: await import("@/lib/jobs/queue"),
    adminList: await import("@/lib/data/admin-publications"),
    adminQuery: await import("@/lib/validations/admin-publications"),
    autosaveRoute: await import("@/app/api/admin/publications/[id]/autosave/route"),
    revalidateRoute: await import("@/app/api/internal/revalidate/route"),
    db: (await import("@/lib/db")).db,
  };
}

const users: Record<"admin" | "editor" | "author" | "otherAuthor", SessionUser> = {} as never;
let typeId: number;
let categoryId: number;
let authorId: number;

async function signIn(user: SessionUser | null) {
  await actAs(user);
}

const body = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const fields = (overrides: Record<string, unknown> = {}) => ({
  title: "North Korea's New Missile Doctrine",
  typeId,
  categoryIds: [categoryId],
  authors: [{ id: authorId }],
  bodyJson: body("First draft."),
  ...overrides,
});

async function createDraft(as: SessionUser, overrides: Record<string, unknown> = {}) {
  await signIn(as);
  const result = await app.save.savePublicationAction({ id: null, expectedVersion: 0, fields: fields(overrides) });
  if (!result.ok) throw new Error(result.message);
  return result;
}

beforeAll(async () => {
  // Stands in for `next start` to the job worker: forwards to the internal revalidation route.
  internalServer = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await app.revalidateRoute.POST(
      new Request(`${siteUrl}${request.url}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    response.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((resolve) => internalServer.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(internalServer.address() as AddressInfo).port}`;
  for (const [name, value] of Object.entries({
    DATABASE_URL: testDatabase.url,
    NEXTAUTH_SECRET: SECRET,
    SITE_URL: siteUrl,
  }))
    vi.stubEnv(name, value);
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  app = await loadApp();

  const database = testDatabase.db;
  for (const [key, role] of [
    ["admin", "ADMIN"],
    ["editor", "EDITOR"],
    ["author", "AUTHOR"],
    ["otherAuthor", "AUTHOR"],
  ] as const) {
    const user = await database.user.create({
      data: { email: `${key}@example.org`, name: `The ${key}`, role, passwordHash: "unused" },
    });
    users[key] = { id: user.id, email: user.email, name: user.name, role, sessionVersion: user.sessionVersion };
  }
  typeId = (
    await database.publicationType.create({
      data: { name: "Commentary", pluralName: "Commentaries", slug: "commentary" },
    })
  ).id;
  categoryId = (await database.category.create({ data: { name: "North Korea", slug: "north-korea" } })).id;
  authorId = (
    await database.author.create({ data: { name: "Arden Author", slug: "arden-author", userId: users.author.id } })
  ).id;
});

afterAll(async () => {
  await app?.queue.stopJobQueue();
  await app?.db.$disconnect();
  internalServer?.close();
});

beforeEach(async () => {
  revalidated.length = 0;
  await signIn(null);
});

describe("saving", () => {
  it("creates a draft with sanitized HTML, a word count and revision 1", async () => {
    const created = await createDraft(users.author, {
      bodyJson: body("Pyongyang <script>alert(1)</script> tested again."),
    });
    const stored = await testDatabase.db.publication.findUniqueOrThrow({
      where: { id: created.id },
      include: { revisions: true, authors: true },
    });
    expect(stored.slug).toBe("north-korea-s-new-missile-doctrine");
    expect(stored.bodyHtml).toBe("<p>Pyongyang &lt;script&gt;alert(1)&lt;/script&gt; tested again.</p>");
    expect(stored.wordCount).toBe(7);
    expect(stored.status).toBe("DRAFT");
    expect(stored.revisions.map((revision) => revision.version)).toEqual([1]);
    expect(stored.authors).toEqual([expect.objectContaining({ authorId, position: 0 })]);
  });

  it("stores no XSS vector, whether pasted as text or refused as a link, image or video", async () => {
    const draft = await createDraft(users.editor);
    let version = draft.version;
    for (const vector of XSS_VECTORS) {
      const content = [
        { type: "paragraph", content: [{ type: "text", text: vector }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: vector } }] }],
        },
        { type: "image", attrs: { src: vector, alt: vector } },
      ];
      const result = await app.save.savePublicationAction({
        id: draft.id,
        expectedVersion: version,
        fields: fields({ bodyJson: { type: "doc", content } }),
      });
      if (result.ok) version = result.version;
      else expect(result.status).toBe(400);
      const stored = await testDatabase.db.publication.findUniqueOrThrow({
        where: { id: draft.id },
        select: { bodyHtml: true },
      });
      expect(unsafeParts(stored.bodyHtml), vector).toEqual([]);
    }
  });

  it("refuses a stale save with who saved, and overwrites only when told the current version", async () => {
    const draft = await createDraft(users.author);
    await signIn(users.editor);
    const first = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "Editor's title" }),
    });
    expect(first).toMatchObject({ ok: true, version: 2 });
    await signIn(users.author);
    const stale = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "Author's title" }),
    });
    expect(stale).toMatchObject({ ok: false, status: 409, conflict: { currentVersion: 2, savedBy: "The editor" } });
    expect(stale.ok ? "" : stale.message).toMatch(/The editor saved a newer version/);
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).title).toBe(
      "Editor's title",
    );
    const overwrite = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 2,
      fields: fields({ title: "Author's title" }),
    });
    expect(overwrite).toMatchObject({ ok: true, version: 3 });
  });

  it("lets a save sent on leaving follow this user's own save still in flight, but nobody else's", async () => {
    const draft = await createDraft(users.author);
    await signIn(users.author);
    expect(
      await app.save.savePublicationAction({
        id: draft.id,
        expectedVersion: 1,
        fields: fields({ summary: "in flight" }),
      }),
    ).toMatchObject({ ok: true, version: 2 });
    const leaving = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      afterOwnPendingSave: true,
      fields: fields({ summary: "on leaving" }),
    });
    expect(leaving).toMatchObject({ ok: true, version: 3 });
    await signIn(users.editor);
    expect(
      await app.save.savePublicationAction({ id: draft.id, expectedVersion: 3, fields: fields({ summary: "editor" }) }),
    ).toMatchObject({ ok: true, version: 4 });
    await signIn(users.author);
    expect(
      await app.save.savePublicationAction({
        id: draft.id,
        expectedVersion: 3,
        afterOwnPendingSave: true,
        fields: fields({ summary: "lost?" }),
      }),
    ).toMatchObject({ ok: false, status: 409 });
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).summary).toBe("editor");
  });

  it("refuses invalid input with field errors and a 400", async () => {
    const draft = await createDraft(users.author);
    const result = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "", slug: "Not A Slug" }),
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.ok ? {} : result.fieldErrors).toMatchObject({
      title: "Title is required",
      slug: expect.stringMatching(/lower-case/),
    });
    const badBody = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ bodyJson: { type: "doc", content: [{ type: "script" }] } }),
    });
    expect(badBody).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/does not allow/) });
  });

  it("creates a new author inline and keeps the credit order", async () => {
    const draft = await createDraft(users.editor, { authors: [{ name: "Nina Newcomer" }, { id: authorId }] });
    const credits = await testDatabase.db.publicationAuthor.findMany({
      where: { publicationId: draft.id },
      orderBy: { position: "asc" },
      include: { author: true },
    });
    expect(credits.map((credit) => credit.author.name)).toEqual(["Nina Newcomer", "Arden Author"]);
    expect(credits[0]?.author.slug).toBe("nina-newcomer");
  });

  it("refuses anonymous visitors and other authors' drafts", async () => {
    const draft = await createDraft(users.author);
    await signIn(null);
    expect(await app.save.savePublicationAction({ id: draft.id, expectedVersion: 1, fields: fields() })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      await app.restore.restoreRevisionAction({ publicationId: draft.id, revisionId: 1, expectedVersion: 1 }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await app.editorSession.editorHeartbeatAction(draft.id)).toMatchObject({ ok: false, status: 401 });
    expect(await app.editorSession.listRevisionsAction(draft.id)).toMatchObject({ ok: false, status: 401 });
    expect(await app.editorSession.previewLinkAction(draft.id)).toMatchObject({ ok: false, status: 401 });
    const form = new FormData();
    form.set("action", "trash");
    form.append("ids", String(draft.id));
    expect(await app.bulk.bulkTransitionAction(null, form)).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringMatching(/Sign in/),
    });
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).deletedAt).toBeNull();
    await signIn(users.otherAuthor);
    expect(await app.save.savePublicationAction({ id: draft.id, expectedVersion: 1, fields: fields() })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await app.editorSession.listRevisionsAction(draft.id)).toMatchObject({ ok: false, status: 403 });
    expect(await app.editorSession.previewLinkAction(draft.id)).toMatchObject({ ok: false, status: 403 });
    expect(await app.editorSession.editorHeartbeatAction(draft.id)).toMatchObject({ ok: false, status: 403 });
    expect(
      await app.restore.restoreRevisionAction({ publicationId: draft.id, revisionId: 1, expectedVersion: 1 }),
    ).toMatchObject({ ok: false });
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(1);
  });
});

describe("revisions", () => {
  it("lists revisions with a word diff and restores an old one as a new revision", async () => {
    const draft = await createDraft(users.author, { bodyJson: body("The talks resumed in Geneva.") });
    const second = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "Talks collapse", bodyJson: body("The talks collapsed in Geneva.") }),
    });
    expect(second.ok).toBe(true);
    const listed = await app.editorSession.listRevisionsAction(draft.id);
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.revisions.map((revision) => revision.version)).toEqual([2, 1]);
    expect(listed.revisions[0]?.diff).toEqual(
      expect.arrayContaining([
        { value: "collapsed", added: true },
        { value: "resumed", removed: true },
      ]),
    );
    const oldest = listed.revisions[1]!;
    const restored = await app.restore.restoreRevisionAction({
      publicationId: draft.id,
      revisionId: oldest.id,
      expectedVersion: 2,
    });
    expect(restored).toMatchObject({ ok: true, version: 3 });
    const stored = await testDatabase.db.publication.findUniqueOrThrow({
      where: { id: draft.id },
      include: { revisions: { orderBy: { version: "asc" } } },
    });
    expect(stored.title).toBe("North Korea's New Missile Doctrine");
    expect(stored.bodyHtml).toBe("<p>The talks resumed in Geneva.</p>");
    expect(stored.revisions.map((revision) => revision.version)).toEqual([1, 2, 3]);
    // A restore from a stale version is a conflict like any save.
    expect(
      await app.restore.restoreRevisionAction({ publicationId: draft.id, revisionId: oldest.id, expectedVersion: 2 }),
    ).toMatchObject({ status: 409 });
  });
});

describe("slugs", () => {
  it("redirects a published publication's old slug to its new one (308) and revalidates both pages", async () => {
    const draft = await createDraft(users.editor, { title: "Sanctions Report" });
    await signIn(users.editor);
    expect(await app.transition.transitionPublicationAction({ id: draft.id, action: "publish" })).toMatchObject({
      ok: true,
      status: "PUBLISHED",
    });
    revalidated.length = 0;
    const renamed = await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "Sanctions Report", slug: "sanctions-report-2026" }),
    });
    expect(renamed).toMatchObject({ ok: true, slug: "sanctions-report-2026" });
    expect(
      await testDatabase.db.redirect.findUnique({ where: { fromPath: "/publications/sanctions-report" } }),
    ).toMatchObject({ toPath: "/publications/sanctions-report-2026", statusCode: 308 });
    expect(revalidated).toEqual(
      expect.arrayContaining(["listings", "publication:sanctions-report", "publication:sanctions-report-2026"]),
    );
    // A second rename points the oldest address straight at the newest.
    await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 2,
      fields: fields({ title: "Sanctions Report", slug: "sanctions-2026" }),
    });
    expect(
      await testDatabase.db.redirect.findUnique({ where: { fromPath: "/publications/sanctions-report" } }),
    ).toMatchObject({ toPath: "/publications/sanctions-2026" });
    // Another publication cannot take a slug in use.
    const other = await createDraft(users.editor, { title: "Other" });
    expect(
      await app.save.savePublicationAction({
        id: other.id,
        expectedVersion: 1,
        fields: fields({ title: "Other", slug: "sanctions-2026" }),
      }),
    ).toMatchObject({
      status: 400,
      fieldErrors: { slug: "Another publication already uses this slug" },
    });
  });

  it("generates unique slugs from titles", async () => {
    const first = await createDraft(users.editor, { title: "Same Title" });
    const second = await createDraft(users.editor, { title: "Same Title" });
    expect([first.slug, second.slug]).toEqual(["same-title", "same-title-2"]);
  });
});

describe("workflow per role", () => {
  type Actor = "anonymous" | "owner" | "otherAuthor" | "editor" | "admin";
  const actorUser = (actor: Actor) => (actor === "anonymous" ? null : actor === "owner" ? users.author : users[actor]);
  const inFuture = () => new Date(Date.now() + 3600_000).toISOString();

  // [action, status it starts from, who may]
  const cases: [string, "DRAFT" | "IN_REVIEW" | "PUBLISHED", Actor[]][] = [
    ["submit", "DRAFT", ["owner", "editor", "admin"]],
    ["schedule", "IN_REVIEW", ["editor", "admin"]],
    ["publish", "IN_REVIEW", ["editor", "admin"]],
    ["unpublish", "PUBLISHED", ["editor", "admin"]],
    ["archive", "PUBLISHED", ["editor", "admin"]],
    ["trash", "DRAFT", ["owner", "editor", "admin"]],
    ["trash", "PUBLISHED", ["editor", "admin"]],
  ];
  const actors: Actor[] = ["anonymous", "otherAuthor", "owner", "editor", "admin"];

  for (const [action, from, allowed] of cases) {
    for (const actor of actors) {
      const expected = allowed.includes(actor);
      it(`${action} from ${from}: ${actor} is ${expected ? "allowed" : "refused"}`, async () => {
        const draft = await createDraft(users.author);
        await testDatabase.db.publication.update({
          where: { id: draft.id },
          data: { status: from, publishedAt: from === "PUBLISHED" ? new Date() : null },
        });
        await signIn(actorUser(actor));
        const result = await app.transition.transitionPublicationAction({
          id: draft.id,
          action,
          publishAt: inFuture(),
        });
        const stored = await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } });
        if (expected) {
          expect(result.ok).toBe(true);
          expect(action === "trash" ? stored.deletedAt : stored.status).not.toBe(action === "trash" ? null : from);
        } else {
          expect(result).toMatchObject({ ok: false, status: actor === "anonymous" ? 401 : 403 });
          expect(stored.status).toBe(from);
          expect(stored.deletedAt).toBeNull();
        }
      });
    }
  }

  it("refuses transitions the table does not allow, whoever asks", async () => {
    const draft = await createDraft(users.author);
    await signIn(users.admin);
    expect(await app.transition.transitionPublicationAction({ id: draft.id, action: "archive" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      await app.transition.transitionPublicationAction({
        id: draft.id,
        action: "schedule",
        publishAt: new Date(Date.now() - 1000).toISOString(),
      }),
    ).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await app.transition.transitionPublicationAction({ id: draft.id, action: "fly" })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it("keeps an author out of their own work once it is published", async () => {
    const draft = await createDraft(users.author);
    await signIn(users.editor);
    await app.transition.transitionPublicationAction({ id: draft.id, action: "publish" });
    await signIn(users.author);
    expect(await app.save.savePublicationAction({ id: draft.id, expectedVersion: 1, fields: fields() })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await app.transition.transitionPublicationAction({ id: draft.id, action: "trash" })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("bulk actions check each publication and report what was skipped", async () => {
    const mine = await createDraft(users.author);
    const published = await createDraft(users.editor);
    await signIn(users.editor);
    await app.transition.transitionPublicationAction({ id: published.id, action: "publish" });
    await signIn(users.author);
    const form = new FormData();
    form.set("action", "trash");
    form.append("ids", String(mine.id));
    form.append("ids", String(published.id));
    const answer = await app.bulk.bulkTransitionAction(null, form);
    expect(answer.message).toMatch(/^1 of 2 updated\. 1 skipped/);
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: mine.id } })).deletedAt).not.toBeNull();
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: published.id } })).deletedAt).toBeNull();
  });

  it("restores from the trash within 30 days and purges after", async () => {
    const draft = await createDraft(users.author);
    const old = await createDraft(users.author);
    await signIn(users.author);
    await app.transition.transitionPublicationAction({ id: draft.id, action: "trash" });
    expect(await app.transition.transitionPublicationAction({ id: draft.id, action: "restore" })).toMatchObject({
      ok: true,
      deletedAt: null,
    });
    await testDatabase.db.publication.update({
      where: { id: old.id },
      data: { deletedAt: new Date(Date.now() - 31 * 24 * 3600_000) },
    });
    expect(await app.transition.transitionPublicationAction({ id: old.id, action: "restore" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await app.workflow.purgeTrash(app.db)).toBeGreaterThanOrEqual(1);
    expect(await testDatabase.db.publication.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await testDatabase.db.publication.findUnique({ where: { id: draft.id } })).not.toBeNull();
  });
});

describe("scheduled publishing", () => {
  it("enqueues a go-live job at the chosen time; the job publishes and revalidates through the internal route", async () => {
    const draft = await createDraft(users.author, { title: "Goes Live Later" });
    await signIn(users.editor);
    const at = new Date(Date.now() + 60_000);
    expect(
      await app.transition.transitionPublicationAction({
        id: draft.id,
        action: "schedule",
        publishAt: at.toISOString(),
      }),
    ).toMatchObject({ ok: true, status: "SCHEDULED" });
    const [job] = await testDatabase.db.$queryRaw<
      { start_after: Date }[]
    >`SELECT start_after FROM pgboss.job WHERE name = 'publications.publish-due' AND data->>'publicationId' = ${String(draft.id)}`;
    expect(job?.start_after.getTime()).toBe(at.getTime());
    const jobCount = async () =>
      Number(
        (
          await testDatabase.db.$queryRaw<
            { count: bigint }[]
          >`SELECT count(*) FROM pgboss.job WHERE name = 'publications.publish-due' AND data->>'publicationId' = ${String(draft.id)}`
        )[0]?.count,
      );
    // Saving without moving the time adds no job; moving it adds one for the new time.
    await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 1,
      fields: fields({ title: "Goes Live Later", publishAt: at.toISOString() }),
    });
    expect(await jobCount()).toBe(1);
    await app.save.savePublicationAction({
      id: draft.id,
      expectedVersion: 2,
      fields: fields({ title: "Goes Live Later", publishAt: new Date(at.getTime() + 60_000).toISOString() }),
    });
    expect(await jobCount()).toBe(2);

    // Not yet due: nothing happens. The job runs as pg-boss runs it, outside any request.
    const runJob = () =>
      outsideRequests(() =>
        app.jobs.publishDueJob.run({}, { enqueue: async () => null, signal: new AbortController().signal }),
      );
    await runJob();
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("SCHEDULED");

    await testDatabase.db.publication.update({
      where: { id: draft.id },
      data: { publishedAt: new Date(Date.now() - 1000) },
    });
    revalidated.length = 0;
    await runJob();
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("PUBLISHED");
    // Exactly this publication's page and the listings: other publication pages stay cached.
    expect([...revalidated].sort()).toEqual(["listings", "publication:goes-live-later"]);
  });

  it("goes live once when two workers run its go-live at the same moment", async () => {
    const draft = await createDraft(users.author, { title: "Goes Live Once" });
    await testDatabase.db.publication.update({
      where: { id: draft.id },
      data: { status: "SCHEDULED", publishedAt: new Date(Date.now() - 1000) },
    });
    // Two connections, as two servers' workers have: both see it due, both try.
    const [one, two] = [createDatabaseClient(testDatabase.url), createDatabaseClient(testDatabase.url)];
    try {
      const changes = await Promise.all([
        app.workflow.publishDuePublications(one, { publicationId: draft.id }),
        app.workflow.publishDuePublications(two, { publicationId: draft.id }),
      ]);
      expect(changes.filter((change) => Object.keys(change).length > 0)).toHaveLength(1);
    } finally {
      await Promise.all([one.$disconnect(), two.$disconnect()]);
    }
    expect(
      await testDatabase.db.auditLog.count({
        where: { action: "publication.go_live", entityType: "Publication", entityId: String(draft.id) },
      }),
    ).toBe(1);
  });

  it("the internal revalidation route answers only with the derived key", async () => {
    const bare = await fetch(`${siteUrl}/api/internal/revalidate`, {
      method: "POST",
      body: JSON.stringify({ tags: ["listings"] }),
    });
    expect(bare.status).toBe(404);
    const forged = await fetch(`${siteUrl}/api/internal/revalidate`, {
      method: "POST",
      headers: { "x-quire-internal-key": "x".repeat(43) },
      body: "{}",
    });
    expect(forged.status).toBe(404);
  });
});

describe("autosave route", () => {
  const post = (id: number, payload: unknown, origin: string | null = siteUrl) =>
    app.autosaveRoute.POST(
      new Request(`${siteUrl}/api/admin/publications/${id}/autosave`, {
        method: "POST",
        headers: origin ? { origin } : {},
        body: JSON.stringify(payload),
      }),
      { params: Promise.resolve({ id: String(id) }) },
    );

  it("saves for the signed-in writer from the site's own pages only", async () => {
    const draft = await createDraft(users.author);
    const payload = { expectedVersion: 1, fields: fields({ title: "Saved on leaving" }) };
    await signIn(users.author);
    expect((await post(draft.id, payload, "https://evil.example")).status).toBe(403);
    expect((await post(draft.id, payload, null)).status).toBe(403);
    await signIn(null);
    expect((await post(draft.id, payload)).status).toBe(401);
    await signIn(users.otherAuthor);
    expect((await post(draft.id, payload)).status).toBe(403);
    await signIn(users.author);
    const saved = await post(draft.id, payload);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ok: true, version: 2 });
    const stale = await post(draft.id, payload);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ conflict: { currentVersion: 2, savedBy: "The author" } });
  });
});

describe("presence and previews", () => {
  it("shows who else has the publication open", async () => {
    const draft = await createDraft(users.author);
    await signIn(users.author);
    expect(await app.editorSession.editorHeartbeatAction(draft.id)).toMatchObject({ ok: true, others: [], version: 1 });
    await signIn(users.editor);
    expect(await app.editorSession.editorHeartbeatAction(draft.id)).toMatchObject({ ok: true, others: ["The author"] });
  });

  it("signs preview links that expire and cannot be forged", async () => {
    const token = app.preview.createPreviewToken(42, Date.now());
    expect(app.preview.verifyPreviewToken(token)).toBe(42);
    expect(app.preview.verifyPreviewToken(token.replace(/^42/, "43"))).toBeNull();
    expect(app.preview.verifyPreviewToken(token, Date.now() + app.preview.PREVIEW_LIFETIME_MS + 2000)).toBeNull();
    expect(app.preview.verifyPreviewToken("garbage")).toBeNull();
  });
});

describe("the publications list", () => {
  it("filters by type, author and category, sorts, and shows the trash on its own", async () => {
    const database = testDatabase.db;
    const otherType = (
      await database.publicationType.create({ data: { name: "Report", pluralName: "Reports", slug: "report" } })
    ).id;
    const otherCategory = (await database.category.create({ data: { name: "Energy", slug: "energy" } })).id;
    await createDraft(users.editor, {
      title: "Zz List Energy Report",
      typeId: otherType,
      categoryIds: [otherCategory],
      authors: [{ name: "Lena List" }],
    });
    await createDraft(users.editor, { title: "Aa List Commentary" });
    const trashed = await createDraft(users.editor, { title: "Mm List Trashed" });
    await signIn(users.editor);
    await app.transition.transitionPublicationAction({ id: trashed.id, action: "trash" });
    const list = (query: Record<string, string>) =>
      app.adminList.listAdminPublications(database, app.adminQuery.parseAdminPublicationQuery({ q: "List", ...query }));
    const titles = async (query: Record<string, string>) => (await list(query)).rows.map((row) => row.title);

    expect(await titles({ type: String(otherType) })).toEqual(["Zz List Energy Report"]);
    expect(await titles({ category: String(otherCategory) })).toEqual(["Zz List Energy Report"]);
    const lena = await database.author.findFirstOrThrow({ where: { name: "Lena List" } });
    expect(await titles({ author: String(lena.id) })).toEqual(["Zz List Energy Report"]);
    expect(await titles({ sort: "title" })).toEqual(["Aa List Commentary", "Zz List Energy Report"]);
    expect(await titles({ view: "trash" })).toEqual(["Mm List Trashed"]);
    expect(await titles({ sort: "'; DROP TABLE x; --" })).toHaveLength(2);
  });
});
