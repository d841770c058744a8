/**
 * The staff area's accounts and taxonomy, through the server actions a form posts to,
 * against a real database and a real SMTP server: password reset and invitation links,
 * user management, sign out everywhere, authors/categories/series, the dashboard's data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import {
  asAnonymous,
  asUser,
  createStaff,
  stubAppEnvironment,
  STAFF_PASSWORD,
  type StaffIdentity,
} from "./support/request-scope";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
let inbox: TestSmtpServer;
let app: Awaited<ReturnType<typeof loadApp>>;
let admin: StaffIdentity;

async function loadApp() {
  return {
    links: await import("@/lib/auth/password-links"),
    signIn: await import("@/lib/auth/sign-in"),
    session: await import("@/lib/auth/session"),
    passwordActions: await import("@/lib/actions/auth/password"),
    userActions: await import("@/lib/actions/users/manage-user"),
    accountActions: await import("@/lib/actions/account/sign-out-everywhere"),
    taxonomyActions: await import("@/lib/actions/taxonomy/manage-term"),
    dashboard: await import("@/lib/data/admin-dashboard"),
    insights: await import("@/lib/search/insights"),
    adminTaxonomy: await import("@/lib/taxonomy/admin"),
  };
}

beforeAll(async () => {
  inbox = await startSmtpServer();
  stubAppEnvironment(testDatabase.url, {
    SMTP_URL: inbox.url,
    MAIL_FROM: "Quire Test Institute <staff@think.example.org>",
  });
  app = await loadApp();
  admin = await createStaff(testDatabase.db, "ADMIN", "admin");
});

afterAll(async () => {
  const shared = (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase;
  await shared?.$disconnect();
  vi.unstubAllEnvs();
  await inbox.close();
});

beforeEach(async () => {
  await app.links.resetRequestLimits.perIp.reset();
  await app.links.resetRequestLimits.perAddress.reset();
  for (const lockout of Object.values(app.signIn.signInLockouts)) await lockout.reset();
});

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
}

/** Where a server action that ended in redirect() sent the browser. */
async function redirectedTo(run: Promise<unknown>): Promise<string> {
  const error = (await run.then(
    () => null,
    (thrown: unknown) => thrown,
  )) as { digest?: string } | null;
  expect(error?.digest).toMatch(/^NEXT_REDIRECT;/);
  return error!.digest!.split(";")[2]!;
}

function linkIn(text: string | undefined): string {
  const match = /https:\/\/think\.example\.org\/login\/reset\?token=\S+/.exec(text ?? "");
  expect(match).not.toBeNull();
  return new URL(match![0]).searchParams.get("token")!;
}

const signIn = (email: string, password: string) =>
  app.signIn.authenticate(testDatabase.db, { email, password }, { ip: "203.0.113.50" });
const currentUserOf = async (user: StaffIdentity) => (await asUser(user, () => app.session.getCurrentUser())).result;
const actions = (userId: number) =>
  testDatabase.db.auditLog
    .findMany({ where: { entityType: "User", entityId: String(userId) }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((row) => row.action));

describe("password reset", () => {
  const NEW_PASSWORD = "violet kettle ministry harbour";

  it("emails a link that sets the password once and signs out every other session", async () => {
    const user = await createStaff(testDatabase.db, "EDITOR", "forgetful");
    const since = inbox.inbox.length;
    const { result, delivery } = await app.links.requestPasswordReset(
      testDatabase.db,
      { email: user.email.toUpperCase() },
      { ip: "198.51.100.20" },
    );
    expect(result).toEqual({ ok: true, message: app.links.RESET_REQUESTED_MESSAGE });
    await delivery;
    const mail = await inbox.nextTo(user.email, since);
    expect(mail.subject).toBe("Reset your Quire Test Institute password");
    const token = linkIn(mail.text);
    expect(await app.links.checkPasswordLink(testDatabase.db, token)).toEqual({
      valid: true,
      purpose: "reset",
      email: user.email,
      name: user.name,
    });

    const post = (password: string, confirm = password) =>
      asAnonymous(() => app.passwordActions.setPasswordAction(null, form({ token, password, confirm }))).then(
        (outcome) => outcome.result,
      );
    expect(await post("short")).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { password: "Password must be at least 12 characters" },
    });
    expect(await post("Baseball2024!")).toMatchObject({
      ok: false,
      fieldErrors: { password: "This password is too common: choose one that is harder to guess" },
    });
    expect(await post(NEW_PASSWORD, `${NEW_PASSWORD}x`)).toMatchObject({
      ok: false,
      fieldErrors: { confirm: "The two passwords do not match" },
    });
    expect(await currentUserOf(user)).toMatchObject({ id: user.id }); // nothing changed yet

    expect(await post(NEW_PASSWORD)).toEqual({ ok: true, message: "Your password is set. Sign in with it now." });
    expect((await signIn(user.email, NEW_PASSWORD)).ok).toBe(true);
    expect((await signIn(user.email, STAFF_PASSWORD)).ok).toBe(false);
    expect(await currentUserOf(user)).toBeNull(); // the session from before the reset has ended

    // Used once: the link is dead.
    expect(await post("another perfectly fine password")).toMatchObject({
      ok: false,
      status: 410,
      message: app.links.INVALID_LINK_MESSAGE,
    });
    expect(await app.links.checkPasswordLink(testDatabase.db, token)).toEqual({ valid: false });
    expect(await actions(user.id)).toEqual(
      expect.arrayContaining([
        "auth.password_reset.requested",
        "auth.password_link.sent",
        "auth.password_reset.completed",
      ]),
    );
  });

  it("answers an unknown or disabled address exactly the same, and sends nothing", async () => {
    const disabled = await createStaff(testDatabase.db, "AUTHOR", "gone");
    await testDatabase.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const since = inbox.inbox.length;
    for (const email of ["nobody-here@example.org", disabled.email]) {
      const { result, delivery } = await app.links.requestPasswordReset(
        testDatabase.db,
        { email },
        { ip: "198.51.100.21" },
      );
      expect(result).toEqual({ ok: true, message: app.links.RESET_REQUESTED_MESSAGE });
      await delivery;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.inbox.length).toBe(since);
  });

  it("validates the address and rate limits per address and per client", async () => {
    const invalid = await asAnonymous(() =>
      app.passwordActions.requestPasswordResetAction(null, form({ email: "not an email" })),
    );
    expect(invalid.result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { email: "Enter a valid email address" },
    });
    const request = () =>
      app.links
        .requestPasswordReset(testDatabase.db, { email: "target@example.org" }, { ip: "198.51.100.22" })
        .then((outcome) => outcome.result);
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await request()).ok).toBe(true);
    expect(await request()).toEqual({ ok: false, status: 429, message: app.links.RESET_RATE_LIMITED_MESSAGE });
  });

  it("refuses an expired, tampered or superseded link", async () => {
    const user = await createStaff(testDatabase.db, "AUTHOR", "tampered");
    const since = inbox.inbox.length;
    await asUser(admin, () => app.userActions.sendResetLinkAction(null, form({ userId: user.id })));
    const token = linkIn((await inbox.nextTo(user.email, since)).text);
    expect(await app.links.checkPasswordLink(testDatabase.db, token, Date.now() + 61 * 60_000)).toEqual({
      valid: false,
    });
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await app.links.checkPasswordLink(testDatabase.db, tampered)).toEqual({ valid: false });
    const otherUser = token.replace(/^\d+/, String(admin.id));
    expect(await app.links.checkPasswordLink(testDatabase.db, otherUser)).toEqual({ valid: false });
    // "Sign out everywhere" voids links issued before it.
    await asUser(admin, () => app.userActions.signOutUserEverywhereAction(null, form({ userId: user.id })));
    expect(await app.links.checkPasswordLink(testDatabase.db, token)).toEqual({ valid: false });
  });
});

describe("user management", () => {
  it("invites: the account cannot sign in until its owner follows the link and sets a password", async () => {
    const since = inbox.inbox.length;
    const invited = await asUser(admin, () =>
      app.userActions.inviteUserAction(
        null,
        form({ email: " New.Fellow@Example.org ", name: "Nia Fellow", role: "AUTHOR" }),
      ),
    );
    expect(invited.result).toEqual({ ok: true, message: "Invitation sent to new.fellow@example.org." });
    expect(invited.revalidated).toContain("path:/admin/users");
    const account = await testDatabase.db.user.findUniqueOrThrow({ where: { email: "new.fellow@example.org" } });
    expect(account).toMatchObject({ role: "AUTHOR", name: "Nia Fellow", lastSignInAt: null });
    expect(account.invitedAt).not.toBeNull();

    const mail = await inbox.nextTo("new.fellow@example.org", since);
    expect(mail.subject).toBe("You are invited to Quire Test Institute's staff area");
    expect(mail.text).toContain("Admin Person has created a staff account for you");
    expect(mail.text).toContain("The link works for 72 hours");
    const token = linkIn(mail.text);
    expect(await app.links.checkPasswordLink(testDatabase.db, token, Date.now() + 71 * 3_600_000)).toMatchObject({
      valid: true,
      purpose: "invite",
    });
    expect((await signIn("new.fellow@example.org", "anything-at-all-here")).ok).toBe(false);

    const accepted = await asAnonymous(() =>
      app.passwordActions.setPasswordAction(
        null,
        form({ token, password: "orchard lantern quietly", confirm: "orchard lantern quietly" }),
      ),
    );
    expect(accepted.result.ok).toBe(true);
    expect(await signIn("new.fellow@example.org", "orchard lantern quietly")).toMatchObject({
      ok: true,
      user: { role: "AUTHOR" },
    });
    expect((await testDatabase.db.user.findUniqueOrThrow({ where: { id: account.id } })).lastSignInAt).not.toBeNull();
    expect(await actions(account.id)).toEqual([
      "user.invite",
      "auth.password_link.sent",
      "auth.sign_in.failure",
      "user.invitation.accepted",
      "auth.sign_in.success",
    ]);

    const again = await asUser(admin, () =>
      app.userActions.inviteUserAction(null, form({ email: "new.fellow@example.org", name: "Nia", role: "EDITOR" })),
    );
    expect(again.result).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { email: "There is already an account with this email." },
    });
    const bad = await asUser(admin, () =>
      app.userActions.inviteUserAction(null, form({ email: "x@example.org", name: "", role: "OWNER" })),
    );
    expect(bad.result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { name: "Enter the person's name", role: "Choose a role" },
    });
  });

  it("changes a role and disables an account, taking effect on that user's next request", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "promoted");
    expect(await currentUserOf(editor)).toMatchObject({ role: "EDITOR" });
    const changed = await asUser(admin, () =>
      app.userActions.changeUserRoleAction(null, form({ userId: editor.id, role: "AUTHOR" })),
    );
    expect(changed.result).toEqual({ ok: true, message: `${editor.email} is now author.` });
    expect(await currentUserOf(editor)).toMatchObject({ role: "AUTHOR" });

    await asUser(admin, () =>
      app.userActions.setUserDisabledAction(null, form({ userId: editor.id, disabled: "true" })),
    );
    expect(await currentUserOf(editor)).toBeNull();
    expect((await signIn(editor.email, STAFF_PASSWORD)).ok).toBe(false);
    await asUser(admin, () =>
      app.userActions.setUserDisabledAction(null, form({ userId: editor.id, disabled: "false" })),
    );
    expect(await currentUserOf(editor)).toMatchObject({ role: "AUTHOR" });
    expect(await actions(editor.id)).toEqual(
      expect.arrayContaining(["user.role_change", "user.disable", "user.enable"]),
    );
  });

  it("never lets an admin lock themselves out or remove the last active admin", async () => {
    const own = (fields: Record<string, string | number>, action: typeof app.userActions.changeUserRoleAction) =>
      asUser(admin, () => action(null, form(fields))).then((outcome) => outcome.result);
    expect(await own({ userId: admin.id, role: "EDITOR" }, app.userActions.changeUserRoleAction)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await own({ userId: admin.id, disabled: "true" }, app.userActions.setUserDisabledAction)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await own({ userId: 999_999, role: "EDITOR" }, app.userActions.changeUserRoleAction)).toMatchObject({
      ok: false,
      status: 404,
    });

    // With a second admin, each may demote the other, but never the last one left.
    const second = await createStaff(testDatabase.db, "ADMIN", "deputy");
    expect(await own({ userId: second.id, role: "EDITOR" }, app.userActions.changeUserRoleAction)).toMatchObject({
      ok: true,
    });
    const admins = await testDatabase.db.user.count({ where: { role: "ADMIN", disabledAt: null } });
    expect(admins).toBeGreaterThanOrEqual(1);
    const user = await testDatabase.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(user).toMatchObject({ role: "ADMIN", disabledAt: null });
  });

  it("signs out everywhere: oneself, or a user by an admin", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "traveller");
    const own = await asUser(editor, () => app.accountActions.signOutEverywhereAction());
    expect(own.result).toEqual({ ok: true, message: "You are signed out on every device." });
    expect(await currentUserOf(editor)).toBeNull();
    const renewed = { ...editor, sessionVersion: 1 };
    expect(await currentUserOf(renewed)).toMatchObject({ id: editor.id });
    await asUser(admin, () => app.userActions.signOutUserEverywhereAction(null, form({ userId: editor.id })));
    expect(await currentUserOf(renewed)).toBeNull();
    expect(await currentUserOf(admin)).toMatchObject({ id: admin.id });
  });
});

describe("authors, categories and series", () => {
  let typeId: number;
  async function publication(
    slug: string,
    links: { authorIds?: number[]; categoryIds?: number[]; seriesId?: number } = {},
  ) {
    return testDatabase.db.publication.create({
      data: {
        slug,
        title: slug,
        bodyJson: {},
        bodyHtml: "",
        typeId,
        status: "PUBLISHED",
        publishedAt: new Date(),
        seriesId: links.seriesId,
        authors: { create: (links.authorIds ?? []).map((authorId, position) => ({ authorId, position })) },
        categories: { create: (links.categoryIds ?? []).map((categoryId) => ({ categoryId })) },
      },
    });
  }
  const save = (fields: Record<string, string | number>) =>
    asUser(admin, () =>
      app.taxonomyActions.saveTermAction(
        null,
        form({ slug: "", description: "", imageUrl: "", title: "", affiliation: "", ...fields }),
      ),
    );

  beforeAll(async () => {
    typeId = (
      await testDatabase.db.publicationType.create({
        data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
      })
    ).id;
  });

  it("creates with a generated, unique slug, validates, and refreshes the public pages", async () => {
    const location = await redirectedTo(
      save({
        kind: "author",
        name: "Ada Byron",
        title: "Senior Fellow",
        affiliation: "Analytical Institute",
        imageUrl: "https://images.example.org/ada.jpg",
      }),
    );
    expect(location).toMatch(/^\/admin\/authors\/\d+\?created=1$/);
    const second = await redirectedTo(save({ kind: "author", name: "Ada Byron" }));
    const [first, other] = await Promise.all(
      [Number(/(\d+)/.exec(location)![1]), Number(/(\d+)/.exec(second)![1])].map((id) =>
        testDatabase.db.author.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect(first).toMatchObject({
      slug: "ada-byron",
      title: "Senior Fellow",
      affiliation: "Analytical Institute",
      photoUrl: "https://images.example.org/ada.jpg",
    });
    expect(other!.slug).toBe("ada-byron-2");

    const taken = await save({ kind: "author", id: other!.id, name: "Ada Byron", slug: "ada-byron" });
    expect(taken.result).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { slug: "Another author already uses this slug" },
    });
    const badImage = await save({ kind: "category", name: "Energy", imageUrl: "javascript:alert(1)" });
    expect(badImage.result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { imageUrl: "Enter an address starting with https:// or a /media/ path" },
    });
    const badSlug = await save({ kind: "series", name: "Briefs", slug: "Not A Slug!" });
    expect(badSlug.result).toMatchObject({ ok: false, fieldErrors: { slug: expect.stringContaining("lower-case") } });

    await redirectedTo(save({ kind: "category", name: "Energy", imageUrl: "/media/images/energy.jpg" }));
    const duplicate = await save({ kind: "category", name: "Energy" });
    expect(duplicate.result).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { name: "Another category already has this name" },
    });

    const edited = await save({
      kind: "author",
      id: first!.id,
      name: "Ada Lovelace",
      slug: "ada-lovelace",
      description: "Wrote the first program.",
    });
    expect(edited.result).toEqual({ ok: true, message: "Saved Ada Lovelace." });
    // A name shows wherever the author is credited: every page carries the taxonomy tag.
    expect(edited.revalidated).toEqual(["tag:taxonomy", "path:/admin/authors"]);
    expect(await testDatabase.db.redirect.findUnique({ where: { fromPath: "/authors/ada-byron" } })).toMatchObject({
      toPath: "/authors/ada-lovelace",
    });
    const audit = await testDatabase.db.auditLog.findMany({
      where: { entityType: "Author", entityId: String(first!.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["author.create", "author.update"]);
  });

  it("features one series at a time: choosing another retires the one before", async () => {
    const first = await testDatabase.db.series.create({ data: { name: "Featured First", slug: "featured-0" } });
    const second = await testDatabase.db.series.create({ data: { name: "Featured Second", slug: "featured-1" } });
    const feature = (id: number, name: string, featured: boolean) =>
      save({ kind: "series", id, name, ...(featured && { featured: "on" }) });
    expect((await feature(first.id, "Featured First", true)).result).toMatchObject({ ok: true });
    expect((await feature(second.id, "Featured Second", true)).revalidated).toContain("tag:taxonomy");
    // [first, second]: created in that order, so in the order of their ids.
    const flags = async () =>
      (
        await testDatabase.db.series.findMany({
          where: { id: { in: [first.id, second.id] } },
          orderBy: { id: "asc" },
          select: { featured: true },
        })
      ).map((series) => series.featured);
    expect(await flags()).toEqual([false, true]);
    // Saving without the box ticked stops featuring it.
    await feature(second.id, "Featured Second", false);
    expect(await flags()).toEqual([false, false]);
  });

  it("merges A into B: publications move (once), A is deleted, A's address redirects to B's", async () => {
    const [a, b, c] = await Promise.all(
      ["Merge Source", "Merge Target", "Co Author"].map((name, index) =>
        testDatabase.db.author.create({ data: { name, slug: `merge-${index}` } }),
      ),
    );
    const staffer = await createStaff(testDatabase.db, "AUTHOR", "linked");
    await testDatabase.db.author.update({ where: { id: a!.id }, data: { userId: staffer.id } });
    const onlyA = await publication("merge-only-a", { authorIds: [c!.id, a!.id] });
    const both = await publication("merge-both", { authorIds: [a!.id, b!.id] });
    await testDatabase.db.redirect.create({ data: { fromPath: "/authors/older-name", toPath: "/authors/merge-0" } });

    const location = await redirectedTo(
      asUser(admin, () =>
        app.taxonomyActions.mergeTermsAction(null, form({ kind: "author", sourceId: a!.id, targetId: b!.id })),
      ),
    );
    expect(location).toBe(`/admin/authors/${b!.id}?merged=1`);
    expect(await testDatabase.db.author.findUnique({ where: { id: a!.id } })).toBeNull();
    const credits = await testDatabase.db.publicationAuthor.findMany({
      where: { publicationId: { in: [onlyA.id, both.id] } },
      orderBy: [{ publicationId: "asc" }, { position: "asc" }],
    });
    expect(credits.map((credit) => [credit.publicationId, credit.authorId, credit.position])).toEqual([
      [onlyA.id, c!.id, 0],
      [onlyA.id, b!.id, 1],
      [both.id, b!.id, 1],
    ]);
    expect((await testDatabase.db.author.findUniqueOrThrow({ where: { id: b!.id } })).userId).toBe(staffer.id);
    expect(await testDatabase.db.redirect.findUnique({ where: { fromPath: "/authors/merge-0" } })).toMatchObject({
      toPath: "/authors/merge-1",
    });
    expect(await testDatabase.db.redirect.findUnique({ where: { fromPath: "/authors/older-name" } })).toMatchObject({
      toPath: "/authors/merge-1",
    });
    const entry = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "author.merge", entityId: String(a!.id) },
    });
    expect(entry.details).toMatchObject({ into: b!.id, publications: 2 });

    const same = await asUser(admin, () =>
      app.taxonomyActions.mergeTermsAction(null, form({ kind: "author", sourceId: b!.id, targetId: b!.id })),
    );
    expect(same.result).toMatchObject({ ok: false, status: 400 });
  });

  it("merges topics (subscribers follow) and series", async () => {
    const [from, to] = await Promise.all(
      ["Old Topic", "New Topic"].map((name, index) =>
        testDatabase.db.category.create({ data: { name, slug: `topic-${index}` } }),
      ),
    );
    const subscriber = await testDatabase.db.subscriber.create({
      data: { email: "reader@example.org", topics: { create: [{ categoryId: from!.id }] } },
    });
    const item = await publication("topic-item", { categoryIds: [from!.id] });
    await redirectedTo(
      asUser(admin, () =>
        app.taxonomyActions.mergeTermsAction(null, form({ kind: "category", sourceId: from!.id, targetId: to!.id })),
      ),
    );
    expect(await testDatabase.db.publicationCategory.findMany({ where: { publicationId: item.id } })).toEqual([
      { publicationId: item.id, categoryId: to!.id },
    ]);
    expect(await testDatabase.db.subscriberTopic.findMany({ where: { subscriberId: subscriber.id } })).toEqual([
      { subscriberId: subscriber.id, categoryId: to!.id },
    ]);

    const [s1, s2] = await Promise.all(
      ["Old Series", "New Series"].map((name, index) =>
        testDatabase.db.series.create({ data: { name, slug: `series-${index}` } }),
      ),
    );
    const episode = await publication("series-item", { seriesId: s1!.id });
    await redirectedTo(
      asUser(admin, () =>
        app.taxonomyActions.mergeTermsAction(null, form({ kind: "series", sourceId: s1!.id, targetId: s2!.id })),
      ),
    );
    expect((await testDatabase.db.publication.findUniqueOrThrow({ where: { id: episode.id } })).seriesId).toBe(s2!.id);
    expect(await testDatabase.db.redirect.findUnique({ where: { fromPath: "/series/series-0" } })).toMatchObject({
      toPath: "/series/series-1",
    });
  });

  it("deletes with reassignment; an author with publications needs someone to take them", async () => {
    const [gone, heir] = await Promise.all(
      ["Leaving Author", "Heir Author"].map((name, index) =>
        testDatabase.db.author.create({ data: { name, slug: `delete-${index}` } }),
      ),
    );
    const work = await publication("delete-work", { authorIds: [gone!.id] });
    const refused = await asUser(admin, () =>
      app.taxonomyActions.deleteTermAction(null, form({ kind: "author", id: gone!.id, targetId: "" })),
    );
    expect(refused.result).toMatchObject({ ok: false, status: 409, fieldErrors: { targetId: expect.any(String) } });
    expect(await testDatabase.db.author.findUnique({ where: { id: gone!.id } })).not.toBeNull();

    expect(
      await redirectedTo(
        asUser(admin, () =>
          app.taxonomyActions.deleteTermAction(null, form({ kind: "author", id: gone!.id, targetId: heir!.id })),
        ),
      ),
    ).toBe("/admin/authors?deleted=1");
    expect(await testDatabase.db.publicationAuthor.findMany({ where: { publicationId: work.id } })).toEqual([
      { publicationId: work.id, authorId: heir!.id, position: 0 },
    ]);
    expect(await testDatabase.db.redirect.findUnique({ where: { fromPath: "/authors/delete-0" } })).toBeNull();

    const topic = await testDatabase.db.category.create({ data: { name: "Short-lived", slug: "short-lived" } });
    const tagged = await publication("delete-topic", { categoryIds: [topic.id] });
    await redirectedTo(
      asUser(admin, () =>
        app.taxonomyActions.deleteTermAction(null, form({ kind: "category", id: topic.id, targetId: "" })),
      ),
    );
    expect(await testDatabase.db.publicationCategory.count({ where: { publicationId: tagged.id } })).toBe(0);
    expect(await testDatabase.db.publication.findUnique({ where: { id: tagged.id } })).not.toBeNull();
  });

  it("lists terms with their publication counts and finds them by name", async () => {
    const counted = await testDatabase.db.author.create({ data: { name: "Counted Zebra", slug: "counted-zebra" } });
    await publication("count-1", { authorIds: [counted.id] });
    await publication("count-2", { authorIds: [counted.id] });
    const trashed = await publication("count-3", { authorIds: [counted.id] });
    await testDatabase.db.publication.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });
    expect(await app.adminTaxonomy.listTerms(testDatabase.db, "author", "zebra")).toEqual([
      { id: counted.id, slug: "counted-zebra", name: "Counted Zebra", publications: 2 },
    ]);
    expect(await app.adminTaxonomy.listTerms(testDatabase.db, "author", "100%")).toEqual([]);
  });
});

describe("dashboard data", () => {
  const now = new Date("2030-06-15T12:00:00Z");

  it("counts publications per month by type over two years", async () => {
    const [report, brief] = await Promise.all(
      ["Report", "Issue Brief"].map((name, position) =>
        testDatabase.db.publicationType.create({
          data: { name, slug: name.toLowerCase().replace(" ", "-"), pluralName: `${name}s`, position },
        }),
      ),
    );
    const make = (typeId: number, publishedAt: string, status: "PUBLISHED" | "DRAFT" = "PUBLISHED") =>
      testDatabase.db.publication.create({
        data: {
          typeId,
          publishedAt: new Date(publishedAt),
          status,
          slug: `dash-${Math.random().toString(36).slice(2)}`,
          title: "t",
          bodyJson: {},
          bodyHtml: "",
        },
      });
    await Promise.all([
      make(report!.id, "2030-06-01T00:00:00Z"),
      make(report!.id, "2030-06-14T00:00:00Z"),
      make(brief!.id, "2030-06-02T00:00:00Z"),
      make(brief!.id, "2029-01-31T23:59:00Z"),
      make(brief!.id, "2028-06-30T00:00:00Z"), // before the window
      make(report!.id, "2030-06-20T00:00:00Z"), // after now
      make(report!.id, "2030-05-05T00:00:00Z", "DRAFT"),
    ]);
    const chart = await app.dashboard.getPublicationsPerMonth(testDatabase.db, now);
    expect(chart.months).toHaveLength(24);
    expect(chart.months[0]).toBe("2028-07");
    expect(chart.months.at(-1)).toBe("2030-06");
    const series = Object.fromEntries(chart.types.map((type) => [type.name, type.counts]));
    expect(series.Report!.at(-1)).toBe(2);
    expect(series["Issue Brief"]!.at(-1)).toBe(1);
    expect(series["Issue Brief"]![chart.months.indexOf("2029-01")]).toBe(1);
    expect(series["Issue Brief"]!.reduce((sum, count) => sum + count, 0)).toBe(2);
  });

  it("counts confirmed subscribers per month, cumulatively, and the top searches", async () => {
    await testDatabase.db.subscriber.createMany({
      data: [
        { email: "early@example.org", status: "CONFIRMED", confirmedAt: new Date("2027-01-01T00:00:00Z") },
        { email: "may@example.org", status: "CONFIRMED", confirmedAt: new Date("2030-05-10T00:00:00Z") },
        { email: "june@example.org", status: "UNSUBSCRIBED", confirmedAt: new Date("2030-06-01T00:00:00Z") },
        { email: "pending@example.org", status: "PENDING" },
      ],
    });
    const growth = await app.dashboard.getSubscriberGrowth(testDatabase.db, now);
    expect(growth.confirmed.slice(-2)).toEqual([1, 1]);
    expect(growth.cumulative[0]).toBe(1);
    expect(growth.cumulative.slice(-2)).toEqual([2, 3]);

    await testDatabase.db.searchLog.createMany({
      data: [
        { day: new Date("2030-06-10"), query: "sanctions", searches: 5 },
        { day: new Date("2030-06-11"), query: "sanctions", searches: 2 },
        { day: new Date("2030-06-12"), query: "trade", searches: 3 },
        { day: new Date("2030-04-01"), query: "old news", searches: 50 },
      ],
    });
    expect(await app.insights.getTopSearches(testDatabase.db, now)).toEqual([
      { query: "sanctions", searches: 7 },
      { query: "trade", searches: 3 },
    ]);
    const counts = await app.dashboard.getDashboardCounts(testDatabase.db);
    // The topic-merge test above left one pending subscriber too.
    expect(counts.subscribers).toEqual({ CONFIRMED: 2, PENDING: 2, UNSUBSCRIBED: 1 });
    expect(counts.staff.active).toBeGreaterThanOrEqual(1);
  });
});
