/**
 * Two-factor sign-in for staff: setting up an authenticator, signing in with a code or a
 * recovery code (and never with the password alone), codes refused a second time, wrong
 * codes held by the sign-in lockouts, an admin's reset and requirement, and the audit log
 * of each. Real sessions throughout: next-auth with the app's options, the real database;
 * codes are computed with the same library an authenticator app's algorithm follows.
 */
import { generate } from "@otplib/totp";
import { ScureBase32Plugin } from "@otplib/plugin-base32-scure";
import { NodeCryptoPlugin } from "@otplib/plugin-crypto-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { AuthBrowser } from "./support/auth-browser";
import { asUser, createStaff, STAFF_PASSWORD, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const SITE = "https://think.example.org";
const testDatabase = isolatedTestDatabase();
let config: typeof import("@/lib/auth/config");
let signIn: typeof import("@/lib/auth/sign-in");
let account: typeof import("@/lib/actions/account/two-factor");
let twoFactor: typeof import("@/lib/auth/two-factor");

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { NEXTAUTH_URL: SITE });
  config = await import("@/lib/auth/config");
  signIn = await import("@/lib/auth/sign-in");
  account = await import("@/lib/actions/account/two-factor");
  twoFactor = await import("@/lib/auth/two-factor");
});
afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  for (const lockout of Object.values(signIn.signInLockouts)) await lockout.reset();
});

const plugins = { crypto: new NodeCryptoPlugin(), base32: new ScureBase32Plugin() };
/** The code an authenticator app shows `offsetSteps` time steps from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  generate({ secret, ...plugins, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
/** A six-digit code that is none of the ones accepted now. */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1, 2].map((offset) => codeAt(secret, offset))));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Sets up `user`'s authenticator through the account page's actions; its code of this time step is used up. */
async function enrol(user: StaffIdentity): Promise<{ secret: string; recoveryCodes: string[] }> {
  expect((await asUser(user, () => account.startTwoFactorSetupAction())).result).toMatchObject({ ok: true });
  const overview = await twoFactor.twoFactorOverview(testDatabase.db, user);
  const secret = overview.pending!.secret;
  const { result } = await asUser(user, async () =>
    account.confirmTwoFactorSetupAction(null, form({ code: await codeAt(secret) })),
  );
  if (!result?.ok || !result.recoveryCodes) throw new Error(`Set-up failed: ${JSON.stringify(result)}`);
  return { secret, recoveryCodes: result.recoveryCodes };
}

function actionsOf(userId: number) {
  return testDatabase.db.auditLog
    .findMany({ where: { entityType: "User", entityId: String(userId) }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((row) => row.action));
}

async function sessionHolder(browser: AuthBrowser) {
  const cookie = browser.sessionCookie(config.SESSION_COOKIE_NAME);
  return config.sessionUserFromCookies(testDatabase.db, (name) =>
    name === config.SESSION_COOKIE_NAME ? cookie : undefined,
  );
}

describe("setting up an authenticator", () => {
  it("shows a secret until a code confirms it, stores it encrypted, and answers with ten recovery codes once", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "enrol");
    await asUser(editor, () => account.startTwoFactorSetupAction());
    const overview = await twoFactor.twoFactorOverview(testDatabase.db, editor);
    expect(overview.enabled).toBe(false);
    expect(overview.pending!.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(overview.pending!.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}/);
    const row = await testDatabase.db.twoFactor.findUniqueOrThrow({ where: { userId: editor.id } });
    expect(row.secret).not.toContain(overview.pending!.secret);
    expect(row.secret).toMatch(/^v1\./);

    const wrong = await asUser(editor, async () =>
      account.confirmTwoFactorSetupAction(null, form({ code: await wrongCode(overview.pending!.secret) })),
    );
    expect(wrong.result).toMatchObject({ ok: false, status: 400, fieldErrors: { code: expect.any(String) } });
    expect((await twoFactor.twoFactorOverview(testDatabase.db, editor)).enabled).toBe(false);
    const malformed = await asUser(editor, () => account.confirmTwoFactorSetupAction(null, form({ code: "12ab" })));
    expect(malformed.result).toMatchObject({ ok: false, status: 400 });

    const right = await asUser(editor, async () =>
      account.confirmTwoFactorSetupAction(null, form({ code: await codeAt(overview.pending!.secret) })),
    );
    expect(right.result).toMatchObject({ ok: true });
    const codes = (right.result as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const stored = await testDatabase.db.recoveryCode.findMany({ where: { userId: editor.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.some((row) => row.codeHash.includes(code.replaceAll("-", "")))).toBe(false);

    const after = await twoFactor.twoFactorOverview(testDatabase.db, editor);
    expect(after).toMatchObject({ enabled: true, pending: null, recoveryCodesLeft: 10 });
    // Starting again once it is on is refused: the secret is never shown again.
    expect((await asUser(editor, () => account.startTwoFactorSetupAction())).result).toMatchObject({ status: 409 });
    const actions = await actionsOf(editor.id);
    expect(actions).toContain("auth.two_factor.enable");
    expect(actions.filter((action) => action === "auth.two_factor.failure")).toHaveLength(1);
  });
});

describe("signing in with a second factor", () => {
  it("gives no session for the password alone; the code turns the pending sign-in into one", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "two-steps");
    const { secret } = await enrol(admin);
    const browser = new AuthBrowser(SITE, "203.0.113.50");

    const first = await browser.signIn(admin.email, STAFF_PASSWORD);
    expect(first.error).toBe(signIn.SECOND_FACTOR_REQUIRED_MESSAGE);
    expect(browser.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();
    expect(await (await browser.request("GET", "/api/auth/session")).json()).not.toHaveProperty("user");
    expect(browser.cookies.get(config.pendingSignInCookie(SITE).name)).toBeDefined();

    const wrong = await browser.submitCode(await wrongCode(secret));
    expect(wrong.error).toBe(signIn.INVALID_CODE_MESSAGE);
    expect(browser.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();

    const right = await browser.submitCode(await codeAt(secret, 1));
    expect(right.error).toBeNull();
    expect(await sessionHolder(browser)).toMatchObject({ id: admin.id, role: "ADMIN" });
    // Cleared (an empty value that expires at once).
    expect(browser.cookies.get(config.pendingSignInCookie(SITE).name) ?? "").toBe("");

    const entries = await testDatabase.db.auditLog.findMany({
      where: { entityId: String(admin.id), action: { startsWith: "auth." } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((entry) => entry.action)).toEqual([
      "auth.two_factor.enable",
      "auth.sign_in.password_verified",
      "auth.two_factor.failure",
      "auth.sign_in.success",
    ]);
    expect(entries[2]!.details).toMatchObject({ reason: "wrong_code", stage: "sign_in" });
    expect(entries[3]!.details).toMatchObject({ secondFactor: "totp" });
  });

  it("refuses a code without a pending sign-in, with a forged one, and with one from before Sign out everywhere", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "skip");
    const { secret } = await enrol(editor);
    const code = await codeAt(secret, 1);
    const pendingName = config.pendingSignInCookie(SITE).name;

    // The code step straight away, and with the email and password beside the code.
    const stranger = new AuthBrowser(SITE, "203.0.113.51");
    expect((await stranger.submitCode(code)).error).toBe(signIn.SIGN_IN_EXPIRED_MESSAGE);
    const both = await stranger.request("POST", "/api/auth/callback/credentials", {
      email: editor.email,
      password: STAFF_PASSWORD,
      code,
      csrfToken: ((await (await stranger.request("GET", "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken,
      json: "true",
    });
    expect(new URL(((await both.json()) as { url: string }).url).searchParams.get("error")).toBe(
      signIn.SIGN_IN_EXPIRED_MESSAGE,
    );
    expect(stranger.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();

    // A pending sign-in whose signature does not hold.
    const forger = new AuthBrowser(SITE, "203.0.113.52");
    await forger.signIn(editor.email, STAFF_PASSWORD);
    const token = forger.cookies.get(pendingName)!;
    forger.cookies.set(pendingName, `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`);
    expect((await forger.submitCode(code)).error).toBe(signIn.SIGN_IN_EXPIRED_MESSAGE);
    expect(forger.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();

    // An expired one.
    const { derivePendingSignInKey, readPendingSignInToken, PENDING_SIGN_IN_LIFETIME_SECONDS } =
      await import("@/lib/auth/pending-sign-in");
    const key = derivePendingSignInKey(process.env.NEXTAUTH_SECRET!);
    const halfway = new AuthBrowser(SITE, "203.0.113.53");
    await halfway.signIn(editor.email, STAFF_PASSWORD);
    const pending = halfway.cookies.get(pendingName)!;
    expect(readPendingSignInToken(key, pending)).toEqual({ userId: editor.id, sessionVersion: 0 });
    expect(
      readPendingSignInToken(key, pending, Date.now() + PENDING_SIGN_IN_LIFETIME_SECONDS * 1000 + 1000),
    ).toBeNull();

    // Signed out everywhere between the two steps.
    await testDatabase.db.user.update({ where: { id: editor.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await halfway.submitCode(code)).error).toBe(signIn.SIGN_IN_EXPIRED_MESSAGE);
    expect(halfway.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();
  });

  it("never accepts the same code twice", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "replay");
    const { secret } = await enrol(editor);
    const code = await codeAt(secret, 1);
    const laptop = new AuthBrowser(SITE, "203.0.113.54");
    await laptop.signIn(editor.email, STAFF_PASSWORD);
    expect((await laptop.submitCode(code)).error).toBeNull();

    // Someone who saw the code over the shoulder, with the password, within the same 30 seconds.
    const onlooker = new AuthBrowser(SITE, "203.0.113.55");
    expect((await onlooker.signIn(editor.email, STAFF_PASSWORD)).error).toBe(signIn.SECOND_FACTOR_REQUIRED_MESSAGE);
    expect((await onlooker.submitCode(code)).error).toBe(signIn.INVALID_CODE_MESSAGE);
    expect(onlooker.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();
    // The code used to turn it on is refused too.
    const failure = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { entityId: String(editor.id), action: "auth.two_factor.failure" },
    });
    expect(failure.details).toMatchObject({ reason: "replayed_code", stage: "sign_in", ip: "203.0.113.55" });
  });

  it("accepts each recovery code once, in place of a code, and records its use", async () => {
    const author = await createStaff(testDatabase.db, "AUTHOR", "recovery");
    const { recoveryCodes } = await enrol(author);
    const browser = new AuthBrowser(SITE, "203.0.113.56");
    await browser.signIn(author.email, STAFF_PASSWORD);
    // Typed in lower case, without dashes: still the code.
    expect((await browser.submitCode(recoveryCodes[3]!.replaceAll("-", " ").toLowerCase())).error).toBeNull();
    expect(await sessionHolder(browser)).toMatchObject({ id: author.id });

    const again = new AuthBrowser(SITE, "203.0.113.57");
    await again.signIn(author.email, STAFF_PASSWORD);
    expect((await again.submitCode(recoveryCodes[3]!)).error).toBe(signIn.INVALID_CODE_MESSAGE);
    expect(again.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();

    const used = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { entityId: String(author.id), action: "auth.two_factor.recovery_code_used" },
    });
    expect(used.details).toEqual({ recoveryCodesLeft: 9 });
    expect((await twoFactor.twoFactorOverview(testDatabase.db, author)).recoveryCodesLeft).toBe(9);
  });

  it("counts wrong codes against the sign-in lockout, which the right password does not lift", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "guessing");
    const { secret } = await enrol(editor);
    const browser = new AuthBrowser(SITE, "203.0.113.58");
    const wrong = await wrongCode(secret);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // Re-entering the password between guesses changes nothing.
      expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBe(signIn.SECOND_FACTOR_REQUIRED_MESSAGE);
      expect((await browser.submitCode(wrong)).error).toBe(signIn.INVALID_CODE_MESSAGE);
    }
    expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBe(signIn.RATE_LIMITED_MESSAGE);
    expect((await browser.submitCode(await codeAt(secret, 1))).error).toBe(signIn.RATE_LIMITED_MESSAGE);
    expect(browser.sessionCookie(config.SESSION_COOKIE_NAME)).toBeUndefined();
    const lockouts = await testDatabase.db.auditLog.count({
      where: { entityId: String(editor.id), action: "auth.lockout" },
    });
    expect(lockouts).toBeGreaterThan(0);
  });

  it("leaves accounts without a second factor signing in with the password alone", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "one-step");
    const browser = new AuthBrowser(SITE, "203.0.113.59");
    expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBeNull();
    expect(await sessionHolder(browser)).toMatchObject({ id: editor.id });
  });
});

describe("a rotated NEXTAUTH_SECRET", () => {
  it("reads secrets under the previous secret's key and stores them under the current one at the next code", async () => {
    const { checkSecondFactor, decryptSecret, deriveSecretKey } = await import("@/lib/auth/totp");
    const { secondFactorKey } = await import("@/lib/auth/two-factor-key");
    const editor = await createStaff(testDatabase.db, "EDITOR", "rotated");
    const { secret } = await enrol(editor);
    const stored = await testDatabase.db.twoFactor.findUniqueOrThrow({ where: { userId: editor.id } });
    // After rotation, the key enrolment used is the previous one, beside a new current key.
    const newKey = deriveSecretKey("a-new-secret-of-at-least-thirty-two-characters");
    const oldKey = secondFactorKey();

    expect(await checkSecondFactor(testDatabase.db, [newKey], editor.id, await codeAt(secret, 1))).toEqual({
      ok: false,
      reason: "wrong_code",
    });
    expect(await checkSecondFactor(testDatabase.db, [newKey, oldKey], editor.id, await codeAt(secret, 1))).toEqual({
      ok: true,
      method: "totp",
    });
    const restored = await testDatabase.db.twoFactor.findUniqueOrThrow({ where: { userId: editor.id } });
    expect(restored.secret).not.toBe(stored.secret);
    expect(decryptSecret(newKey, restored.secret)).toBe(secret);
    expect(decryptSecret(oldKey, restored.secret)).toBeNull();
  });
});

describe("managing one's second factor", () => {
  it("makes new recovery codes and turns it off only with the password or a current code", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR", "manage");
    const { secret, recoveryCodes } = await enrol(editor);

    const refused = await asUser(editor, () =>
      account.regenerateRecoveryCodesAction(null, form({ confirmation: "not-my-password" })),
    );
    expect(refused.result).toMatchObject({ ok: false, status: 400, fieldErrors: { confirmation: expect.any(String) } });
    const renewed = await asUser(editor, () =>
      account.regenerateRecoveryCodesAction(null, form({ confirmation: STAFF_PASSWORD })),
    );
    expect(renewed.result).toMatchObject({ ok: true });
    const fresh = (renewed.result as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    const { checkSecondFactor } = await import("@/lib/auth/totp");
    const { secondFactorKeys } = await import("@/lib/auth/two-factor-key");
    expect(await checkSecondFactor(testDatabase.db, secondFactorKeys(), editor.id, recoveryCodes[0]!)).toMatchObject({
      ok: false,
    });

    const wrongOff = await asUser(editor, async () =>
      account.disableTwoFactorAction(null, form({ confirmation: await wrongCode(secret) })),
    );
    expect(wrongOff.result).toMatchObject({ ok: false, status: 400 });
    const off = await asUser(editor, async () =>
      account.disableTwoFactorAction(null, form({ confirmation: await codeAt(secret, 1) })),
    );
    expect(off.result).toMatchObject({ ok: true });
    expect(await testDatabase.db.twoFactor.count({ where: { userId: editor.id } })).toBe(0);
    expect(await testDatabase.db.recoveryCode.count({ where: { userId: editor.id } })).toBe(0);

    const actions = await actionsOf(editor.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        "auth.two_factor.enable",
        "auth.two_factor.recovery_codes_regenerate",
        "auth.two_factor.disable",
      ]),
    );
    expect(actions.filter((action) => action === "auth.two_factor.failure")).toHaveLength(2);
    const browser = new AuthBrowser(SITE, "203.0.113.60");
    expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBeNull();
  });
});

describe("what admins decide", () => {
  it("an admin resets a colleague's second factor, ending their sessions; never their own", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "resetter");
    const editor = await createStaff(testDatabase.db, "EDITOR", "lost-phone");
    await enrol(editor);
    const { resetSecondFactorAction } = await import("@/lib/actions/users/manage-user");

    const self = await asUser(admin, () => resetSecondFactorAction(null, form({ userId: String(admin.id) })));
    expect(self.result).toMatchObject({ ok: false, status: 409 });
    const byEditor = await asUser(editor, () => resetSecondFactorAction(null, form({ userId: String(editor.id) })));
    expect(byEditor.result).toMatchObject({ ok: false, status: 403 });
    expect(await testDatabase.db.twoFactor.count({ where: { userId: editor.id } })).toBe(1);

    const reset = await asUser(admin, () => resetSecondFactorAction(null, form({ userId: String(editor.id) })));
    expect(reset.result).toMatchObject({ ok: true });
    expect(await testDatabase.db.twoFactor.count({ where: { userId: editor.id } })).toBe(0);
    expect(await testDatabase.db.recoveryCode.count({ where: { userId: editor.id } })).toBe(0);
    const row = await testDatabase.db.user.findUniqueOrThrow({ where: { id: editor.id } });
    expect(row.sessionVersion).toBe(1);
    const entry = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "auth.two_factor.reset", entityId: String(editor.id) },
    });
    expect(entry.actorId).toBe(admin.id);
    expect(entry.details).toEqual({ hadSecondFactor: true });

    const browser = new AuthBrowser(SITE, "203.0.113.61");
    expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBeNull();
  });

  it("requiring a second factor holds admins and editors without one at their account page until they set it up", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "requirer");
    const editor = await createStaff(testDatabase.db, "EDITOR", "required");
    const author = await createStaff(testDatabase.db, "AUTHOR", "not-required");
    const { updateTwoFactorRequirement } = await import("@/lib/actions/settings/update-two-factor-requirement");
    const session = await import("@/lib/auth/session");
    const require = (on: boolean) => updateTwoFactorRequirement(null, form(on ? { required: "on" } : {}));

    // Not before the admin has one: they would lock themselves out.
    expect((await asUser(admin, () => require(true))).result).toMatchObject({ ok: false, status: 409 });
    await enrol(admin);
    expect((await asUser(admin, () => require(true))).result).toMatchObject({ ok: true });
    const setting = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "settings.two_factor_requirement_update" },
    });
    expect(setting).toMatchObject({ actorId: admin.id, details: { from: false, to: true } });

    // The editor signs in with the password (a session: they need one to set it up)…
    const browser = new AuthBrowser(SITE, "203.0.113.62");
    expect((await browser.signIn(editor.email, STAFF_PASSWORD)).error).toBeNull();
    // …and can do nothing but that.
    expect((await asUser(editor, () => session.authorize("content.write"))).result).toMatchObject({
      ok: false,
      status: 403,
      message: session.ENROL_SECOND_FACTOR_MESSAGE,
    });
    const page = await asUser(editor, () =>
      session.requirePermission("content.write", "/admin").then(
        () => null,
        (error: { digest?: string }) => error.digest ?? "",
      ),
    );
    expect(page.result).toMatch(/^NEXT_REDIRECT;replace;\/admin\/account;/);
    expect((await asUser(editor, () => session.authorize("account.manage"))).result).toMatchObject({ ok: true });
    // Authors are not held; admins with a second factor are not.
    expect((await asUser(author, () => session.authorize("content.write"))).result).toMatchObject({ ok: true });
    expect((await asUser(admin, () => session.authorize("users.manage"))).result).toMatchObject({ ok: true });

    await enrol(editor);
    expect((await asUser(editor, () => session.authorize("content.write"))).result).toMatchObject({ ok: true });
    // Required: it stays on.
    const off = await asUser(editor, () =>
      account.disableTwoFactorAction(null, form({ confirmation: STAFF_PASSWORD })),
    );
    expect(off.result).toMatchObject({ ok: false, status: 409 });

    expect((await asUser(admin, () => require(false))).result).toMatchObject({ ok: true });
  });
});
