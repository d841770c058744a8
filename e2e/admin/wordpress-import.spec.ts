import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { sessionFile } from "../support/staff";

/** The 208-item export a real WordPress 6.1 made (see ../shared/fixtures/wordpress/README.md). */
const SAMPLE = process.env.WORDPRESS_SAMPLE ?? "/work/shared/fixtures/wordpress/sample-export.xml";

test.describe("importing from WordPress", () => {
  test.use({ storageState: sessionFile("ADMIN") });

  test("an admin uploads an export, watches its progress and reads the report", async ({ page }) => {
    // The background job reads 208 items: longer than a page test's default budget on a busy machine.
    test.setTimeout(180_000);
    await page.goto("/admin/import");
    await expect(page.getByRole("heading", { name: "Import from WordPress" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("WordPress export file").setInputFiles(SAMPLE);
    // The command line's options, as labelled checkboxes (the uploads folder is the server's, so only fetching).
    await expect(page.getByLabel(/Fetch media from the old site/)).toBeChecked();
    await expect(page.getByLabel(/Create staff accounts for authors/)).not.toBeChecked();
    // A dry run: the end-to-end archive stays as the other tests expect it.
    await page.getByLabel(/Dry run/).check();
    await page.getByRole("button", { name: "Import", exact: true }).click();

    await expect(page).toHaveURL(/\/admin\/import\/\d+$/);
    await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Dry run done: nothing was changed.", { timeout: 120_000 });
    await expect(page.getByRole("status")).toContainText("208 items read (100% of the file)");
    const report = page.getByRole("table");
    await expect(report).toContainText("private in WordPress: imported as a draft");
    await expect(report).toContainText("launch.jpg");
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Import from WordPress" }).click();
    await expect(page.getByRole("region", { name: "Recent imports" })).toContainText("sample-export.xml (dry run)");
  });

  test("a file that is not a WordPress export gets a clear message", async ({ page }) => {
    await page.goto("/admin/import");
    await page.getByLabel("WordPress export file").setInputFiles({
      name: "feed.xml",
      mimeType: "application/xml",
      buffer: Buffer.from('<?xml version="1.0"?><feed/>'),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    // Filtered by its text: Next.js's route announcer is an (empty) alert too.
    await expect(page.getByRole("alert").filter({ hasText: "This is not a WordPress export" })).toBeVisible({
      timeout: 60_000,
    });
  });
});

test.describe("the import as an editor", () => {
  test.use({ storageState: sessionFile("EDITOR") });

  test("is not offered, and the page is refused", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: "Import", exact: true })).toHaveCount(0);
    const response = await page.goto("/admin/import");
    expect(response?.status()).toBe(403);
  });
});
