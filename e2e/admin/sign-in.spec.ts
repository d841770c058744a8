import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("anonymous visitors to /admin are sent to the sign-in page", async ({ page }) => {
  await page.goto("/admin/publications");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a wrong password shows a message that does not say whether the account exists", async ({ page, context }) => {
  // Its own client address: five failures from one address lock it (lib/auth/sign-in.ts), and the other tests sign in from 127.0.0.1.
  await context.setExtraHTTPHeaders({ "x-forwarded-for": "198.18.200.1" });
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, "not-the-right-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, "nobody-at-all@example.org", "not-the-right-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect" })).toBeVisible();
});

test("staff sign in, see the dashboard, search publications and sign out", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(E2E_ADMIN.email)).toBeVisible();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // Find a publication by one word of its title.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Publications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Publications" })).toBeVisible();
  const firstTitle = (await page.getByRole("table").getByRole("link").first().textContent())?.trim() ?? "";
  const word = firstTitle.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0] ?? "";
  expect(word.length).toBeGreaterThan(2);
  await page.goto(`/admin/publications?q=${encodeURIComponent(word)}`);
  await expect(page.getByRole("searchbox", { name: "Search titles" })).toHaveValue(word);
  await expect(page.getByRole("table").getByRole("link", { name: firstTitle, exact: true }).first()).toBeVisible();
  for (const title of await page.getByRole("table").getByRole("link").allTextContents()) {
    expect(title.toLowerCase()).toContain(word.toLowerCase());
  }
  await expectNoAccessibilityViolations(page);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
});

test("a sign-in link cannot send staff to another site, however the address is written", async ({ browser }) => {
  for (const callbackUrl of [
    "https://evil.example/",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/\\evil.example",
  ]) {
    const page = await browser.newPage();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page, callbackUrl).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
    // Signed in already: the login page sends the visitor on, also only within the site.
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page, callbackUrl).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
    await page.close();
  }
});

test("signing in makes the browser a known device: an HttpOnly cookie sent only to the sign-in endpoint", async ({
  page,
}) => {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  const device = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("quire.known-device"));
  expect(device).toMatchObject({ httpOnly: true, path: "/api/auth/callback/credentials", sameSite: "Lax" });
  expect(device!.value).toMatch(/^\d+\.[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  // Signing out ends the session, not the device.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith("quire.known-device"))).toBe(true);
});
