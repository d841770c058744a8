import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, test } from "../support/staff";

/** A query no other spec types, so the counts below are this test's own. */
const NOTHING_QUERY = "zyxwvutsrq qxjzvbkw";

test("staff see the top and zero-result searches; authors may not", async ({ page: reader, staffPage }) => {
  // A reader's searches: one that finds something, one that finds nothing.
  await reader.goto("/search?q=korea");
  await expect(reader.getByRole("status").filter({ hasText: /results? for/ })).toBeVisible();
  await reader.goto(`/search?q=${encodeURIComponent(NOTHING_QUERY)}`);
  await expect(reader.getByRole("status").filter({ hasText: `for “${NOTHING_QUERY}”` })).toBeVisible();

  const page = await staffPage("ADMIN");
  const zero = page.getByRole("table", { name: "Most frequent searches that found nothing" });
  // A search is counted just after its page is answered: open the page again until the last one is in.
  await expect(async () => {
    await page.goto("/admin/search");
    await expect(zero.getByRole("link", { name: NOTHING_QUERY })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Search" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const top = page.getByRole("table", { name: "Most frequent searches", exact: true });
  await expect(top.getByRole("link", { name: "korea", exact: true })).toBeVisible();
  await expect(zero.getByRole("link", { name: "korea", exact: true })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  // Authors have no search.insights permission: no link, and the page itself refuses.
  const author = await staffPage("AUTHOR");
  await author.goto("/admin");
  await expect(author.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Search" })).toHaveCount(0);
  await author.goto("/admin/search");
  await expect(author.getByRole("heading", { level: 1, name: "Search" })).toHaveCount(0);
  await expect(author.getByText(NOTHING_QUERY)).toHaveCount(0);
});
