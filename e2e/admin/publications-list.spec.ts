import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { sessionFile } from "../support/staff";

test.use({ storageState: sessionFile("EDITOR") });

test("editors filter the list, move a publication to the trash and restore it", async ({ page }) => {
  const title = `Trash Round Trip ${Date.now().toString(36)}`;
  await page.goto("/admin/publications/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator("[data-save-status]")).toHaveText("Saved");

  await page.goto(`/admin/publications?q=${encodeURIComponent(title)}&status=DRAFT&sort=title`);
  await expect(page.getByLabel("Status")).toHaveValue("DRAFT");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("checkbox", { name: `Select “${title}”` }).check();
  await page.getByLabel("With selected").selectOption("trash");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("1 of 1 updated.")).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  await page.goto(`/admin/publications?view=trash&q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
  await page.getByRole("checkbox", { name: `Select “${title}”` }).check();
  await expect(page.getByLabel("With selected")).toHaveValue("restore");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("1 of 1 updated.")).toBeVisible();

  await page.goto(`/admin/publications?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});
