import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";
import { sessionFile } from "../support/staff";

// The e2e server has no SMTP_URL: every email lands in the outbox, which these tests read too.
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const readers = [1, 2, 3].map((n) => `e2e-reader-${n}-${run}@example.org`);

test.describe.serial("the mailing list in the admin", () => {
  test.use({ storageState: sessionFile("ADMIN") });

  test("staff import subscribers, then find, filter and open one", async ({ page }) => {
    await page.goto("/admin/subscribers");
    await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    const csv = [
      "email,first name,last name",
      ...readers.map((email, index) => `${email},Reader,${index + 1}`),
      "not-an-address,,",
    ].join("\n");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "readers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("I confirm these people consented to receive email", { exact: false }).check();
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page).toHaveURL(/\/admin\/subscribers\/imports\/\d+$/);
    await expect(page.getByText("Done. 4 of 4 rows processed.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("row", { name: /not-an-address Bad email/ })).toBeVisible();

    await page.goto(`/admin/subscribers?q=${encodeURIComponent(`e2e-reader-2-${run}`)}`);
    await expect(page.getByRole("status").filter({ hasText: "1 subscriber" })).toBeVisible();
    await page.getByRole("link", { name: readers[1] }).click();
    await expect(page.getByRole("heading", { level: 1, name: readers[1] })).toBeVisible();
    await expect(page.getByText(/^import #\d+ by staff e2e-admin@example\.org$/)).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByText("Imported")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.goto("/admin/subscribers?status=CONFIRMED");
    await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("CONFIRMED");
    await expect(page.getByRole("link", { name: /^Confirmed: \d/ })).toBeVisible();

    const download = await page.request.get(`/admin/subscribers/export?q=${encodeURIComponent(run)}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("text/csv");
    const lines = (await download.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "email,first name,last name,status,frequency,topics,consent time,consent ip,consent version,created,event registrations",
    );
    expect(lines).toHaveLength(4);

    // The upload refuses, with a 4xx and a message: another site's form, a non-form body, a file too large, no file.
    const post = (options: Parameters<typeof page.request.post>[1]) =>
      page.request.post("/admin/subscribers/import", options);
    const crossSite = await post({
      headers: { Origin: "https://evil.example" },
      multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("email\na@example.org") } },
    });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.text()).toContain("must be sent from the site");
    const origin = new URL(page.url()).origin;
    const notForm = await post({
      headers: { Origin: origin, "Content-Type": "application/json" },
      data: { file: "x" },
    });
    expect(notForm.status()).toBe(415);
    const huge = await post({
      headers: { Origin: origin },
      multipart: { file: { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(6 * 1024 * 1024, "a") } },
    });
    expect(huge.status()).toBe(413);
    expect(await huge.text()).toContain("too large");
    const noFile = await post({ headers: { Origin: origin }, multipart: { consent: "yes" } });
    expect(noFile.status()).toBe(400);
    expect(await noFile.text()).toContain("Choose a CSV file to import.");
    const noEmailColumn = await post({
      headers: { Origin: origin },
      multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("name\nAnn") } },
    });
    expect(noEmailColumn.status()).toBe(400);
    // Past the 1 MB of a form action, the import still reads the file itself (up to 5 MB).
    const largeNoEmailColumn = await post({
      headers: { Origin: origin },
      multipart: {
        file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(`name\n${"Ann\n".repeat(400_000)}`) },
      },
    });
    expect(largeNoEmailColumn.status()).toBe(400);
    expect(await largeNoEmailColumn.text()).toContain("including one called “email”");
  });

  test("staff compose a digest, preview it, send a test, send it and watch it finish", async ({ page }) => {
    test.setTimeout(120_000);
    // A publication with a topic, so that every imported reader (all topics) receives it.
    await page.goto("/categories/north-korea");
    const title = (await page
      .getByRole("main")
      .getByRole("article")
      .first()
      .getByRole("link")
      .first()
      .textContent())!.trim();

    await page.goto("/admin/digests");
    await expect(page.getByRole("heading", { level: 1, name: "Digests" })).toBeVisible();
    await page.getByRole("link", { name: "New digest" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New digest" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("Subject").fill(`E2E digest ${run}`);
    await page.getByLabel("Intro").fill("Our picks of the week.");
    await page.getByLabel("Hand-picked publications").check();
    await page.getByRole("button", { name: "Create digest" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `E2E digest ${run}` })).toBeVisible();

    await page.getByLabel("Search publications by title").fill(title);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("listitem").filter({ hasText: title }).getByRole("button", { name: "Add" }).first().click();
    await expect(
      page.getByRole("region", { name: "Publications" }).getByRole("button", { name: "Remove" }),
    ).toBeVisible();

    await page.getByLabel("Sample subscriber (email)").fill(readers[0]!);
    await page.getByRole("button", { name: "Show" }).click();
    const preview = page.frameLocator(`iframe[title="Preview of the digest for ${readers[0]}"]`);
    await expect(preview.getByRole("link", { name: title })).toBeVisible();

    await page.getByRole("button", { name: "Send test to me" }).click();
    await expect(page.getByText(`Test sent to ${E2E_ADMIN.email}.`)).toBeVisible();

    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByRole("region", { name: "Send" }).getByRole("alert")).toHaveText(
      "Tick the box to confirm sending to every subscriber",
    );
    await page.getByLabel(/I have checked the preview/).check();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Progress" })).toBeVisible();
    // The page refreshes itself while sending.
    await expect(page.getByText("Status: Sent")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("status").filter({ hasText: /^Done\./ })).toBeVisible();
    const remaining = page
      .getByRole("region", { name: "Progress" })
      .locator("div")
      .filter({ hasText: "Remaining" })
      .locator("dd");
    await expect(remaining).toHaveText("0");
    const sent = Number(
      await page
        .getByRole("region", { name: "Progress" })
        .locator("div")
        .filter({ hasText: "Sent" })
        .locator("dd")
        .textContent(),
    );
    expect(sent).toBeGreaterThanOrEqual(3);
    await expect(page.getByText("No failures.")).toBeVisible();

    // Without SMTP_URL the messages are in the outbox.
    await page.goto("/admin/outbox");
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/E2E digest|Confirm/);
    await expect(page.getByRole("heading", { name: "Text part" })).toBeVisible();
  });
});

test("the staff pages and the export are closed to anonymous visitors", async ({ page, request }) => {
  await page.goto("/admin/digests");
  await expect(page).toHaveURL(/\/login/);
  const anonymous = await request.get("/admin/subscribers/export");
  expect(anonymous.status()).toBe(401);
  const upload = await request.post("/admin/subscribers/import", {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("email\na@example.org") } },
  });
  expect(upload.status()).toBe(401);
});
