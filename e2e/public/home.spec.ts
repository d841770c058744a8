import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expectNoSidewaysScroll } from "../support/layout";

test("the home page leads with a story and its image, then featured, latest, The Peninsula, topics and experts", async ({
  page,
}) => {
  await page.goto("/");
  const lead = page.getByRole("region", { name: "Lead story" });
  await expect(lead.getByRole("heading", { level: 2 }).getByRole("link")).toHaveAttribute(
    "href",
    /^\/publications\/[a-z0-9-]+$/,
  );
  const image = lead.getByRole("figure").getByRole("img");
  await expect(image).toBeVisible();
  expect(await image.getAttribute("alt")).toBeTruthy();
  await expect(lead.getByRole("figure").locator("figcaption")).toHaveText(/\S/);

  await expect(page.getByRole("link", { name: /^Total Index: [\d,]+ publications$/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Featured" })).toBeVisible();
  const latest = page.getByRole("region", { name: "Latest publications" });
  await expect(latest.getByRole("listitem")).toHaveCount(8);
  await expect(page.getByRole("heading", { level: 2, name: "The Peninsula" })).toBeVisible();
  const topics = page.getByRole("region", { name: "Topics" });
  const northKorea = topics.getByRole("listitem").filter({ has: page.getByRole("link", { name: "North Korea" }) });
  await expect(northKorea.getByText(/^[\d,]+ publications?$/)).toBeVisible();
  const experts = page.getByRole("region", { name: "Our experts" });
  expect(await experts.getByRole("listitem").count()).toBeGreaterThan(0);
  await expect(experts.getByRole("listitem").first().getByRole("link")).toHaveAttribute(
    "href",
    /^\/authors\/[a-z0-9-]+$/,
  );
  await expect(page.getByRole("heading", { level: 2, name: "Stay Informed" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Browse" }).getByRole("link", { name: "Experts" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("upcoming events on the home page link to their pages", async ({ page }) => {
  await page.goto("/");
  const events = page.getByRole("region", { name: "Upcoming events" });
  test.skip((await events.count()) === 0, "no upcoming events in this archive");
  const links = events.getByRole("listitem").getByRole("link");
  expect(await links.count()).toBeGreaterThan(0);
  for (const link of await links.all()) await expect(link).toHaveAttribute("href", /^\/events\/[a-z0-9-]+$/);
});

test("the home page ships no script files and never scrolls sideways at 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/");
  await expect(page.locator("script[src]")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
});

test("keyboard users can skip to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to content" });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("an unknown address shows the friendly 404 page in the site's layout", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
});
