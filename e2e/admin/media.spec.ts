import { randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoAccessibilityViolations } from "../support/axe";
import { test, type StaffRole } from "../support/staff";

/** The media library, open for a member of staff in `role`. */
async function openMedia(staffPage: (role: StaffRole) => Promise<Page>, role: StaffRole) {
  const page = await staffPage(role);
  await page.goto("/admin/media");
  await expect(page.getByRole("heading", { level: 1, name: "Media" })).toBeVisible();
  return page;
}

/** A PNG no earlier run uploaded (a random colour), so it is new to the library. */
async function uniquePng(width: number, height: number) {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

test("an author uploads an image with alt text and finds it in the grid", async ({ staffPage }) => {
  const page = await openMedia(staffPage, "AUTHOR");
  await expectNoAccessibilityViolations(page);

  const filename = `chart-${Date.now()}.png`;
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: filename, mimeType: "image/png", buffer: await uniquePng(1200, 800) });
  await page.getByLabel("Alt text").fill("Bar chart of trade volumes by year");
  await page.getByLabel("Caption").fill("Trade volumes, 2010–2024");
  await page.getByLabel("Credit").fill("Chart: Quire Institute");
  await page.getByRole("button", { name: "Upload" }).click();

  await expect(page.getByRole("status").filter({ hasText: `“${filename}” was uploaded.` })).toBeVisible();
  const grid = page.getByRole("list", { name: "Media files" });
  await expect(grid.getByRole("button", { name: `Edit ${filename}` })).toBeVisible();
  await expect(grid.getByText("1,200 × 800", { exact: false }).first()).toBeVisible();

  // Still there after a reload, served from the server's list, thumbnail loaded.
  await page.reload();
  const card = page.getByRole("listitem").filter({ hasText: filename });
  await expect(card).toBeVisible();
  const thumbnail = card.locator("img");
  await expect(thumbnail).toHaveAttribute("src", /\.w480\.webp$/);
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(480);

  // Edit the details in the dialog; Escape closes it and focus goes back to the button.
  const editButton = card.getByRole("button", { name: `Edit ${filename}` });
  await editButton.click();
  const dialog = page.getByRole("dialog", { name: `Edit “${filename}”` });
  await expect(dialog).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await dialog.getByLabel("Alt text").fill("Bar chart of trade volumes, 2010 to 2024");
  await dialog.getByRole("button", { name: "Save details" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Details saved.");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(editButton).toBeFocused();
  await expect(card.getByText("Alt: Bar chart of trade volumes, 2010 to 2024")).toBeVisible();
});

test("a fake image is rejected with a message, and an image needs alt text", async ({ staffPage }) => {
  const page = await openMedia(staffPage, "EDITOR");

  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "holiday.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("This is a text file wearing a .jpg name.\n"),
  });
  await page.getByLabel("Alt text").fill("A beach");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "This file is not a JPEG, PNG, GIF, WebP or AVIF image, a PDF, or an MP3" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit holiday.jpg" })).toHaveCount(0);

  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "no-alt.png", mimeType: "image/png", buffer: await uniquePng(64, 64) });
  await page.getByLabel("Alt text").fill("");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "alt text is required" })).toBeVisible();
  await expect(page.getByLabel("Alt text")).toBeFocused();
  await expect(page.getByLabel("Alt text")).toHaveAttribute("aria-invalid", "true");
  await expectNoAccessibilityViolations(page);
});

test("search and the kind filter narrow the grid", async ({ staffPage }) => {
  const page = await openMedia(staffPage, "EDITOR");
  await page.getByLabel("Kind").selectOption("PDF");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/kind=PDF/);
  const grid = page.getByRole("list", { name: "Media files" });
  await expect(grid.getByRole("button", { name: "Edit report-summary.pdf" })).toBeVisible();
  await expect(grid.locator("img")).toHaveCount(0);
});
