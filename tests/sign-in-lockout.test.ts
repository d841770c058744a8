/**
 * Sign-in lockouts (lib/auth/sign-in.ts): guessing slows down the guesser, never locks the
 * account as a whole. One attacker address does not stop the owner elsewhere; many do not
 * stop the owner's known device, nor a password set through an emailed link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { AuthBrowser } from "./support/auth-browser";
import {
  createStaff,
  stubAppEnvironment,
  STAFF_PASSWORD,
  TEST_SECRET,
  type StaffIdentity,
} from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);

const SITE = "https://think.example.org";
const testDatabase = isolatedTestDatabase();
let signIn: typeof import("@/lib/auth/sign-in");

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { NEXTAUTH_URL: SITE });
  signIn = await import("@/lib/auth/sign-in");
});
afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  for (const lockout of Object.values(signIn.signInLockouts)) await lockout.reset();
});

const attempt = (
  email: string,
  password: string,
  ip: string,
  device: { userId: number; nonce: string } | null = null,
) => signIn.authenticate(testDatabase.db, { email, password }, { ip, device });

const reasonOf = (result: import("@/lib/auth/sign-in").SignInResult) => (result.ok ? "ok" : result.reason);
const messageOf = (result: import("@/lib/auth/sign-in").SignInResult) => (result.ok ? "ok" : result.message);
const wrong = (index: number) => `not-the-password-${index}`;

describe("one address guessing", () => {
  it("slows the guesser at address A, and never stops the owner at address B", async () => {
    const owner = await createStaff(testDatabase.db, "ADMIN", "target");
    const outcomes = [];
    for (let index = 0; index < 12; index++)
      outcomes.push(reasonOf(await attempt(owner.email, wrong(index), "198.51.100.66")));
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill("wrong_password"));
    expect(outcomes.slice(5)).toEqual(Array(7).fill("rate_limited"));
    // The attacker is held even with the right password…
    expect(await attempt(owner.email, STAFF_PASSWORD, "198.51.100.66")).toEqual({
      ok: false,
      reason: "rate_limited",
      message: signIn.RATE_LIMITED_MESSAGE,
    });
    // …the owner elsewhere is not.
    expect(await attempt(owner.email, STAFF_PASSWORD, "203.0.113.5")).toMatchObject({ ok: true });
    expect(await signIn.signInLockouts.perAddress.retryAfterSeconds("198.51.100.66")).toBeGreaterThan(0);
  });

  it("holds an address that guesses across accounts, with no word on which emails exist", async () => {
    const [one, two] = [await createStaff(testDatabase.db, "EDITOR"), await createStaff(testDatabase.db, "AUTHOR")];
    const targets = [one.email, "nobody-1@example.org", two.email, "nobody-2@example.org", one.email];
    for (const [index, email] of targets.entries()) {
      const result = await attempt(email, wrong(index), "198.51.100.67");
      expect(result).toMatchObject({ ok: false, message: signIn.INVALID_CREDENTIALS_MESSAGE });
    }
    expect(await attempt(two.email, STAFF_PASSWORD, "198.51.100.67")).toMatchObject({ reason: "rate_limited" });
    expect(await attempt("nobody-3@example.org", "x", "198.51.100.67")).toMatchObject({ reason: "rate_limited" });
    expect(await attempt(two.email, STAFF_PASSWORD, "198.51.100.68")).toMatchObject({ ok: true });
  });

  it("treats an email with no account exactly as one with an account", async () => {
    const owner = await createStaff(testDatabase.db, "EDITOR");
    const run = async (email: string, ip: string) => {
      const reasons = [];
      for (let index = 0; index < 7; index++) reasons.push(messageOf(await attempt(email, wrong(index), ip)));
      return reasons;
    };
    expect(await run("no-such-person@example.org", "198.51.100.70")).toEqual(await run(owner.email, "198.51.100.71"));
  });

  it("checks a burst of simultaneous guesses against the allowance, not one by one", async () => {
    const owner = await createStaff(testDatabase.db, "EDITOR", "burst");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attempt(owner.email, wrong(index), "198.51.100.80")),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "wrong_password");
    expect(checked.length).toBeGreaterThanOrEqual(5);
    expect(checked.length).toBeLessThanOrEqual(6);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(
      20 - checked.length,
    );
  });
});

describe("many addresses guessing at one account", () => {
  let owner: StaffIdentity;
  beforeAll(async () => {
    owner = await createStaff(testDatabase.db, "ADMIN", "popular");
  });

  async function distributedGuessing() {
    for (let index = 0; index < 25; index++) await attempt(owner.email, wrong(index), `192.0.2.${index + 1}`);
  }

  it("holds clients the account does not know, but not the owner's known device", async () => {
    await distributedGuessing();
    expect(await attempt(owner.email, STAFF_PASSWORD, "203.0.113.90")).toMatchObject({ reason: "rate_limited" });
    const device = { userId: owner.id, nonce: "AAAAAAAAAAAAAAAAAAAAAA" };
    expect(await attempt(owner.email, STAFF_PASSWORD, "203.0.113.90", device)).toMatchObject({ ok: true });
    // A device known to another account earns nothing here.
    const foreign = { userId: owner.id + 1000, nonce: "BBBBBBBBBBBBBBBBBBBBBB" };
    expect(await attempt(owner.email, STAFF_PASSWORD, "203.0.113.91", foreign)).toMatchObject({
      reason: "rate_limited",
    });
  });

  it("lets the owner in from anywhere once they set a password through an emailed link", async () => {
    await distributedGuessing();
    expect(await attempt(owner.email, STAFF_PASSWORD, "203.0.113.92")).toMatchObject({ reason: "rate_limited" });
    const links = await import("@/lib/auth/password-links");
    const tokens = await import("@/lib/auth/password-tokens");
    const account = await testDatabase.db.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { id: true, passwordHash: true, sessionVersion: true },
    });
    const token = tokens.createPasswordToken(tokens.derivePasswordTokenKey(TEST_SECRET), account, "reset");
    const newPassword = "a brand new passphrase for the owner";
    expect(
      await links.setPasswordWithLink(testDatabase.db, { token, password: newPassword, confirm: newPassword }),
    ).toMatchObject({ ok: true });
    expect(await attempt(owner.email, newPassword, "203.0.113.92")).toMatchObject({ ok: true });
  });
});

describe("through the sign-in endpoint", () => {
  it("remembers the browser that signed in, which then passes the account's lockout", async () => {
    const owner = await createStaff(testDatabase.db, "EDITOR", "device");
    const laptop = new AuthBrowser(SITE, "203.0.113.100");
    expect((await laptop.signIn(owner.email, STAFF_PASSWORD)).error).toBeNull();
    const { knownDeviceCookie } = await import("@/lib/auth/config");
    const deviceCookie = knownDeviceCookie(SITE).name;
    expect(laptop.cookies.get(deviceCookie)).toMatch(new RegExp(`^${owner.id}\\.`));

    for (let index = 0; index < 25; index++) await attempt(owner.email, wrong(index), `192.0.2.${100 + index}`);
    const stranger = new AuthBrowser(SITE, "203.0.113.101");
    expect((await stranger.signIn(owner.email, STAFF_PASSWORD)).error).toBe(signIn.RATE_LIMITED_MESSAGE);
    // The laptop, now at that same address, is known.
    const moved = new AuthBrowser(SITE, "203.0.113.101");
    moved.cookies.set(deviceCookie, laptop.cookies.get(deviceCookie)!);
    expect((await moved.signIn(owner.email, STAFF_PASSWORD)).error).toBeNull();
    // A forged device cookie is just absent.
    const forger = new AuthBrowser(SITE, "203.0.113.102");
    forger.cookies.set(
      deviceCookie,
      laptop.cookies.get(deviceCookie)!.replace(/.$/, (last) => (last === "A" ? "B" : "A")),
    );
    expect((await forger.signIn(owner.email, STAFF_PASSWORD)).error).toBe(signIn.RATE_LIMITED_MESSAGE);
  });
});
