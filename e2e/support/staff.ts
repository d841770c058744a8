/**
 * Staff in the end-to-end tests: signing in through the form, pages already signed in as
 * each role (the sessions e2e/sessions.setup.ts makes once per run), and the emails the
 * e2e server writes to its outbox (.data/outbox).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { E2E_ADMIN, E2E_AUTHOR, E2E_EDITOR } from "../fixtures";

const DATA_DIR = path.resolve(process.env.QUIRE_DATA_DIR || ".data");
const OUTBOX_DIR = path.join(DATA_DIR, "outbox");

export type StaffRole = "ADMIN" | "EDITOR" | "AUTHOR";

export const STAFF_ACCOUNTS: Record<StaffRole, { email: string; password: string }> = {
  ADMIN: E2E_ADMIN,
  EDITOR: E2E_EDITOR,
  AUTHOR: E2E_AUTHOR,
};

/** Where e2e/sessions.setup.ts leaves a role's signed-in browser state (its session cookie). */
export const sessionFile = (role: StaffRole) => path.join(DATA_DIR, "e2e-sessions", `${role.toLowerCase()}.json`);

/** Signs in through the sign-in form, as staff do, and waits for the dashboard's address. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/**
 * `test` with `staffPage(role)`: a page in a browser context of its own (its own cookies),
 * already signed in as `role`: a second person at another desk. Its context closes with the test.
 */
export const test = base.extend<{ staffPage: (role: StaffRole) => Promise<Page> }>({
  staffPage: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (role) => {
      const context = await browser.newContext({ storageState: sessionFile(role) });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
export { expect };

export const uniqueEmail = (label: string) =>
  `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

/** Recipients and date of each outbox file this process has read, by file name: each is parsed once. */
const outboxIndex = new Map<string, { to: string; date: Date; mail: ParsedMail } | null>();
/** Messages older than this process (less a margin) cannot be for the addresses its tests made up. */
const processStarted = Date.now() - 60_000;

async function findEmail(address: string, notBefore: number): Promise<ParsedMail | null> {
  const names = (await fs.promises.readdir(OUTBOX_DIR).catch(() => [] as string[]))
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .reverse();
  for (const name of names) {
    if (!outboxIndex.has(name)) {
      const file = path.join(OUTBOX_DIR, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat || stat.mtimeMs < processStarted) {
        outboxIndex.set(name, null);
        continue;
      }
      const mail = await simpleParser(await fs.promises.readFile(file));
      outboxIndex.set(name, { to: JSON.stringify(mail.to ?? "").toLowerCase(), date: mail.date ?? new Date(0), mail });
    }
    const entry = outboxIndex.get(name);
    if (entry && entry.to.includes(address.toLowerCase()) && entry.date.getTime() >= notBefore) return entry.mail;
  }
  return null;
}

/**
 * The newest email to `address` in the outbox (sent no earlier than `after`, to the second
 * an email's Date header keeps), waiting for the outbox to receive it: the folder is
 * looked at again whenever a file lands in it, not on a timer.
 */
export async function emailTo(address: string, options: { after?: Date } = {}): Promise<ParsedMail> {
  const notBefore = options.after ? options.after.getTime() - 1000 : 0;
  fs.mkdirSync(OUTBOX_DIR, { recursive: true });
  let wake = () => {};
  let changed = true; // the first look needs no change
  let timedOut = false;
  // Watching starts before the first look, so a message written in between is not missed.
  const watcher = fs.watch(OUTBOX_DIR, () => {
    changed = true;
    wake();
  });
  const timer = setTimeout(() => {
    timedOut = true;
    wake();
  }, 15_000);
  try {
    while (!timedOut) {
      if (changed) {
        changed = false;
        const mail = await findEmail(address, notBefore);
        if (mail) return mail;
      }
      if (!changed && !timedOut) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearTimeout(timer);
    watcher.close();
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
