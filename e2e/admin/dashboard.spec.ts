import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";
import { sessionFile, signIn } from "../support/staff";

test("the dashboard shows counts, charts with their data, and recent activity", async ({ page }) => {
  // Signs in itself: its sign-in is the recent activity the audit table must show.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  for (const group of ["Publications", "Subscribers", "Staff"])
    await expect(page.getByRole("region", { name: group })).toBeVisible();

  const publications = page.getByRole("figure", { name: "Publications per month, by type (last 2 years)" });
  const chart = publications.getByRole("img", { name: "Publications per month, by type (last 2 years)" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/publications from .+ by type: /);
  expect(await chart.locator("rect").count()).toBeGreaterThan(10);
  await publications.getByText("Show the data").click();
  await expect(publications.getByRole("table")).toBeVisible();
  await expect(publications.getByRole("row")).toHaveCount(25);

  await expect(page.getByRole("figure", { name: "Subscriber growth (last 2 years)" }).getByRole("img")).toBeVisible();
  await expect(page.getByRole("figure", { name: "Top searches (last 30 days)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "The latest 10 audit log entries" })).toContainText(
    "auth.sign_in.success",
  );
  await expectNoAccessibilityViolations(page);
});

test.describe("as an author", () => {
  test.use({ storageState: sessionFile("AUTHOR") });

  test("authors see the dashboard without search insights or the audit log", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("figure", { name: "Publications per month, by type (last 2 years)" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Top searches (last 30 days)" })).toHaveCount(0);
    // The audit log is for admins.
    await expect(page.getByRole("table", { name: "The latest 10 audit log entries" })).toHaveCount(0);
  });
});
