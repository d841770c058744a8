import fs from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_EDITOR } from "../fixtures";
import { emailTo, passwordLinkIn, signIn } from "../support/staff";

// The e2e server has no SMTP_URL: every email, password links included, lands in the outbox.
const OUTBOX_DIR = path.resolve(process.env.QUIRE_DATA_DIR || ".data", "outbox");

/** The outbox file that carries `token`. */
async function outboxFileWith(token: string): Promise<string> {
  for (const name of (await fs.readdir(OUTBOX_DIR))
    .filter((entry) => entry.endsWith(".eml"))
    .sort()
    .reverse()) {
    const raw = (await fs.readFile(path.join(OUTBOX_DIR, name), "utf8")).replace(/=\r?\n/g, "");
    if (raw.includes(token.split(".").at(-1)!)) return name;
  }
  throw new Error("The reset email is not in the outbox.");
}

test("the outbox shows an admin a reset email with its link redacted, and refuses editors", async ({
  page,
  browser,
}) => {
  const requestedAt = new Date();
  await page.goto("/login/forgot");
  await page.getByLabel("Email").fill(E2E_EDITOR.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(/^If there is a staff account for this address/)).toBeVisible();
  const token = new URL(
    passwordLinkIn(await emailTo(E2E_EDITOR.email, { after: requestedAt })),
    "http://x",
  ).searchParams.get("token")!;
  const messagePath = `/admin/outbox/${encodeURIComponent(await outboxFileWith(token))}`;
  const signature = token.split(".").at(-1)!;

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await page.goto(messagePath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Reset your .+ password$/);
  await expect(page.getByText(/\/login\/reset\?token=\[redacted\]/).first()).toBeVisible();
  expect(await page.content()).not.toContain(signature);
  await page.getByRole("link", { name: "Show source" }).click();
  await expect(page.getByText(/token=\[redacted\]/).first()).toBeVisible();
  expect(await page.content()).not.toContain(signature);

  const editor = await browser.newPage();
  await signIn(editor, E2E_EDITOR.email, E2E_EDITOR.password);
  await expect(editor.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Outbox" })).toHaveCount(0);
  for (const refused of ["/admin/outbox", messagePath]) {
    const response = await editor.goto(refused);
    expect(response?.status(), refused).toBe(403);
  }
  await editor.close();
});
