import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createStaffAccount } from "@/lib/auth/accounts";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authenticate, INVALID_CREDENTIALS_MESSAGE, lockoutMinutes, signInLockouts } from "@/lib/auth/sign-in";
import { escapeLikePattern, listAdminPublications } from "@/lib/data/admin-publications";
import { parseAdminPublicationQuery } from "@/lib/validations/admin-publications";
import { getDashboardCounts, getLatestAuditEntries } from "@/lib/data/admin-dashboard";
import { isolatedTestDatabase } from "./support/database";
import { asAnonymous, asUser, TEST_SECRET, type StaffIdentity } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);

const testDatabase = isolatedTestDatabase();
// Before any of the app's modules that read the environment are loaded (dynamically, below).
beforeAll(() => {
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("NEXTAUTH_SECRET", TEST_SECRET);
});
afterAll(() => vi.unstubAllEnvs());
const PASSWORD = "a-long-and-correct-password";
let counter = 0;

async function newAccount(role: "ADMIN" | "EDITOR" | "AUTHOR" = "EDITOR") {
  counter += 1;
  const email = `staff${counter}@example.org`;
  const account = await createStaffAccount(testDatabase.db, {
    email,
    role,
    name: `Staff ${counter}`,
    password: PASSWORD,
  });
  return { id: account.id, email };
}

function auditFor(userId: number) {
  return testDatabase.db.auditLog.findMany({
    where: { entityType: "User", entityId: String(userId) },
    orderBy: { id: "asc" },
  });
}

const ip = "203.0.113.9";
beforeEach(async () => {
  for (const lockout of Object.values(signInLockouts)) await lockout.reset();
});

describe("authenticate (the Credentials provider's check)", () => {
  it("signs in with the right password and records it", async () => {
    const { id, email } = await newAccount();
    const result = await authenticate(
      testDatabase.db,
      { email: ` ${email.toUpperCase()} `, password: PASSWORD },
      { ip },
    );
    expect(result).toEqual({
      ok: true,
      user: { id, email, name: expect.any(String), role: "EDITOR", sessionVersion: 0 },
      knownDevice: { userId: id, nonce: null },
    });
    const user = await testDatabase.db.user.findUniqueOrThrow({ where: { id } });
    expect(Math.abs(user.lastSignInAt!.getTime() - Date.now())).toBeLessThan(60_000);
    const entries = await auditFor(id);
    expect(entries.map((entry) => entry.action)).toContain("auth.sign_in.success");
    expect(entries.at(-1)?.actorId).toBe(id);
  });

  it("rejects a wrong password and an unknown email with the same message, never storing passwords", async () => {
    const { id, email } = await newAccount();
    const wrong = await authenticate(testDatabase.db, { email, password: "not-the-password-at-all" }, { ip });
    const unknown = await authenticate(
      testDatabase.db,
      { email: "nobody@example.org", password: "not-the-password-at-all" },
      { ip },
    );
    expect(wrong).toEqual({ ok: false, reason: "wrong_password", message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual({ ok: false, reason: "unknown_email", message: INVALID_CREDENTIALS_MESSAGE });
    expect((await auditFor(id)).map((entry) => entry.action)).toContain("auth.sign_in.failure");
    const all = await testDatabase.db.auditLog.findMany({ where: { action: { startsWith: "auth." } } });
    // The unknown email is counted in its hour, not logged (anyone can send them): audit-log.test.ts.
    expect(all.some((entry) => entry.action === "auth.sign_in.failure" && entry.entityId === null)).toBe(false);
    expect(await testDatabase.db.anonymousAuthEvent.findMany({ where: { event: "sign_in.unknown_email" } })).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);
    expect(JSON.stringify(all)).not.toContain("not-the-password-at-all");
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await authenticate(testDatabase.db, { email: "not an email", password: "x" }, { ip })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(testDatabase.db, null, { ip })).toMatchObject({
      ok: false,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
  });

  it("refuses a disabled account even with the right password", async () => {
    const { id, email } = await newAccount();
    await testDatabase.db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    const result = await authenticate(testDatabase.db, { email, password: PASSWORD }, { ip });
    expect(result).toEqual({ ok: false, reason: "disabled", message: INVALID_CREDENTIALS_MESSAGE });
  });

  it("grows the lockout 1, 5, 15, 60 minutes and stays at the last step", () => {
    expect([4, 5, 6, 7, 8, 20].map(lockoutMinutes)).toEqual([null, 1, 5, 15, 60, 60]);
  });
  // The lockouts themselves: tests/sign-in-lockout.test.ts.
});

describe("next-auth options", () => {
  let options: import("next-auth").NextAuthOptions;
  beforeAll(async () => {
    const { buildAuthOptions } = await import("@/lib/auth/config");
    options = buildAuthOptions(testDatabase.db);
  });

  it("uses 8-hour JWT sessions", () => {
    expect(options.session).toMatchObject({ strategy: "jwt", maxAge: 8 * 60 * 60 });
  });

  it("re-reads role, disabled state and sessionVersion on every request", async () => {
    const { id, email } = await newAccount("AUTHOR");
    const jwt = options.callbacks!.jwt!;
    const signedIn = await jwt({
      token: { email },
      user: { id: String(id), email, role: "AUTHOR", sessionVersion: 0 } as never,
      account: null,
      trigger: "signIn",
    });
    expect(signedIn).toMatchObject({ userId: id, role: "AUTHOR", sessionVersion: 0, revoked: false });

    await testDatabase.db.user.update({ where: { id }, data: { role: "ADMIN" } });
    expect(await jwt({ token: signedIn, account: null } as never)).toMatchObject({ role: "ADMIN", revoked: false });

    await testDatabase.db.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    const signedOut = await jwt({ token: signedIn, account: null } as never);
    expect(signedOut).toMatchObject({ revoked: true, role: undefined });
    const sessionOf = await options.callbacks!.session!({ session: { expires: "x" }, token: signedOut } as never);
    expect(sessionOf).toEqual({ expires: "x" });
    // Once revoked, always revoked, even if the version were to match again.
    await testDatabase.db.user.update({ where: { id }, data: { sessionVersion: 0 } });
    expect(await jwt({ token: signedOut, account: null } as never)).toMatchObject({ revoked: true });

    await testDatabase.db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    expect(await jwt({ token: signedIn, account: null } as never)).toMatchObject({ revoked: true });
  });

  it("sets HttpOnly, SameSite=Lax cookies, Secure with __Secure- names over https", async () => {
    const { sessionCookies } = await import("@/lib/auth/config");
    const secure = sessionCookies("https://think.example.org");
    expect(secure.useSecureCookies).toBe(true);
    expect(secure.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(secure.cookies?.csrfToken?.name).toBe("__Host-next-auth.csrf-token");
    const plain = sessionCookies("http://localhost:3000");
    expect(plain.cookies?.sessionToken).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(options.cookies).toEqual(plain.cookies);
  });

  it("authorize throws the generic message for a wrong password", async () => {
    const { email } = await newAccount();
    const provider = options.providers[0] as unknown as {
      options: { authorize: (credentials: unknown, request: unknown) => Promise<unknown> };
    };
    await expect(
      asAnonymous(() => provider.options.authorize({ email, password: "wrong-password-here" }, { headers: {} })),
    ).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    await expect(
      asAnonymous(() =>
        provider.options.authorize(
          { email, password: PASSWORD },
          { headers: { "x-quire-client-address": "192.0.2.1" } },
        ),
      ).then((outcome) => outcome.result),
    ).resolves.toMatchObject({ email, role: "EDITOR", sessionVersion: 0 });
  });
});

describe("the staff guard: authorize and requirePermission (a real session cookie, read against the database)", () => {
  let sessionModule: typeof import("@/lib/auth/session");
  let respond: typeof import("@/lib/http/respond");
  let editor: StaffIdentity;
  beforeAll(async () => {
    sessionModule = await import("@/lib/auth/session");
    respond = await import("@/lib/http/respond");
    const account = await newAccount("EDITOR");
    editor = { id: account.id, email: account.email, name: `Staff ${counter}`, role: "EDITOR", sessionVersion: 0 };
  });

  const expected = () => ({ id: editor.id, email: editor.email, name: editor.name, role: "EDITOR" });

  it("sends anonymous visitors of a staff page to /login with a callback", async () => {
    await expect(
      asAnonymous(() => sessionModule.requirePermission("content.write", "/admin/publications?q=x")),
    ).rejects.toMatchObject({
      digest: expect.stringContaining("/login?callbackUrl=%2Fadmin%2Fpublications%3Fq%3Dx"),
    });
  });

  it("gives a staff page the user holding the permission and throws a 403 ForbiddenError otherwise", async () => {
    const allowed = await asUser(editor, () => sessionModule.requirePermission("content.publish", "/admin"));
    expect(allowed.result).toEqual(expected());
    const refused = asUser(editor, () => sessionModule.requirePermission("users.manage", "/admin/users"));
    await expect(refused).rejects.toBeInstanceOf(sessionModule.ForbiddenError);
    await expect(refused).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  });

  it("answers actions with the user or a 401/403 refusal, which route handlers send as JSON", async () => {
    const anonymous = (await asAnonymous(() => sessionModule.authorize("users.manage"))).result;
    expect(anonymous).toMatchObject({ ok: false, status: 401 });
    const forbidden = (await asUser(editor, () => sessionModule.authorize("users.manage"))).result;
    expect(forbidden).toMatchObject({ ok: false, status: 403 });
    if (anonymous.ok || forbidden.ok) throw new Error("refused above");
    const unauthorized = respond.refusalResponse(anonymous);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("www-authenticate")).toBe("Session");
    const response = respond.refusalResponse(forbidden);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ ok: false, message: expect.any(String) });
    expect((await asUser(editor, () => sessionModule.authorize("subscribers.manage"))).result).toEqual({
      ok: true,
      user: expected(),
    });
  });

  it("follows the database on the next request: role changes, sign out everywhere, disabling", async () => {
    const current = () => asUser(editor, () => sessionModule.getCurrentUser()).then((outcome) => outcome.result);
    await testDatabase.db.user.update({ where: { id: editor.id }, data: { role: "AUTHOR" } });
    expect(await current()).toMatchObject({ role: "AUTHOR" });
    await testDatabase.db.user.update({ where: { id: editor.id }, data: { role: "EDITOR", sessionVersion: 1 } });
    expect(await current()).toBeNull(); // the cookie carries version 0
    editor = { ...editor, sessionVersion: 1 };
    expect(await current()).toEqual(expected());
    await testDatabase.db.user.update({ where: { id: editor.id }, data: { disabledAt: new Date() } });
    expect(await current()).toBeNull();
    await testDatabase.db.user.update({ where: { id: editor.id }, data: { disabledAt: null } });
  });

  it("refuses a forged or expired cookie", async () => {
    const { SESSION_COOKIE_NAME } = await import("@/lib/auth/config");
    const { encode } = await import("next-auth/jwt");
    const claims = { userId: editor.id, role: "ADMIN" as const, sessionVersion: editor.sessionVersion };
    const forged = await encode({ secret: "another-secret-that-is-long-enough-to-use", token: claims });
    const expired = await encode({ secret: TEST_SECRET, token: claims, maxAge: -60 });
    for (const value of [forged, expired, "garbage"]) {
      const cookies = new Map([[SESSION_COOKIE_NAME, value]]);
      const { sessionUserFromCookies } = await import("@/lib/auth/config");
      expect(await sessionUserFromCookies(testDatabase.db, (name) => cookies.get(name))).toBeNull();
    }
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-origin paths and refuses everything else", () => {
    expect(safeCallbackPath("/admin/publications?q=korea")).toBe("/admin/publications?q=korea");
    for (const unsafe of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/login",
      "",
      undefined,
      42,
    ]) {
      expect(safeCallbackPath(unsafe)).toBe("/admin");
    }
  });
});

describe("admin data", () => {
  it("searches titles literally, including % and _, and leaves out the trash", async () => {
    const type = await testDatabase.db.publicationType.create({
      data: { slug: "admin-test", name: "Admin test", pluralName: "Admin tests" },
    });
    const make = (title: string, extra: { deletedAt?: Date; status?: "DRAFT" | "PUBLISHED" } = {}) =>
      testDatabase.db.publication.create({
        data: {
          title,
          slug: `t-${title.replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2)}`,
          bodyJson: {},
          bodyHtml: "",
          typeId: type.id,
          ...extra,
        },
      });
    await make("Zebra 100% growth", { status: "PUBLISHED" });
    await make("Zebra 1000 growth");
    await make("Zebra trashed", { deletedAt: new Date() });
    expect(escapeLikePattern("a%b_c\\")).toBe("a\\%b\\_c\\\\");

    const all = await listAdminPublications(testDatabase.db, parseAdminPublicationQuery({ q: "zebra" }));
    expect(all.rows.map((row) => row.title).sort()).toEqual(["Zebra 100% growth", "Zebra 1000 growth"].sort());
    const literal = await listAdminPublications(testDatabase.db, parseAdminPublicationQuery({ q: "100%" }));
    expect(literal.rows.map((row) => row.title)).toEqual(["Zebra 100% growth"]);
    const drafts = await listAdminPublications(
      testDatabase.db,
      parseAdminPublicationQuery({ q: "zebra", status: "DRAFT" }),
    );
    expect(drafts.total).toBe(1);
    expect(parseAdminPublicationQuery({ status: "BOGUS", page: "-3", q: ["x", "y"] })).toEqual({
      q: "x",
      status: undefined,
      page: 1,
    });

    const counts = await getDashboardCounts(testDatabase.db);
    expect(counts.publications.PUBLISHED).toBeGreaterThanOrEqual(1);
    expect(counts.publications.DRAFT).toBeGreaterThanOrEqual(1);
    expect((await getLatestAuditEntries(testDatabase.db)).length).toBeLessThanOrEqual(10);
  });
});
