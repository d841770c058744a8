import { generate } from "@otplib/totp";
import { ScureBase32Plugin } from "@otplib/plugin-base32-scure";
import { NodeCryptoPlugin } from "@otplib/plugin-crypto-node";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, inviteStaff, test } from "../support/staff";

/** The code an authenticator app shows `offsetSteps` time steps (30 s) from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  generate({
    secret,
    crypto: new NodeCryptoPlugin(),
    base32: new ScureBase32Plugin(),
    epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30,
  });

// Its own client address: sign-in limits count per address.
test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({
    "x-forwarded-for": `198.20.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
  });
});

test("someone turns on two-factor authentication, then signs in with the password and a code", async ({
  page,
  staffPage,
}) => {
  const adminPage = await staffPage("ADMIN");
  const account = await inviteStaff(adminPage, page, "Author", "two-factor");
  await adminPage.close();

  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.getByRole("link", { name: "Your account" }).click();
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = section.getByText("Or enter this key by hand").locator("code");
  await expect(key).toHaveText(/^[A-Z2-7 ]{32,}$/);
  const secret = (await key.textContent())!.replaceAll(" ", "");
  await expect(section.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await section.getByLabel("Authentication code").fill(await codeAt(secret));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(section.getByText(/^On/)).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeFocused();
  await expectNoAccessibilityViolations(page);
  // The password alone opened nothing.
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(
    false,
  );
  // The code of the next time step: the current one was spent turning it on.
  await code.fill(await codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(account.email)).toBeVisible();
});
