import { E2E_EDITOR } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";
import {
  emailTo,
  expect,
  inviteStaff,
  passwordLinkIn,
  setPasswordThroughLink,
  signIn,
  test,
  uniqueEmail,
} from "../support/staff";

// Each test gets its own client address: sign-in and reset limits count per address.
test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({
    "x-forwarded-for": `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
  });
});

test("an admin invites someone, who sets a password from the email and signs in", async ({ staffPage, browser }) => {
  const page = await staffPage("ADMIN");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  const invitee = await browser.newPage();
  const account = await inviteStaff(page, invitee, "Author", "invitee");
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: account.email });
  await expect(row.getByRole("cell", { name: "Invited" })).toBeVisible();

  await signIn(invitee, account.email, account.password);
  await expect(invitee.getByRole("banner").getByText(account.email)).toBeVisible();
  await page.reload();
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Never" })).toHaveCount(0);
  await invitee.close();
});

test("forgot password: the same answer for any address, a link by email that works once", async ({
  page,
  staffPage,
}) => {
  const adminPage = await staffPage("ADMIN");
  const account = await inviteStaff(adminPage, page, "Editor", "forgetful");
  await adminPage.close();

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/login\/forgot$/);
  await expectNoAccessibilityViolations(page);
  // An address no account has, new to each run: requests are also limited per address typed.
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer =
    "If there is a staff account for this address, we have sent it a link to choose a new password. The link works for 1 hour.";
  await expect(page.getByText(answer)).toBeVisible();

  const requested = new Date();
  await page.goto("/login/forgot");
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(answer)).toBeVisible();
  const mail = await emailTo(account.email, { after: requested });
  expect(mail.subject).toMatch(/^Reset your .+ password$/);
  const link = passwordLinkIn(mail);

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Confirm password").fill("password1234");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(
    /This password is too common: choose one that is harder to guess/,
  );
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("password1234");

  const newPassword = "a brand new passphrase for e2e";
  await setPasswordThroughLink(page, link, newPassword);
  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This link has expired or has already been used. Ask for a new one.",
  );

  await signIn(page, account.email, newPassword);
});

test("a role change applies on the user's next request, and disabling signs them out", async ({
  staffPage,
  browser,
}) => {
  const page = await staffPage("ADMIN");
  const userPage = await browser.newPage();
  const account = await inviteStaff(page, userPage, "Author", "promoted");
  await signIn(userPage, account.email, account.password);

  const forbidden = await userPage.goto("/admin/authors");
  expect(forbidden?.status()).toBe(403);
  await expect(userPage.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();

  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: account.email });
  await row.getByLabel(`Role for ${account.name}`).selectOption({ label: "Editor" });
  await row.getByRole("button", { name: `Change role of ${account.name}` }).click();
  await expect(row.getByText(`${account.email} is now editor.`)).toBeVisible();

  const allowed = await userPage.goto("/admin/authors");
  expect(allowed?.status()).toBe(200);
  await expect(userPage.getByRole("heading", { level: 1, name: "Authors" })).toBeVisible();

  await row.getByRole("button", { name: `Disable ${account.name}` }).click();
  await expect(row.getByText(`${account.email} is disabled and signed out.`)).toBeVisible();
  await userPage.goto("/admin");
  await expect(userPage).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  await userPage.close();
});

test("sign out everywhere ends the session in every browser", async ({ staffPage, browser }) => {
  const page = await staffPage("ADMIN");
  const userPage = await browser.newPage();
  const account = await inviteStaff(page, userPage, "Author", "traveller");
  const otherBrowser = await browser.newPage();
  await signIn(userPage, account.email, account.password);
  await signIn(otherBrowser, account.email, account.password);

  await userPage.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(userPage).toHaveURL(/\/login/);
  await otherBrowser.goto("/admin");
  await expect(otherBrowser).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  await userPage.close();
  await otherBrowser.close();
});

test("sign out ends that session only: a copy of its cookie no longer works, other browsers stay in", async ({
  browser,
}) => {
  const laptop = await browser.newPage();
  const phone = await browser.newPage();
  await signIn(laptop, E2E_EDITOR.email, E2E_EDITOR.password);
  await signIn(phone, E2E_EDITOR.email, E2E_EDITOR.password);
  const copied = (await laptop.context().cookies()).filter((cookie) => cookie.name.includes("session-token"));
  expect(copied.length).toBeGreaterThan(0);

  await laptop.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(laptop).toHaveURL(/\/login/);
  // Someone who kept the laptop's cookie: signed out too.
  const thief = await browser.newPage();
  await thief.context().addCookies(copied);
  await thief.goto("/admin");
  await expect(thief).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  // The phone is still signed in.
  await phone.goto("/admin/publications");
  await expect(phone.getByRole("heading", { level: 1, name: "Publications" })).toBeVisible();
  for (const opened of [laptop, phone, thief]) await opened.close();
});
