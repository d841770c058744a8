/**
 * Where the browser goes after signing in: only ever a page of this site. The callback
 * path is checked after it is normalised (as a browser would resolve it), for hundreds of
 * encodings of "another host"; then through the real flow: the login page, the sign-in
 * form it renders, and next-auth's own callbackUrl handling.
 */
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { safeCallbackPath, safeRedirectUrl, sameSitePath } from "@/lib/auth/callback-url";
import { isolatedTestDatabase } from "./support/database";
import { AuthBrowser } from "./support/auth-browser";
import { asAnonymous, asUser, createStaff, stubAppEnvironment, STAFF_PASSWORD } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);

const SITE = "https://think.example.org";

/** Every way found to write "go to evil.example", and then some. */
function hostileCallbacks(): string[] {
  const hosts = ["evil.example", "evil.example/admin", "@evil.example", "evil.example:443", "127.0.0.1", "[::1]"];
  const escapes = ["", "..", "%2e%2e", ".%2E", "%2E.", ".", "%2e", "a/..", "admin/..", "admin/%2e%2e", "./.."];
  const slashes = [
    "/",
    "\\",
    "%2F",
    "%5C",
    "%2f",
    "%5c",
    "\t/",
    "/\t",
    "\n/",
    "\r/",
    "/\u0000",
    "\u2215",
    "\uFF0F",
    "\u29F8",
    "%E2%88%95",
    "%09/",
    " /",
  ];
  const values = new Set<string>();
  for (const host of hosts)
    for (const escape of escapes)
      for (const first of slashes)
        for (const second of slashes) {
          values.add(`/${escape}/${first}${second}${host}`);
          values.add(`/${escape}${first}${second}${host}`);
        }
  for (const host of hosts) {
    for (const prefix of [
      "//",
      "///",
      "\\\\",
      "/\\",
      "\\/",
      "/\t/",
      " //",
      "\t//",
      "https://",
      "http://",
      "https:",
      "HTTPS://",
      "//\\",
      "/%09/",
    ])
      values.add(`${prefix}${host}`);
    values.add(`https://${host}/admin`);
    values.add(`${SITE}@${host}/`);
    values.add(`${SITE}.${host}/`);
    values.add(`/\u3002${host}`);
  }
  for (const scheme of [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
  ]) {
    values.add(scheme);
    values.add(`/${scheme}`);
  }
  return [...values];
}

/** Whether a browser at `SITE` following `target` (as a Location header or a router push) stays on the site. */
function staysOnSite(target: string): boolean {
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return false;
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return false;
  return new URL(target, SITE).origin === SITE;
}

describe("safeCallbackPath", () => {
  const hostile = hostileCallbacks();

  it(`keeps every one of ${hostile.length} hostile callbacks on the site, and is stable`, () => {
    expect(hostile.length).toBeGreaterThan(1000);
    const escaped = hostile.filter((value) => !staysOnSite(safeCallbackPath(value)));
    expect(escaped).toEqual([]);
    for (const value of hostile) {
      const path = safeCallbackPath(value);
      expect(safeCallbackPath(path), value).toBe(path);
    }
  });

  it("refuses what only becomes another host once normalised", () => {
    for (const value of [
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "/admin/..//evil.example",
      "/.//evil.example",
      "/./\\evil.example",
    ])
      expect(safeCallbackPath(value), value).toBe("/admin");
  });

  it("keeps this site's own paths, with their query and fragment", () => {
    expect(safeCallbackPath("/admin/publications?q=korea")).toBe("/admin/publications?q=korea");
    expect(safeCallbackPath("/admin/subscribers?q=a%2Fb#list")).toBe("/admin/subscribers?q=a%2Fb#list");
    expect(safeCallbackPath("/admin/./media")).toBe("/admin/media");
    expect(safeCallbackPath(["/admin/users", "/x"])).toBe("/admin/users");
    for (const other of ["/login", "/api/auth/signout", "", undefined, 42, null, "x".repeat(3000)])
      expect(safeCallbackPath(other)).toBe("/admin");
    expect(sameSitePath("/login")).toBe("/login");
  });

  it("gives next-auth's redirect callback only this site's pages", () => {
    for (const value of hostile) expect(new URL(safeRedirectUrl(value, SITE)).origin, value).toBe(SITE);
    expect(safeRedirectUrl("/login", SITE)).toBe(`${SITE}/login`);
    expect(safeRedirectUrl(`${SITE}/admin/media`, SITE)).toBe(`${SITE}/admin/media`);
    expect(safeRedirectUrl(`${SITE}/..//evil.example`, SITE)).toBe(`${SITE}/admin`);
    expect(safeRedirectUrl("https://evil.example/admin", SITE)).toBe(`${SITE}/admin`);
  });
});

describe("through the sign-in flow", () => {
  const testDatabase = isolatedTestDatabase();
  const samples = [
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/admin/%2e%2e//evil.example/x?y=1",
  ];

  beforeAll(() => stubAppEnvironment(testDatabase.url, { NEXTAUTH_URL: SITE }));
  afterAll(async () => {
    await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
    vi.unstubAllEnvs();
  });

  /** The callbackUrl the login page hands its sign-in form. */
  function formCallback(node: ReactNode): string | undefined {
    if (!isValidElement(node)) return undefined;
    const props = (node as ReactElement<{ callbackUrl?: string; children?: ReactNode }>).props;
    if (typeof props.callbackUrl === "string") return props.callbackUrl;
    for (const child of ([] as ReactNode[]).concat(props.children ?? [])) {
      const found = formCallback(child);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  it("the login page gives its form, and a signed-in visitor's redirect, only this site's paths", async () => {
    const { default: LoginPage } = await import("@/app/login/page");
    const editor = await createStaff(testDatabase.db, "EDITOR");
    for (const callbackUrl of samples) {
      const page = await asAnonymous(() => LoginPage({ searchParams: Promise.resolve({ callbackUrl }) }));
      expect(formCallback(page.result), callbackUrl).toBe("/admin");
      const redirected = await asUser(editor, () => LoginPage({ searchParams: Promise.resolve({ callbackUrl }) })).then(
        () => null,
        (error: { digest?: string }) => error.digest ?? "",
      );
      expect(redirected, callbackUrl).toMatch(/^NEXT_REDIRECT;replace;\/admin;/);
    }
  });

  it("next-auth answers a sign-in with a page of this site, whatever callbackUrl it was given", async () => {
    const editor = await createStaff(testDatabase.db, "EDITOR");
    for (const [index, callbackUrl] of samples.entries()) {
      const browser = new AuthBrowser(SITE, `198.51.100.${150 + index}`);
      const { url, error } = await browser.signIn(editor.email, STAFF_PASSWORD, callbackUrl);
      expect(error).toBeNull();
      expect(new URL(url).origin, callbackUrl).toBe(SITE);
      expect(staysOnSite(new URL(url).pathname), callbackUrl).toBe(true);
      const signedOutTo = await browser.signOut(callbackUrl);
      expect(new URL(signedOutTo).origin, callbackUrl).toBe(SITE);
    }
  });
});
