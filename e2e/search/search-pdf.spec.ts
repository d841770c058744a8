import type { Page } from "@playwright/test";
import { textPdf } from "../../tests/support/pdf";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, test } from "../support/staff";

const saveStatus = (page: Page) => page.getByRole("status").and(page.locator("[data-save-status]"));

test("a word found only in a publication's PDF is found, says its page and opens the PDF there", async ({
  page: reader,
  request,
  staffPage,
}) => {
  // An editor session, an upload, a publish and two searches: more than the default time on a busy machine.
  test.slow();
  // Letters only, so that the word is one lexeme; new to the archive on every run.
  const word = `quorvex${Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => "abcdefghij"[Number(digit)]!)}`;
  const title = `Treaty compliance review ${word.slice(-6)}`;

  const editor = await staffPage("EDITOR");
  await editor.goto("/admin/publications/new");
  await editor.getByLabel("Title", { exact: true }).fill(title);
  await editor.locator(".ProseMirror").click();
  await editor.keyboard.type("The review's findings are in the attached report.");
  await editor.getByRole("button", { name: "Choose PDF" }).click();
  const picker = editor.getByRole("dialog", { name: "Choose a PDF" });
  await picker.getByLabel("File", { exact: true }).setInputFiles({
    name: `${word}.pdf`,
    mimeType: "application/pdf",
    buffer: textPdf(["Summary of findings.", `The ${word} protocol was signed in Geneva.`]),
  });
  await picker.getByRole("button", { name: "Upload" }).click();
  await expect(picker).toHaveCount(0);
  await expect(editor.getByText(`${word}.pdf`, { exact: true })).toBeVisible();
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(editor.getByText("Status: Published")).toBeVisible();
  // Back-dated, so that this test's item does not stand first in the archive other tests read.
  await editor.getByLabel("Publish date and time", { exact: true }).fill("2016-03-02T09:00:00");
  await expect(saveStatus(editor)).toHaveText("Saved", { timeout: 15_000 });

  await reader.goto(`/search?q=${word}`);
  const results = reader.getByRole("region", { name: "Search results" });
  await expect(results.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(results.locator("mark").filter({ hasText: word })).toBeVisible();
  const place = results.getByRole("link", { name: "In the PDF, page 2" });
  await expect(place).toHaveAttribute("href", new RegExp(`^/media/.+\\.pdf#page=2$`));
  await expectNoAccessibilityViolations(reader);

  // The link opens the PDF itself.
  const href = (await place.getAttribute("href"))!;
  const pdf = await request.get(href.replace(/#.*$/, ""));
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).toString("latin1")).toContain(`The ${word} protocol`);
});
