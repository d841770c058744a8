/**
 * "Sign out" ends that session, at once and for good: the cookie it leaves behind (copied,
 * say, from a shared computer) no longer signs anyone in, while the same person's other
 * browsers stay signed in until "Sign out everywhere". Real sessions throughout: signed in
 * and out through next-auth with the app's options, cookies signed with the app's secret.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { AuthBrowser } from "./support/auth-browser";
import { asUser, createStaff, stubAppEnvironment, STAFF_PASSWORD } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const SITE = "https://think.example.org";
const testDatabase = isolatedTestDatabase();
let config: typeof import("@/lib/auth/config");

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { NEXTAUTH_URL: SITE });
  config = await import("@/lib/auth/config");
});
afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
});

/** Who a session cookie signs in now, read as every staff request reads it. */
function holderOf(cookie: string | undefined) {
  return config.sessionUserFromCookies(testDatabase.db, (name) =>
    name === config.SESSION_COOKIE_NAME ? cookie : undefined,
  );
}

describe("signing out", () => {
  it("ends that session only: its cookie no longer counts, the same person's other sessions do", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "two-browsers");
    const [laptop, phone] = [new AuthBrowser(SITE, "203.0.113.20"), new AuthBrowser(SITE, "203.0.113.21")];
    for (const browser of [laptop, phone])
      expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBeNull();
    const laptopCookie = laptop.sessionCookie(config.SESSION_COOKIE_NAME);
    const phoneCookie = phone.sessionCookie(config.SESSION_COOKIE_NAME);
    expect(laptopCookie).toBeDefined();
    expect(await holderOf(laptopCookie)).toMatchObject({ id: editor.id });
    expect(await holderOf(phoneCookie)).toMatchObject({ id: editor.id });

    expect(new URL(await laptop.signOut()).pathname).toBe("/login");
    expect(laptop.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();
    // The cookie as it was before signing out (kept by a copy, a proxy, a shared computer).
    expect(await holderOf(laptopCookie)).toBeNull();
    expect(await holderOf(phoneCookie)).toMatchObject({ id: editor.id });
    // next-auth's own session endpoint agrees.
    const again = new AuthBrowser(SITE, "203.0.113.20");
    again.cookies.set(config.SESSION_COOKIE_NAME, laptopCookie!);
    expect(await (await again.request("GET", "/api/auth/session")).json()).not.toHaveProperty("user");

    const entries = await testDatabase.db.auditLog.findMany({
      where: { action: "auth.sign_out", entityId: String(editor.id) },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(editor.id);
  });

  it("ends every session with Sign out everywhere", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "everywhere");
    const [laptop, phone] = [new AuthBrowser(SITE, "203.0.113.30"), new AuthBrowser(SITE, "203.0.113.31")];
    for (const browser of [laptop, phone]) await browser.signIn(admin.email, STAFF_PASSWORD);
    const { signOutEverywhereAction } = await import("@/lib/actions/account/sign-out-everywhere");
    const identity = { ...admin, sessionVersion: 0 };
    expect((await asUser(identity, () => signOutEverywhereAction())).result).toMatchObject({ ok: true });
    for (const browser of [laptop, phone])
      expect(await holderOf(browser.sessionCookie(config.SESSION_COOKIE_NAME))).toBeNull();
  });

  it("refuses a session without an id, which could not be signed out on its own", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "no-sid");
    const { encode } = await import("next-auth/jwt");
    const { TEST_SECRET } = await import("./support/request-scope");
    const token = await encode({
      secret: TEST_SECRET,
      token: { userId: editor.id, role: "EDITOR", sessionVersion: 0, revoked: false },
    });
    expect(await holderOf(token)).toBeNull();
  });

  it("keeps the list of signed-out sessions short: the retention job drops those past their expiry", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "expired-session");
    const sessions = await import("@/lib/auth/sessions");
    const { pruneAuditLog } = await import("@/lib/auth/audit-log");
    await sessions.endSession(testDatabase.db, { userId: editor.id, sid: "old-session", exp: 1 });
    await sessions.endSession(testDatabase.db, {
      userId: editor.id,
      sid: "current-session",
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(await pruneAuditLog(testDatabase.db)).toMatchObject({ revokedSessions: 1 });
    expect((await testDatabase.db.revokedSession.findMany()).map((row) => row.id)).toContain("current-session");
  });
});
