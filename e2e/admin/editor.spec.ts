import type { Page } from "@playwright/test";
import { E2E_EDITOR } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, test } from "../support/staff";

const saveStatus = (page: Page) => page.getByRole("status").and(page.locator("[data-save-status]"));
const body = (page: Page) => page.locator(".ProseMirror");

async function expectSaved(page: Page) {
  await expect(saveStatus(page)).toHaveText("Saved", { timeout: 15_000 });
}

test("an author drafts with an image and a footnote, an editor schedules it, it goes live; conflicts, revisions and edits behave", async ({
  browser,
  request,
  staffPage,
}) => {
  test.setTimeout(180_000);
  const title = `Alliance Burden Sharing ${Date.now().toString(36)}`;

  // The author drafts; autosave runs without pressing Save.
  const author = await staffPage("AUTHOR");
  await author.goto("/admin/publications/new");
  await author.getByLabel("Title", { exact: true }).fill(title);
  await expect(author.getByLabel("Slug", { exact: true })).toHaveValue(/^alliance-burden-sharing-/);
  await author.getByRole("group", { name: "Categories" }).getByRole("checkbox").first().check();
  await body(author).click();
  await author.keyboard.type("Seoul and Washington renewed their cost-sharing agreement.");
  await author.getByRole("button", { name: "Image", exact: true }).click();
  await author.getByLabel("Image address", { exact: true }).fill("/media/demo/illustration-01.svg");
  await author.getByLabel("Alt text", { exact: true }).fill("Delegations at the signing");
  await author.getByLabel("Image caption", { exact: true }).fill("The signing ceremony");
  await author.getByRole("button", { name: "Insert image" }).click();
  await body(author).press("End");
  await author.keyboard.type("Costs rose by a tenth.");
  await author.getByRole("button", { name: "Footnote" }).click();
  await author.getByLabel("Footnote text", { exact: true }).fill("Ministry of National Defense figures, 2026.");
  await author.getByRole("button", { name: "Insert footnote" }).click();
  await expectSaved(author);
  await expect(author).toHaveURL(/\/admin\/publications\/\d+$/);
  const editorUrl = author.url();
  const slug = await author.getByLabel("Slug", { exact: true }).inputValue();

  // Autosave survived: a reload shows everything.
  await author.reload();
  await expect(author.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(body(author)).toContainText("renewed their cost-sharing agreement");
  await expect(body(author).getByRole("img", { name: "Delegations at the signing" })).toBeVisible();
  await expect(body(author).locator("sup[data-footnote]")).toHaveAttribute(
    "data-footnote",
    "Ministry of National Defense figures, 2026.",
  );
  await expect(author.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author.getByText("Status: In review")).toBeVisible();

  // Not public yet; the private preview shows it as the public page will.
  expect((await request.get(`/publications/${slug}`)).status()).toBe(404);
  const previewHref = await author.getByRole("link", { name: "Preview" }).getAttribute("href");
  const preview = await author.context().newPage();
  await preview.goto(previewHref!);
  await expect(preview.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(preview.locator(".footnotes li")).toContainText("Ministry of National Defense figures, 2026.");
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await preview.close();

  // The editor schedules it a few seconds ahead; it goes live with nobody touching it.
  const editor = await staffPage("EDITOR");
  await editor.goto(editorUrl);
  await expect(editor.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(editor.getByText(/Time zone: .+UTC[+−]\d\d:\d\d/)).toBeVisible();
  const goLive = await editor.evaluate(() => {
    const date = new Date(Date.now() + 8000);
    const pad = (value: number) => String(value).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  });
  await editor.getByLabel("Publish date and time", { exact: true }).fill(goLive);
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(editor.getByText("Status: Scheduled")).toBeVisible();
  await author.close();
  await expect
    .poll(async () => (await request.get(`/publications/${slug}`)).status(), { timeout: 60_000, intervals: [1000] })
    .toBe(200);
  const publicPage = await browser.newPage();
  await publicPage.goto(`/publications/${slug}`);
  await expect(publicPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(publicPage.getByRole("img", { name: "Delegations at the signing" })).toBeVisible();
  await expect(publicPage.locator("#fn-1")).toContainText("Ministry of National Defense figures");
  await publicPage.goto("/publications");
  await expect(publicPage.getByRole("link", { name: title })).toBeVisible();

  // Back-dated at once, so this test's item does not stand first in the archive other tests read;
  // an edit to the published item shows on the public page.
  await editor.reload();
  await editor.getByLabel("Publish date and time", { exact: true }).fill("2016-03-01T09:00:00");
  await editor.getByLabel("Title", { exact: true }).fill(`${title} (updated)`);
  await expectSaved(editor);
  await expect
    .poll(async () => (await (await request.get(`/publications/${slug}`)).text()).includes(`${title} (updated)`), {
      timeout: 10_000,
    })
    .toBe(true);

  // Two people edit at once: the second save is refused with a conflict, not lost silently.
  const admin = await staffPage("ADMIN");
  await admin.goto(editorUrl);
  await expect(admin.getByText(`Also editing: ${E2E_EDITOR.name}`)).toBeVisible();
  await editor.getByLabel("Summary", { exact: true }).fill("The editor's summary.");
  await expectSaved(editor);
  await admin.getByLabel("Summary", { exact: true }).fill("The admin's summary.");
  await expect(saveStatus(admin)).toHaveText("Conflict", { timeout: 15_000 });
  await expect(admin.getByRole("alert").filter({ hasText: `${E2E_EDITOR.name} saved a newer version` })).toBeVisible();
  await admin.close();

  // Restoring an old revision brings its title back, as a new revision.
  await editor.getByRole("button", { name: "Revisions" }).click();
  await expect(editor.getByRole("heading", { name: /^Version 1/ })).toBeVisible();
  await editor.getByRole("button", { name: "Restore version 1" }).click();
  await expect(editor.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(editor.getByLabel("Summary", { exact: true })).toHaveValue("");
  await expect
    .poll(async () => (await (await request.get(`/publications/${slug}`)).text()).includes(`${title} (updated)`), {
      timeout: 10_000,
    })
    .toBe(false);

  // Unpublished, it leaves the public site.
  await editor.getByRole("button", { name: "Unpublish" }).click();
  await expect(editor.getByText("Status: Draft")).toBeVisible();
  await expect.poll(async () => (await request.get(`/publications/${slug}`)).status(), { timeout: 10_000 }).toBe(404);
  await publicPage.close();
});

test("the editor page passes axe and refuses direct calls without a session", async ({
  staffPage,
  request,
  baseURL,
}) => {
  const page = await staffPage("EDITOR");
  await page.goto("/admin/publications/new");
  await expect(page.getByRole("toolbar", { name: "Formatting" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "false");
  await expectNoAccessibilityViolations(page);

  const anonymous = await request.post("/api/admin/publications/1/autosave", {
    headers: { origin: baseURL! },
    data: { expectedVersion: 1, fields: {} },
  });
  expect(anonymous.status()).toBe(401);
  const crossSite = await page.request.post("/api/admin/publications/1/autosave", {
    headers: { origin: "https://evil.example" },
    data: {},
  });
  expect(crossSite.status()).toBe(403);
});

test("leaving right after typing still saves, and a paste from Word arrives clean", async ({ staffPage }) => {
  const editor = await staffPage("EDITOR");
  await editor.goto("/admin/publications/new");
  await editor.getByLabel("Title", { exact: true }).fill(`Left in a hurry ${Date.now().toString(36)}`);
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expectSaved(editor);
  const editorUrl = editor.url();

  // Word's clipboard: classes, mso- styles, spans, Office XML.
  await body(editor).click();
  await body(editor).evaluate((element) => {
    const data = new DataTransfer();
    data.setData(
      "text/html",
      '<html><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body><!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->' +
        '<p class="MsoNormal" style="mso-margin-top-alt:auto;color:red"><span style="font-size:12pt">Pasted from <b>Word</b></span><o:p></o:p></p></body></html>',
    );
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(body(editor)).toContainText("Pasted from Word");
  expect(await body(editor).innerHTML()).not.toMatch(/style=|class="Mso|<span|mso-/);

  // Gone before the autosave pause ends: the page-hide save keeps it.
  await editor.getByLabel("Summary", { exact: true }).fill("Written just before leaving.");
  await editor.goto("/admin");
  // The page-hide request may land just after the next page is read: look again until it has.
  await expect(async () => {
    await editor.goto(editorUrl);
    await expect(editor.getByLabel("Summary", { exact: true })).toHaveValue("Written just before leaving.", {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(body(editor)).toContainText("Pasted from Word");
  await expect(body(editor).locator("strong")).toHaveText("Word");
});
