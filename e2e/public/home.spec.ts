import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";

test("the home page shows featured and latest publications, topics and The Peninsula", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /^Total Index: [\d,]+ publications$/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Featured" })).toBeVisible();
  const latest = page.getByRole("region", { name: "Latest publications" });
  await expect(latest.getByRole("listitem")).toHaveCount(8);
  await expect(page.getByRole("heading", { level: 2, name: "The Peninsula" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^North Korea \(\d[\d,]*\)$/ })).toBeVisible();
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
