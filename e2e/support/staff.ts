/** Signing staff in, and reading the emails the e2e server writes to its outbox (.data/outbox). */
import fs from "node:fs/promises";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

const OUTBOX_DIR = path.resolve(process.env.QUIRE_DATA_DIR || ".data", "outbox");

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** A separate browser context (its own cookies), signed in: a second person at another desk. */
export async function staffPage(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  return page;
}

export const uniqueEmail = (label: string) =>
  `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

/** The newest email to `address` in the outbox, waiting for it to arrive. */
export async function emailTo(address: string, options: { after?: Date } = {}): Promise<ParsedMail> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const names = (await fs.readdir(OUTBOX_DIR).catch(() => [] as string[]))
      .filter((name) => name.endsWith(".eml"))
      .sort()
      .reverse();
    for (const name of names.slice(0, 200)) {
      const mail = await simpleParser(await fs.readFile(path.join(OUTBOX_DIR, name)));
      const to = JSON.stringify(mail.to ?? "").toLowerCase();
      if (
        to.includes(address.toLowerCase()) &&
        (!options.after || (mail.date ?? new Date(0)) >= new Date(options.after.getTime() - 1000))
      )
        return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No email to ${address} arrived in the outbox.`);
}

/** The /login/reset link an email carries, as a path on the test server. */
export function passwordLinkIn(mail: ParsedMail): string {
  const match = /https?:\/\/[^\s]+\/login\/reset\?token=[^\s]+/.exec(mail.text ?? "");
  expect(match, "the email carries a password link").not.toBeNull();
  const url = new URL(match![0]);
  return `${url.pathname}${url.search}`;
}

/** Sets a password on the page a reset or invitation link opens. */
export async function setPasswordThroughLink(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set. Sign in with it now.")).toBeVisible();
}

/**
 * A new staff account made the way an admin does it: invited from /admin/users (in
 * `adminPage`, already signed in), its password set through the emailed link.
 */
export async function inviteStaff(
  adminPage: Page,
  inviteePage: Page,
  role: "Author" | "Editor" | "Admin",
  label: string,
) {
  const email = uniqueEmail(label);
  const name = `E2E ${label} ${Math.random().toString(36).slice(2, 6)}`;
  const password = `${label}-correct-horse-${Math.random().toString(36).slice(2, 8)}`;
  await adminPage.goto("/admin/users");
  const invite = adminPage.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill(name);
  await invite.getByLabel("Role").selectOption({ label: role });
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await setPasswordThroughLink(inviteePage, passwordLinkIn(await emailTo(email)), password);
  return { email, name, password };
}
