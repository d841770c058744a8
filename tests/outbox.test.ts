/**
 * Secrets in mail are for their recipient only. Without SMTP_URL every email lands in the
 * outbox, including password-reset and invitation links: an editor who could read it
 * could take over an admin's account. The outbox is the admins' alone, shows every link
 * token redacted (text, HTML, headers), and records each view; the digest preview shows
 * no subscriber's tokens either.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
let dataDirectory: string;
let outboxDirectory: string;
let victim: StaffIdentity;
let editor: StaffIdentity;
let admin: StaffIdentity;

beforeAll(async () => {
  dataDirectory = await fs.mkdtemp(path.join(os.tmpdir(), "quire-outbox-secrets-"));
  outboxDirectory = path.join(dataDirectory, "outbox");
  // No SMTP_URL: mail goes to the outbox.
  stubAppEnvironment(testDatabase.url, { QUIRE_DATA_DIR: dataDirectory });
  victim = await createStaff(testDatabase.db, "ADMIN", "victim");
  editor = await createStaff(testDatabase.db, "EDITOR", "curious");
  admin = await createStaff(testDatabase.db, "ADMIN", "reader");
});

afterAll(async () => {
  // A signup wakes the signup-mail job, which opens the job queue's connections.
  await (await import("@/lib/jobs/queue")).stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  await fs.rm(dataDirectory, { recursive: true, force: true });
});

const outboxFiles = async () => (await fs.readdir(outboxDirectory)).filter((name) => name.endsWith(".eml")).sort();

/** The tokens of every link in a message's raw source (quoted-printable soft breaks undone). */
async function tokensIn(name: string): Promise<string[]> {
  const raw = (await fs.readFile(path.join(outboxDirectory, name), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return [...new Set([...raw.matchAll(/token=([A-Za-z0-9._-]+)/g)].map((match) => match[1]!))];
}

async function page<T>(user: StaffIdentity, render: () => Promise<T>): Promise<T> {
  return (await asUser(user, render)).result;
}

describe("the outbox", () => {
  let resetMail: string;

  beforeAll(async () => {
    // The editor asks for a reset of the admin's password, as anyone may on /login/forgot.
    const links = await import("@/lib/auth/password-links");
    const { delivery } = await links.requestPasswordReset(
      testDatabase.db,
      { email: victim.email },
      { ip: "192.0.2.44" },
    );
    await delivery;
    resetMail = (await outboxFiles()).at(-1)!;
    expect(await tokensIn(resetMail!)).toHaveLength(1);
  });

  it("is closed to editors: the list and every message answer 403", async () => {
    const list = (await import("@/app/(admin)/admin/outbox/page")).default;
    const message = (await import("@/app/(admin)/admin/outbox/[name]/page")).default;
    const forbidden = { digest: "NEXT_HTTP_ERROR_FALLBACK;403" };
    await expect(page(editor, () => list({ searchParams: Promise.resolve({}) }))).rejects.toMatchObject(forbidden);
    await expect(
      page(editor, () =>
        message({ params: Promise.resolve({ name: resetMail }), searchParams: Promise.resolve({ view: "source" }) }),
      ),
    ).rejects.toMatchObject(forbidden);
    const { can } = await import("@/lib/auth/permissions");
    expect([can("ADMIN", "outbox.read"), can("EDITOR", "outbox.read"), can("AUTHOR", "outbox.read")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("shows an admin the reset mail with its token redacted, in every view, and nothing there resets a password", async () => {
    const message = (await import("@/app/(admin)/admin/outbox/[name]/page")).default;
    const [token] = await tokensIn(resetMail);
    const signature = token!.split(".").at(-1)!;
    const views = [];
    for (const view of ["rendered", "source"])
      views.push(
        renderToStaticMarkup(
          await page(admin, () =>
            message({ params: Promise.resolve({ name: resetMail }), searchParams: Promise.resolve({ view }) }),
          ),
        ),
      );
    for (const html of views) {
      expect(html).toContain("Reset your");
      expect(html).toContain("[redacted]");
      expect(html).not.toContain(signature);
    }

    // Whatever the admin can copy from the page is no link.
    const links = await import("@/lib/auth/password-links");
    const shown = [...views.join("\n").matchAll(/token=([^\s"&<]+)/g)].map((match) => decodeURIComponent(match[1]!));
    expect(shown.length).toBeGreaterThan(0);
    for (const candidate of shown) {
      expect(await links.checkPasswordLink(testDatabase.db, candidate)).toEqual({ valid: false });
      const password = "someone else's new password";
      expect(
        await links.setPasswordWithLink(testDatabase.db, { token: candidate, password, confirm: password }),
      ).toMatchObject({ ok: false });
    }
    // The recipient's own link still works: only the view was redacted.
    expect(await links.checkPasswordLink(testDatabase.db, token)).toMatchObject({ valid: true });
  });

  it("records each view in the audit log", async () => {
    const list = (await import("@/app/(admin)/admin/outbox/page")).default;
    const message = (await import("@/app/(admin)/admin/outbox/[name]/page")).default;
    const before = await testDatabase.db.auditLog.count({ where: { actorId: admin.id } });
    renderToStaticMarkup(await page(admin, () => list({ searchParams: Promise.resolve({}) })));
    renderToStaticMarkup(
      await page(admin, () =>
        message({ params: Promise.resolve({ name: resetMail }), searchParams: Promise.resolve({}) }),
      ),
    );
    const entries = await testDatabase.db.auditLog.findMany({
      where: { actorId: admin.id },
      orderBy: { id: "asc" },
      skip: before,
    });
    expect(entries.map((entry) => [entry.action, entry.entityId])).toEqual([
      ["outbox.list_view", null],
      ["outbox.message_view", resetMail],
    ]);
    // Refused visits record nothing.
    expect(
      await testDatabase.db.auditLog.count({ where: { actorId: editor.id, action: { startsWith: "outbox." } } }),
    ).toBe(0);
  });

  it("redacts every kind of signed link the site mails: invitations, confirmations, list management", async () => {
    const users = await import("@/lib/users/manage");
    const signup = await import("@/lib/subscribers/signup");
    const { bulkEmail } = await import("@/lib/mail/templates/bulk");
    const { managementLinks } = await import("@/lib/subscribers/links");
    const { mailer } = await import("@/lib/mail/mailer");
    const { readOutboxMessage } = await import("@/lib/mail/outbox");
    const { loadMailSettings } = await import("@/lib/mail/settings");
    const { runSignupMailSend } = await import("@/lib/subscribers/signup-mail");
    const before = new Set(await outboxFiles());
    const adminActor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    await users.inviteUser(testDatabase.db, adminActor, {
      email: "new-editor@example.org",
      name: "New",
      role: "EDITOR",
    });
    expect(await signup.signUp({ email: "reader@example.org", firstName: "Rea" }, { ip: "192.0.2.45" })).toMatchObject({
      ok: true,
    });
    // The confirmation waits in the job queue's table; sending it here is what the job does.
    const settings = await loadMailSettings(testDatabase.db, "Quire <news@think.example.org>");
    expect(await runSignupMailSend(testDatabase.db, { mailer: mailer(), settings })).toMatchObject({ sent: 1 });
    const subscriber = await testDatabase.db.subscriber.findUniqueOrThrow({ where: { email: "reader@example.org" } });
    await mailer().send(
      bulkEmail(
        { subject: "Weekly", html: "<p>Digest</p>", text: "Digest" },
        {
          siteName: "Quire Test Institute",
          siteUrl: "https://think.example.org",
          to: { name: "", address: subscriber.email },
          links: managementLinks(subscriber),
        },
      ),
    );
    const written = (await outboxFiles()).filter((name) => !before.has(name));
    expect(written).toHaveLength(3);
    for (const name of written) {
      const tokens = await tokensIn(name);
      expect(tokens.length, name).toBeGreaterThan(0);
      const shown = JSON.stringify(await readOutboxMessage(outboxDirectory, name));
      for (const token of tokens) expect(shown, name).not.toContain(token.split(".").at(-1)!);
      expect(shown).toContain("[redacted]");
    }
  });
});

describe("the digest preview", () => {
  it("shows a subscriber's digest without their management links' tokens", async () => {
    const digests = await import("@/lib/mailings/digest-admin");
    const context = await import("@/lib/mailings/digest-context");
    const category = await testDatabase.db.category.create({ data: { slug: "preview-topic", name: "Preview topic" } });
    const type = await testDatabase.db.publicationType.create({
      data: { slug: "preview-type", name: "Preview type", pluralName: "Preview types" },
    });
    const publication = await testDatabase.db.publication.create({
      data: {
        title: "A published piece",
        slug: "a-published-piece",
        bodyJson: {},
        bodyHtml: "<p>Body</p>",
        typeId: type.id,
        status: "PUBLISHED",
        publishedAt: new Date(Date.now() - 60_000),
        categories: { create: { categoryId: category.id } },
      },
    });
    await testDatabase.db.subscriber.create({
      data: {
        email: "weekly-reader@example.org",
        status: "CONFIRMED",
        frequency: "WEEKLY",
        topics: { create: { categoryId: category.id } },
      },
    });
    const draft = await digests.createDigestDraft(
      testDatabase.db,
      { subject: "Preview", intro: "", mode: "picked" },
      admin.id,
    );
    if (!draft.ok) throw new Error(draft.message);
    await digests.changeDigestPick(
      testDatabase.db,
      { digestId: draft.id, publicationId: publication.id, change: "add" },
      admin.id,
    );
    const digest = await context.findDigest(draft.id);
    const recipient = await digests.previewRecipient(testDatabase.db, "weekly-reader@example.org");
    const preview = await digests.renderDigestPreview(
      testDatabase.db,
      digest!,
      recipient!,
      context.site(),
      await context.currentMailSettings(),
    );
    expect(preview.mail?.html).toContain("A published piece");
    expect(JSON.stringify(preview.mail)).not.toMatch(/token=/);
  });
});
