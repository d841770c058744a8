import { expect, type Browser, type Page } from "@playwright/test";

/** Signs in through the form and waits for the staff area. */
export async function signInAs(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin/);
}

/** A separate browser context (its own cookies), signed in: a second person at another desk. */
export async function staffPage(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, account);
  return page;
}
