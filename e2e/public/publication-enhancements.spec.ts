/**
 * The publication page ships no framework JavaScript (pages/publications/[slug].tsx): one
 * small inline script gives it the behaviours React gives the other pages. Each is used
 * here as a reader would, with the keyboard where it matters, and without JavaScript.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { arrowDownTo, optionTarget } from "../support/combobox";

const THANKS = "Thank you! Please check your inbox: we have sent you an email to finish signing up.";
const uniqueEmail = (label: string) =>
  `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
let ipCounter = 0;

test.beforeEach(async ({ context }) => {
  // The signup's rate limits count per client address: each test gets its own.
  await context.setExtraHTTPHeaders({
    "x-forwarded-for": `198.19.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`,
  });
});

/** Opens the newest publication of the archive that is not an event (an event's page is at /events/). */
async function openPublication(page: Page): Promise<string> {
  await page.goto("/publications");
  const href = await page
    .getByRole("region", { name: "Publications" })
    .getByRole("heading", { level: 2 })
    .locator('a[href^="/publications/"]')
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/publications\/[a-z0-9-]+$/);
  await page.goto(href!);
  return href!;
}

const stayInformed = (page: Page) => page.getByRole("region", { name: "Stay Informed" });

test("the page loads no script files: only its structured data and one inline script", async ({ page }) => {
  const href = await openPublication(page);
  const scriptRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scriptRequests.push(request.url());
  });
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scriptRequests).toEqual([]);
  await expect(page.locator("script[src]")).toHaveCount(0);
  await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(1);
});

test("search suggestions work from the publication page with the keyboard alone", async ({ page }) => {
  await openPublication(page);
  const box = page.getByRole("combobox", { name: "Search" });
  await box.focus();
  await page.keyboard.type("north k");
  const list = page.getByRole("listbox", { name: "Suggestions" });
  const topic = list.getByRole("option", { name: "Topic North Korea", exact: true });
  await expect(topic).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expectNoAccessibilityViolations(page);

  await arrowDownTo(page, box, await optionTarget(topic, list));
  await expect(topic).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/categories\/north-korea$/);
});

test("Enter in the search box searches, and Escape closes the list and then clears the box", async ({ page }) => {
  await openPublication(page);
  const box = page.getByRole("combobox", { name: "Search" });
  await box.focus();
  await page.keyboard.type("north k");
  await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(box).toHaveValue("");
  await page.keyboard.type("sanctions");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=sanctions$/);
  await expect(page.getByText(/[\d,]+ results? for/)).toBeVisible();
});

test("a citation's copy button copies it and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openPublication(page);
  await page.getByText("Cite this").click();
  const apa = (await page.locator(".cite-this dd").first().textContent()) ?? "";
  expect(apa).toMatch(/\(\d{4}, [A-Z][a-z]+ \d{1,2}\)\./);
  const button = page.getByRole("button", { name: "Copy APA citation" });
  await button.click();
  await expect(button.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apa);
});

test("the Stay Informed box answers in place: errors next to the field, then thanks", async ({ page }) => {
  await openPublication(page);
  const box = stayInformed(page);
  await box.getByLabel("Email").fill("not-an-email");
  await box.getByRole("button", { name: "Subscribe" }).click();
  await expect(box.getByRole("alert")).toHaveText("Enter a valid email address, like name@example.org");
  const email = box.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter a valid email address, like name@example.org");
  await expect(email).toHaveValue("not-an-email");
  await expect(page).toHaveURL(/\/publications\//);
  await expectNoAccessibilityViolations(page);

  await email.fill(uniqueEmail("publication-box"));
  await box.getByRole("button", { name: "Subscribe" }).click();
  await expect(box.getByText(THANKS)).toBeVisible();
  await expect(box.getByRole("button", { name: "Subscribe" })).toBeHidden();
  await expect(email).not.toHaveAttribute("aria-invalid");
  await expect(page).toHaveURL(/\/publications\//);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the Stay Informed box still signs up, through /subscribe", async ({ page }) => {
    await openPublication(page);
    await stayInformed(page).getByLabel("Email").fill("not-an-email");
    await stayInformed(page).getByRole("button", { name: "Subscribe" }).click();
    await expect(page).toHaveURL(/\/subscribe\?signup=retry/);
    const form = page.getByRole("form", { name: "Subscribe" });
    await expect(form.getByRole("alert")).toHaveText(
      "Your signup did not go through. Please check the form and send it again.",
    );
    await expect(form.getByLabel("Email")).toHaveValue("not-an-email");

    await openPublication(page);
    await stayInformed(page).getByLabel("Email").fill(uniqueEmail("publication-no-js"));
    await stayInformed(page).getByRole("button", { name: "Subscribe" }).click();
    await expect(page).toHaveURL(/\/subscribe\?signup=sent$/);
    await expect(page.getByText(THANKS)).toBeVisible();
  });
});
