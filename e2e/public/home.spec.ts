import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";

test("the home page lists the latest publications from the database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Latest publications" })).toBeVisible();
  await expect(page.getByText(/^Total Index: [\d,]+ publications$/)).toBeVisible();
  const items = page.getByRole("region", { name: "Latest publications" }).getByRole("listitem");
  await expect(items).toHaveCount(20);
  await expectNoAccessibilityViolations(page);
});

test("a reader can open a publication from the home page", async ({ page }) => {
  await page.goto("/");
  const firstLink = page.getByRole("region", { name: "Latest publications" }).getByRole("heading", { level: 3 }).first().getByRole("link");
  const title = (await firstLink.textContent())?.trim() ?? "";
  expect(title.length).toBeGreaterThan(0);
  await firstLink.click();
  await expect(page).toHaveURL(/\/publications\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(/\d+ min read/)).toBeVisible();
  await expect(page.locator(".prose-body p").first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("keyboard users can skip to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to content" });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("an unknown address shows the friendly 404 page in the site's layout", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
});

test("an unknown or malformed publication slug is a 404, not an error", async ({ page }) => {
  for (const path of ["/publications/does-not-exist", "/publications/%00%27%22", `/publications/${"a".repeat(500)}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
