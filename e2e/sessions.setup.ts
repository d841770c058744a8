/**
 * Runs before the end-to-end tests (the "sessions" project in playwright.config.ts): each
 * staff role signs in once, through the sign-in form, and its browser state is kept for
 * the tests that need someone signed in (`staffPage`, or `test.use({ storageState })`).
 * Signing in itself is tested in e2e/admin/sign-in.spec.ts and wherever a test's own
 * account signs in.
 */
import { test as setup } from "@playwright/test";
import { sessionFile, signIn, STAFF_ACCOUNTS, type StaffRole } from "./support/staff";

for (const role of Object.keys(STAFF_ACCOUNTS) as StaffRole[]) {
  setup(`${role.toLowerCase()} signs in`, async ({ page }) => {
    const account = STAFF_ACCOUNTS[role];
    await signIn(page, account.email, account.password);
    await page.context().storageState({ path: sessionFile(role) });
  });
}
