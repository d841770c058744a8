import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_AUTHOR } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";

/** A query no other spec types, so the counts below are this test's own. */
const NOTHING_QUERY = "zyxwvutsrq qxjzvbkw";

test("staff see the top and zero-result searches; authors may not", async ({ page, browser }) => {
  // A reader's searches: one that finds something, one that finds nothing.
  await page.goto("/search?q=korea");
  await expect(page.getByRole("status").filter({ hasText: /results? for/ })).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent(NOTHING_QUERY)}`);
  await expect(page.getByRole("status").filter({ hasText: `for “${NOTHING_QUERY}”` })).toBeVisible();

  await page.goto("/login?callbackUrl=%2Fadmin%2Fsearch");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/search$/);
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Search" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const top = page.getByRole("table", { name: "Most frequent searches", exact: true });
  await expect(top.getByRole("link", { name: "korea", exact: true })).toBeVisible();
  const zero = page.getByRole("table", { name: "Most frequent searches that found nothing" });
  await expect(zero.getByRole("link", { name: NOTHING_QUERY })).toBeVisible();
  await expect(zero.getByRole("link", { name: "korea", exact: true })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  // Authors have no search.insights permission: no link, and the page itself refuses.
  const author = await browser.newPage();
  await author.goto("/login?callbackUrl=%2Fadmin");
  await author.getByLabel("Email").fill(E2E_AUTHOR.email);
  await author.getByLabel("Password").fill(E2E_AUTHOR.password);
  await author.getByRole("button", { name: "Sign in" }).click();
  await expect(author).toHaveURL(/\/admin$/);
  await expect(author.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Search" })).toHaveCount(0);
  await author.goto("/admin/search");
  await expect(author.getByRole("heading", { level: 1, name: "Search" })).toHaveCount(0);
  await expect(author.getByText(NOTHING_QUERY)).toHaveCount(0);
  await author.close();
});
