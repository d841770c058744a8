import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expectNoSidewaysScroll } from "../support/layout";

test("the experts directory filters by topic with the keyboard only", async ({ page }) => {
  await page.goto("/experts");
  await expect(page.getByRole("heading", { level: 1, name: "Experts" })).toBeVisible();
  const topic = page.getByLabel("Topic");
  // Tab from the top of the page until the topic filter has the focus.
  for (
    let presses = 0;
    presses < 40 && !(await topic.evaluate((element) => element === document.activeElement));
    presses++
  )
    await page.keyboard.press("Tab");
  await expect(topic).toBeFocused();
  await page.keyboard.type("Security"); // a select's type-ahead picks the option
  await expect(topic).toHaveValue("security");
  await page.keyboard.press("Tab"); // Language
  await page.keyboard.press("Tab"); // Name
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Show experts" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/experts\?topic=security&language=&q=$/);
  const status = page.getByRole("status");
  await expect(status).toHaveText(/^\d+ experts? on Security$/);
  await expect(page).toHaveTitle(/^Experts: \d+ experts? on Security \|/);
  const people = page.getByRole("list", { name: /on Security/ }).getByRole("listitem");
  expect(await people.count()).toBeGreaterThan(0);
  for (const person of await people.all()) await expect(person.getByRole("link", { name: "Security" })).toBeVisible();
  await expect(topic).toHaveValue("security");
  await expectNoAccessibilityViolations(page);
});

test("the directory shows photos, titles, languages and who is available for media", async ({ page }) => {
  await page.goto("/experts");
  const first = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("article") })
    .first();
  await expect(first.getByRole("img", { name: /portrait of /i })).toBeVisible();
  await expect(first.getByText(/^Languages: /)).toBeVisible();
  await expect(page.getByText("Available for media").first()).toBeVisible();
  await expect(page.getByText(/^Press contact: /).first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("searching by name and by language narrows the list; unknown filters are not pages", async ({ page, request }) => {
  await page.goto("/experts");
  await page.getByLabel("Language").selectOption({ label: "Korean" });
  await page.getByLabel("Name", { exact: true }).fill("park");
  await page.getByRole("button", { name: "Show experts" }).click();
  await expect(page.getByRole("status")).toHaveText(/^\d+ experts? who speak Korean matching “park”$/);
  await expect(page.getByRole("heading", { level: 2, name: "Park Seo-yeon" })).toBeVisible();

  expect((await request.get("/experts?topic=no-such-topic")).status()).toBe(404);
  expect((await request.get("/experts?language=%3Cscript%3E")).status()).toBe(404);
  expect((await request.get("/experts/view/anything")).status()).toBe(404);
});

test("/authors redirects to /experts, and a profile shows the biography, expertise and publications", async ({
  page,
  request,
}) => {
  const redirect = await request.get("/authors", { maxRedirects: 0 });
  expect(redirect.status()).toBe(308);
  expect(redirect.headers().location).toBe("/experts");

  await page.goto("/experts?topic=security");
  await page.getByRole("heading", { level: 2 }).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/authors\/[a-z0-9-]+$/);
  await expect(page.getByRole("img", { name: /portrait of /i })).toBeVisible();
  // The profile's facts: its expertise links back to the directory, filtered by that topic.
  const expertise = page.locator("dl").getByRole("link", { name: "Security" });
  await expect(expertise).toHaveAttribute("href", "/experts?topic=security");
  await expect(page.getByRole("region", { name: /^Publications by / })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("the topic and series indexes list every topic and series, the featured series first", async ({ page }) => {
  await page.goto("/categories");
  await expect(page.getByRole("heading", { level: 1, name: "Topics" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "North Korea" })).toBeVisible();
  await expect(page.getByText(/^[\d,]+ publications?$/).first()).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.goto("/series");
  await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText("The Peninsula");
  await expect(page.getByText("Featured series")).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a topic page leads with its newest featured item", async ({ page }) => {
  await page.goto("/categories/north-korea");
  const lead = page.getByRole("region", { name: "Lead story" });
  await expect(lead.getByRole("heading", { level: 2 }).getByRole("link")).toHaveAttribute(
    "href",
    /^\/publications\/[a-z0-9-]+$/,
  );
});

for (const path of ["/experts", "/categories", "/series"]) {
  test(`${path} ships no script files and never scrolls sideways at 320 px`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(path);
    await expect(page.locator("script[src]")).toHaveCount(0);
    await expectNoSidewaysScroll(page);
  });
}
