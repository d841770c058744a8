import { createHash } from "node:crypto";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../fixtures";
import { headerSearchBox } from "../support/combobox";
import { signIn } from "../support/staff";

/**
 * Security headers on every kind of route, and a Content-Security-Policy that matches
 * what the page really runs: every inline script on a page is allowed by the policy's
 * nonce or one of its hashes (so a broken policy fails here), and none by 'unsafe-inline'.
 * Pages are read twice: rendered, then from the page cache. Then real browsers load a
 * public page, the publication page and the editor, and report no policy violation.
 */

type Headers = Record<string, string>;

function expectCommonHeaders(what: string, headers: Headers) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["permissions-policy"], what).toContain("geolocation=()");
  expect(headers["permissions-policy"], what).toContain("microphone=()");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  // The test server's SITE_URL is http: no HSTS (its presence on https is a unit test).
  expect(headers["strict-transport-security"], what).toBeUndefined();
  expect(headers["x-quire-script-hashes"], what).toBeUndefined();
}

function directive(policy: string, name: string): string[] {
  const found = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found ? found.slice(1) : [];
}

/** Every inline script of the page is allowed by the policy; returns how many there are. */
function expectPolicyCoversInlineScripts(what: string, html: string, policy: string): number {
  const sources = directive(policy, "script-src");
  expect(sources, what).not.toContain("'unsafe-inline'");
  expect(sources, what).not.toContain("'unsafe-eval'");
  expect(directive(policy, "object-src"), what).toEqual(["'none'"]);
  expect(directive(policy, "base-uri"), what).toEqual(["'self'"]);
  let inline = 0;
  for (const [, attributes = "", body = ""] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc=/.test(attributes) || /type="application\/(ld\+)?json"/.test(attributes)) continue;
    inline++;
    const nonce = /\snonce="([^"]+)"/.exec(attributes)?.[1];
    const hash = `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
    const allowed = (nonce !== undefined && sources.includes(`'nonce-${nonce}'`)) || sources.includes(hash);
    expect(allowed, `${what}: inline script ${body.slice(0, 60)}… allowed by ${sources.join(" ")}`).toBe(true);
  }
  return inline;
}

async function read(response: APIResponse) {
  return { status: response.status(), headers: response.headers(), body: await response.text() };
}

test("every kind of route carries the security headers, and each page's policy covers its inline scripts", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const home = await read(await request.get("/"));
  const slug = /href="\/publications\/([a-z0-9-]+)"/.exec(home.body)?.[1];
  expect(slug, "a publication linked from the home page").toBeTruthy();
  const media = /(?:src|href)="(\/media\/[^"?]+)"/.exec(
    (await read(await request.get(`/publications/${slug}`))).body + home.body,
  )?.[1];
  expect(media, "a media file linked from the publication page").toBeTruthy();

  const pages: Array<[string, string, number[]]> = [
    ["home (public page)", "/", [200]],
    ["archive", "/publications?page=3", [200]],
    // Rewritten by proxy.ts to its cached view; empty for a year without publications.
    ["archive with filters", "/publications?year=2024", [200, 404]],
    ["publication page", `/publications/${slug}`, [200]],
    ["search (rendered per request)", "/search?q=security", [200]],
    ["sign-in page", "/login", [200]],
    ["not found", "/no-such-page-here", [404]],
  ];
  for (const [what, path, status] of pages) {
    for (const pass of ["rendered", "cached"]) {
      const response = await read(await request.get(path));
      const label = `${what} (${pass})`;
      expect(status, label).toContain(response.status);
      expect(response.headers["content-type"], label).toContain("text/html");
      expectCommonHeaders(label, response.headers);
      const policy = response.headers["content-security-policy"]!;
      expectPolicyCoversInlineScripts(label, response.body, policy);
    }
  }
  // The publication page runs no framework script, only the registered enhancement script.
  const publication = await read(await request.get(`/publications/${slug}`));
  expect(
    expectPolicyCoversInlineScripts("publication", publication.body, publication.headers["content-security-policy"]!),
  ).toBe(1);
  // Staff pages: nonce and 'strict-dynamic' only, no host allowlist.
  const login = await read(await request.get("/login"));
  expect(directive(login.headers["content-security-policy"]!, "script-src")).toEqual([
    expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]+'$/),
    "'strict-dynamic'",
  ]);
  // A fresh nonce per response.
  const again = await read(await request.get("/login"));
  expect(again.headers["content-security-policy"]).not.toBe(login.headers["content-security-policy"]);

  // A signed-in staff page.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const admin = await read(await page.request.get("/admin/publications"));
  expect(admin.status).toBe(200);
  expectCommonHeaders("staff page", admin.headers);
  expectPolicyCoversInlineScripts("staff page", admin.body, admin.headers["content-security-policy"]!);

  // Everything that is not a page: nothing may run or load in it, nor frame it.
  const resources: Array<[string, string]> = [
    ["feed", "/feed.xml"],
    ["JSON feed", "/feed.json"],
    ["API", "/api/search?q=security"],
    ["health check", "/api/health"],
    ["sitemap", "/sitemap.xml"],
    ["robots.txt", "/robots.txt"],
  ];
  resources.push(["media file", media!]);
  for (const [what, path] of resources) {
    const response = await read(await request.get(path));
    expect(response.status, what).toBe(200);
    expectCommonHeaders(what, response.headers);
    expect(directive(response.headers["content-security-policy"]!, "default-src"), what).toEqual(["'none'"]);
  }
});

/** Collects Content-Security-Policy violations the page reports, and CSP errors in its console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|frame)/i.test(message.text()))
      console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
}

test("a public page and the publication page run under their policy without a violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/privacy");
  // React took over the page (its scripts ran): the search box suggests as one types.
  await (await headerSearchBox(page)).focus();
  await page.keyboard.type("north k");
  await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
  await page.goto("/publications");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);

  const slug = await page.locator('a[href^="/publications/"]').first().getAttribute("href");
  // The publication page and the home page run without React: the inline enhancement script
  // ran when the header's search box suggests.
  for (const path of [slug!, "/"]) {
    await page.goto(path);
    await (await headerSearchBox(page)).focus();
    await page.keyboard.type("north k");
    await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
  }
  expect(await violations()).toEqual([]);
});

test("the editor runs under the staff policy without a violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/admin/publications/new");
  const body = page.locator(".ProseMirror");
  await body.click();
  await page.keyboard.type("Typed under a strict Content-Security-Policy.");
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" Bold words.");
  await expect(body).toContainText("Typed under a strict Content-Security-Policy. Bold words.");
  await expect(body.locator("strong")).toHaveText("Bold words.");
  expect(await violations()).toEqual([]);
});
