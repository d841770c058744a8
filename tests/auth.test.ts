import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createStaffAccount } from "@/lib/auth/accounts";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authenticate, INVALID_CREDENTIALS_MESSAGE, lockoutMinutes, RATE_LIMITED_MESSAGE, signInLimiter } from "@/lib/auth/sign-in";
import { escapeLikePattern, listAdminPublications, parseAdminPublicationQuery } from "@/lib/data/admin-publications";
import { getDashboardCounts, getLatestAuditEntries } from "@/lib/data/admin-dashboard";
import { SlidingWindowLimiter } from "@/lib/subscribers/rate-limit";
import { isolatedTestDatabase } from "./support/database";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: number; email: string; name: string; role: string }; expires: string } }));

vi.mock("next-auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth")>();
  return { ...original, getServerSession: async () => session.current };
});

const testDatabase = isolatedTestDatabase();
const PASSWORD = "a-long-and-correct-password";
let counter = 0;

async function newAccount(role: "ADMIN" | "EDITOR" | "AUTHOR" = "EDITOR") {
  counter += 1;
  const email = `staff${counter}@example.org`;
  const account = await createStaffAccount(testDatabase.db, { email, role, name: `Staff ${counter}`, password: PASSWORD });
  return { id: account.id, email };
}

function auditFor(userId: number) {
  return testDatabase.db.auditLog.findMany({ where: { entityType: "User", entityId: String(userId) }, orderBy: { id: "asc" } });
}

const ip = "203.0.113.9";
beforeEach(() => signInLimiter.reset());

describe("authenticate (the Credentials provider's check)", () => {
  it("signs in with the right password and records it", async () => {
    const { id, email } = await newAccount();
    const result = await authenticate(testDatabase.db, { email: ` ${email.toUpperCase()} `, password: PASSWORD }, { ip });
    expect(result).toEqual({ ok: true, user: { id, email, name: expect.any(String), role: "EDITOR" } });
    const entries = await auditFor(id);
    expect(entries.map((entry) => entry.action)).toContain("auth.sign_in.success");
    expect(entries.at(-1)?.actorId).toBe(id);
  });

  it("rejects a wrong password and an unknown email with the same message, never storing passwords", async () => {
    const { id, email } = await newAccount();
    const wrong = await authenticate(testDatabase.db, { email, password: "not-the-password-at-all" }, { ip });
    const unknown = await authenticate(testDatabase.db, { email: "nobody@example.org", password: "not-the-password-at-all" }, { ip });
    expect(wrong).toEqual({ ok: false, reason: "wrong_password", message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual({ ok: false, reason: "unknown_email", message: INVALID_CREDENTIALS_MESSAGE });
    const user = await testDatabase.db.user.findUniqueOrThrow({ where: { id } });
    expect(user.failedSignIns).toBe(1);
    const all = await testDatabase.db.auditLog.findMany({ where: { action: { startsWith: "auth." } } });
    expect(all.some((entry) => entry.action === "auth.sign_in.failure" && entry.entityId === null)).toBe(true);
    expect(JSON.stringify(all)).not.toContain("not-the-password-at-all");
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await authenticate(testDatabase.db, { email: "not an email", password: "x" }, { ip })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await authenticate(testDatabase.db, null, { ip })).toMatchObject({ ok: false, message: INVALID_CREDENTIALS_MESSAGE });
  });

  it("refuses a disabled account even with the right password", async () => {
    const { id, email } = await newAccount();
    await testDatabase.db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    const result = await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip });
    expect(result).toEqual({ ok: false, reason: "disabled", message: INVALID_CREDENTIALS_MESSAGE });
  });

  it("locks an account after 5 failures, progressively, until the lock expires", async () => {
    const { id, email } = await newAccount();
    const start = new Date("2030-01-01T00:00:00Z");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const result = await authenticate(testDatabase.db, { email, password: `wrong-${attempt}` }, { ip, now: start });
      expect(result).toMatchObject({ ok: false, message: INVALID_CREDENTIALS_MESSAGE });
    }
    let user = await testDatabase.db.user.findUniqueOrThrow({ where: { id } });
    expect(user.failedSignIns).toBe(5);
    expect(user.lockedUntil?.toISOString()).toBe("2030-01-01T00:01:00.000Z");

    // Locked: even the right password fails, with the same message.
    const whileLocked = await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip, now: new Date("2030-01-01T00:00:30Z") });
    expect(whileLocked).toEqual({ ok: false, reason: "locked", message: INVALID_CREDENTIALS_MESSAGE });

    // After expiry a 6th failure locks for 5 minutes.
    await authenticate(testDatabase.db, { email, password: "wrong-6" }, { ip, now: new Date("2030-01-01T00:01:01Z") });
    user = await testDatabase.db.user.findUniqueOrThrow({ where: { id } });
    expect(user.lockedUntil?.toISOString()).toBe("2030-01-01T00:06:01.000Z");

    // Once that expires, the right password works and clears the counter.
    const after = await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip, now: new Date("2030-01-01T00:06:02Z") });
    expect(after.ok).toBe(true);
    user = await testDatabase.db.user.findUniqueOrThrow({ where: { id } });
    expect(user.failedSignIns).toBe(0);
    expect(user.lockedUntil).toBeNull();

    const actions = (await auditFor(id)).map((entry) => entry.action);
    expect(actions.filter((action) => action === "auth.lockout")).toHaveLength(2);
    expect(actions.filter((action) => action === "auth.sign_in.failure")).toHaveLength(7);
    expect(actions.at(-1)).toBe("auth.sign_in.success");
  });

  it("grows the lockout 1, 5, 15, 60 minutes and stays at the last step", () => {
    expect([4, 5, 6, 7, 8, 20].map(lockoutMinutes)).toEqual([null, 1, 5, 15, 60, 60]);
  });

  it("limits attempts per IP address, whatever the account", async () => {
    const { email } = await newAccount();
    const limiter = new SlidingWindowLimiter(2, 60_000);
    await authenticate(testDatabase.db, { email, password: "wrong-one" }, { ip, limiter });
    await authenticate(testDatabase.db, { email: "other@example.org", password: "wrong-two" }, { ip, limiter });
    const blocked = await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip, limiter });
    expect(blocked).toEqual({ ok: false, reason: "rate_limited", message: RATE_LIMITED_MESSAGE });
    expect((await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip: "198.51.100.1", limiter })).ok).toBe(true);
  });
});

describe("next-auth options", () => {
  let options: import("next-auth").NextAuthOptions;
  beforeAll(async () => {
    vi.stubEnv("DATABASE_URL", testDatabase.url);
    const { buildAuthOptions } = await import("@/lib/auth/config");
    options = buildAuthOptions(testDatabase.db);
  });
  afterAll(() => vi.unstubAllEnvs());

  it("uses 8-hour JWT sessions", () => {
    expect(options.session).toMatchObject({ strategy: "jwt", maxAge: 8 * 60 * 60 });
  });

  it("re-reads role and disabled state when the token is older than 30 seconds", async () => {
    const { id, email } = await newAccount("AUTHOR");
    const jwt = options.callbacks!.jwt!;
    const signedIn = await jwt({ token: { email }, user: { id: String(id), email, role: "AUTHOR" } as never, account: null, trigger: "signIn" });
    expect(signedIn).toMatchObject({ userId: id, role: "AUTHOR", revoked: false });

    await testDatabase.db.user.update({ where: { id }, data: { role: "ADMIN" } });
    const fresh = await jwt({ token: signedIn, account: null } as never);
    expect(fresh).toMatchObject({ role: "AUTHOR" }); // checked under 30 s ago
    const stale = await jwt({ token: { ...signedIn, checkedAt: Date.now() - 31_000 }, account: null } as never);
    expect(stale).toMatchObject({ role: "ADMIN", revoked: false });

    await testDatabase.db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    const revoked = await jwt({ token: { ...signedIn, checkedAt: 0 }, account: null } as never);
    expect(revoked).toMatchObject({ revoked: true, role: undefined });
    const sessionOf = await options.callbacks!.session!({ session: { expires: "x" }, token: revoked } as never);
    expect(sessionOf).toEqual({ expires: "x" });
  });

  it("authorize throws the generic message for a wrong password", async () => {
    const { email } = await newAccount();
    const provider = options.providers[0] as unknown as { options: { authorize: (credentials: unknown, request: unknown) => Promise<unknown> } };
    await expect(provider.options.authorize({ email, password: "wrong-password-here" }, { headers: {} })).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    await expect(provider.options.authorize({ email, password: PASSWORD }, { headers: { "x-forwarded-for": "192.0.2.1" } })).resolves.toMatchObject({ email, role: "EDITOR" });
  });
});

describe("requireRole and friends", () => {
  let sessionModule: typeof import("@/lib/auth/session");
  beforeAll(async () => {
    vi.stubEnv("DATABASE_URL", testDatabase.url);
    sessionModule = await import("@/lib/auth/session");
  });
  afterAll(() => vi.unstubAllEnvs());
  beforeEach(() => {
    session.current = null;
  });

  const editor = { id: 1, email: "e@example.org", name: "E", role: "EDITOR" };

  it("redirects anonymous visitors to /login with a callback", async () => {
    await expect(sessionModule.requireRoleFrom("/admin/publications?q=x")).rejects.toMatchObject({
      digest: expect.stringContaining("/login?callbackUrl=%2Fadmin%2Fpublications%3Fq%3Dx"),
    });
  });

  it("returns the user with an allowed role and throws ForbiddenError otherwise", async () => {
    session.current = { user: editor, expires: "x" };
    await expect(sessionModule.requireRole("ADMIN", "EDITOR")).resolves.toEqual(editor);
    await expect(sessionModule.requireRole("ADMIN")).rejects.toBeInstanceOf(sessionModule.ForbiddenError);
  });

  it("answers route handlers with 401 and 403 JSON", async () => {
    const anonymous = await sessionModule.requireRoleForRoute("ADMIN");
    expect(anonymous.response?.status).toBe(401);
    session.current = { user: editor, expires: "x" };
    const forbidden = await sessionModule.requireRoleForRoute("ADMIN");
    expect(forbidden.response?.status).toBe(403);
    expect(await forbidden.response?.json()).toEqual({ error: expect.any(String) });
    expect((await sessionModule.requireRoleForRoute("EDITOR")).user).toEqual(editor);
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-origin paths and refuses everything else", () => {
    expect(safeCallbackPath("/admin/publications?q=korea")).toBe("/admin/publications?q=korea");
    for (const unsafe of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/login", "", undefined, 42]) {
      expect(safeCallbackPath(unsafe)).toBe("/admin");
    }
  });
});

describe("admin data", () => {
  it("searches titles literally, including % and _, and leaves out the trash", async () => {
    const type = await testDatabase.db.publicationType.create({ data: { slug: "admin-test", name: "Admin test", pluralName: "Admin tests" } });
    const make = (title: string, extra: { deletedAt?: Date; status?: "DRAFT" | "PUBLISHED" } = {}) =>
      testDatabase.db.publication.create({
        data: { title, slug: `t-${title.replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2)}`, bodyJson: {}, bodyHtml: "", typeId: type.id, ...extra },
      });
    await make("Zebra 100% growth", { status: "PUBLISHED" });
    await make("Zebra 1000 growth");
    await make("Zebra trashed", { deletedAt: new Date() });
    expect(escapeLikePattern("a%b_c\\")).toBe("a\\%b\\_c\\\\");

    const all = await listAdminPublications(testDatabase.db, parseAdminPublicationQuery({ q: "zebra" }));
    expect(all.rows.map((row) => row.title).sort()).toEqual(["Zebra 100% growth", "Zebra 1000 growth"].sort());
    const literal = await listAdminPublications(testDatabase.db, parseAdminPublicationQuery({ q: "100%" }));
    expect(literal.rows.map((row) => row.title)).toEqual(["Zebra 100% growth"]);
    const drafts = await listAdminPublications(testDatabase.db, parseAdminPublicationQuery({ q: "zebra", status: "DRAFT" }));
    expect(drafts.total).toBe(1);
    expect(parseAdminPublicationQuery({ status: "BOGUS", page: "-3", q: ["x", "y"] })).toEqual({ q: "x", status: undefined, page: 1 });

    const counts = await getDashboardCounts(testDatabase.db);
    expect(counts.published).toBeGreaterThanOrEqual(1);
    expect((await getLatestAuditEntries(testDatabase.db)).length).toBeLessThanOrEqual(10);
  });
});
