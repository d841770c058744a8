import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";

// Each test gets its own client address: the signup's rate limits count per IP, and
// every test here runs from the same machine.
let ipCounter = 0;
const uniqueIp = () => `198.18.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`;
const uniqueEmail = (label: string) =>
  `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** The form on /subscribe (named by the page's heading), not the signup box elsewhere on the page. */
const signupForm = (page: Page) => page.getByRole("form", { name: "Subscribe" });

const THANKS = "Thank you! Please check your inbox: we have sent you an email to finish signing up.";

test("a reader signs up on /subscribe and is asked to check their inbox", async ({ page }) => {
  await page.goto("/subscribe");
  await expect(page.getByRole("heading", { level: 1, name: "Subscribe" })).toBeVisible();
  const form = signupForm(page);
  await expect(form.getByRole("checkbox", { name: "North Korea" })).toBeChecked();
  for (const checkbox of await form.getByRole("checkbox").all()) await expect(checkbox).toBeChecked();
  await expect(form.getByRole("link", { name: "privacy notice" })).toHaveAttribute("href", "/privacy");
  await expectNoAccessibilityViolations(page);

  await form.getByLabel("Email").fill(uniqueEmail("signup"));
  await form.getByLabel("First name").fill("Ada");
  await form.getByLabel("Last name").fill("Lovelace");
  await form.getByRole("checkbox", { name: "Security" }).uncheck();
  await form.getByRole("button", { name: "Subscribe" }).click();

  await expect(page.getByText(THANKS)).toBeVisible();
  await expect(form).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
});

test("mistakes get clear messages next to the field, and what was typed stays", async ({ page }) => {
  await page.goto("/subscribe");
  const form = signupForm(page);
  await form.getByLabel("Email").fill("ada(at)example.org");
  await form.getByLabel("First name").fill("Ada");
  await form.getByRole("checkbox", { name: "North Korea" }).uncheck();
  await form.getByRole("button", { name: "Subscribe" }).click();

  const email = form.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter a valid email address, like name@example.org");
  await expect(form.getByRole("alert")).toHaveText("Enter a valid email address, like name@example.org");
  await expect(email).toHaveValue("ada(at)example.org");
  await expect(form.getByLabel("First name")).toHaveValue("Ada");
  await expect(form.getByRole("checkbox", { name: "North Korea" })).not.toBeChecked();
  await expectNoAccessibilityViolations(page);

  await email.fill("someone@mailinator.com");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(email).toHaveAccessibleDescription(
    "We cannot accept addresses from this email provider. Please use another address.",
  );

  await email.fill(uniqueEmail("no-topics"));
  for (const checkbox of await form.getByRole("checkbox").all()) await checkbox.uncheck();
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(form.getByRole("alert")).toHaveText("Choose at least one topic");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still signs up and shows errors (progressive enhancement)", async ({ page }) => {
    await page.goto("/subscribe");
    const form = signupForm(page);
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Subscribe" }).click();
    await expect(
      signupForm(page).getByText("Enter a valid email address, like name@example.org").first(),
    ).toBeVisible();
    await expect(signupForm(page).getByLabel("Email")).toHaveValue("not-an-email");

    await signupForm(page).getByLabel("Email").fill(uniqueEmail("no-js"));
    await signupForm(page).getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText(THANKS)).toBeVisible();
  });
});

test("links with a bad token explain themselves and offer no button", async ({ page }) => {
  await page.goto("/subscribe/confirm?token=not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your subscription" })).toBeVisible();
  await expect(page.getByText(/This confirmation link is not valid/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign up again" })).toHaveAttribute("href", "/subscribe");
  await expectNoAccessibilityViolations(page);

  await page.goto("/unsubscribe?token=1.m.zz.zz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expect(page.getByText(/This link is not valid/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);

  const response = await page.goto("/subscribe/preferences");
  expect(response?.status()).toBe(200);
  await expect(page.getByText(/This link is not valid/)).toBeVisible();
});

test("the consent wording links to the privacy notice", async ({ page }) => {
  await page.goto("/subscribe");
  await signupForm(page).getByRole("link", { name: "privacy notice" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy notice" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("POST /api/subscribe answers JSON like the page", async ({ request }) => {
  const headers = { "x-forwarded-for": uniqueIp() };
  const bad = await request.post("/api/subscribe", { data: { email: "nope" }, headers });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({
    ok: false,
    message: "Enter a valid email address, like name@example.org",
    fieldErrors: { email: "Enter a valid email address, like name@example.org" },
  });

  const good = await request.post("/api/subscribe", { form: { email: uniqueEmail("api") }, headers });
  expect(good.status()).toBe(200);
  expect(await good.json()).toEqual({ ok: true, message: THANKS });

  const oneClick = await request.post("/api/unsubscribe?token=garbage", {
    form: { "List-Unsubscribe": "One-Click" },
    headers,
  });
  expect(oneClick.status()).toBe(400);
});
