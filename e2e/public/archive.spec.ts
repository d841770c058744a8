import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";

test("the archive shows the total index and pages with stable URLs", async ({ page }) => {
  await page.goto("/publications");
  await expect(page.getByText(/^Total Index: [\d,]+ publications$/)).toBeVisible();
  const items = page.getByRole("region", { name: "Publications" }).getByRole("heading", { level: 2 });
  await expect(items).toHaveCount(20);
  const firstOnPageOne = await items.first().textContent();

  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/publications\?page=2$/);
  await expect(items.first()).not.toHaveText(firstOnPageOne ?? "");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Pagination" }).locator('[aria-current="page"]')).toHaveText("2");
  await expectNoAccessibilityViolations(page);
});

test("the archive ships no script files, and ?page=1 or a malformed page is its first page", async ({ page }) => {
  const scriptRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scriptRequests.push(request.url());
  });
  await page.goto("/publications?type=commentary&page=2");
  await expect(page.getByRole("heading", { level: 1, name: "Publications" })).toBeVisible();
  await expect(page.locator("script[src]")).toHaveCount(0);
  expect(scriptRequests).toEqual([]);

  const firstTitles = async (path: string) => {
    await page.goto(path);
    return page.getByRole("region", { name: "Publications" }).getByRole("heading", { level: 2 }).allTextContents();
  };
  const pageOne = await firstTitles("/publications");
  expect(pageOne).toHaveLength(20);
  for (const path of ["/publications?page=1", "/publications?page=abc", "/publications?page=0"]) {
    expect(await firstTitles(path), path).toEqual(pageOne);
  }
  // A page number written otherwise than the site's links write it is still that page.
  expect(await firstTitles("/publications?page=02")).toEqual(await firstTitles("/publications?page=2"));
});

test("filters combine, show as removable chips and survive a reload", async ({ page }) => {
  await page.goto("/publications");
  await page.getByLabel("Type").selectOption({ label: "Commentary" });
  await page.getByLabel("Topic").selectOption({ label: "North Korea" });
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/type=commentary/);
  await expect(page).toHaveURL(/category=north-korea/);
  const count = page.getByText(/^[\d,]+ publications? found$/);
  await expect(count).toBeVisible();
  const types = page.getByRole("region", { name: "Publications" }).locator("article > p:first-child");
  for (const label of await types.allTextContents()) expect(label).toMatch(/^Commentary/);

  await page.reload();
  await expect(page.getByLabel("Type")).toHaveValue("commentary");
  await expect(page.getByRole("link", { name: "Remove filter Topic: North Korea" })).toBeVisible();

  await page.getByRole("link", { name: "Remove filter Type: Commentary" }).click();
  await expect(page).toHaveURL(/\/publications\?category=north-korea$/);
  await expect(page.getByRole("link", { name: "Remove filter Type: Commentary" })).toHaveCount(0);
});

test("bad query strings give a normal page, never an error", async ({ page }) => {
  for (const query of [
    "page=-1",
    "page=999999",
    "page=abc",
    "year=99999999999",
    "category=%00",
    `author=${"x".repeat(3000)}`,
    "constructor=x&toString=1",
  ]) {
    const response = await page.goto(`/publications?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Publications" })).toBeVisible();
  }
});

test("a filter naming nothing that exists, or a page past the last, is not found", async ({ page }) => {
  // Each would otherwise be one more page rendered and cached for anyone who makes one up.
  for (const query of ["type=nope", "category=no-such-topic", "year=1901", "page=9999"]) {
    const response = await page.goto(`/publications?${query}`);
    expect(response?.status(), query).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
  expect((await page.request.get("/publications/view/anything")).status()).toBe(404);
  expect((await page.request.get("/categories/north-korea?page=9999")).status()).toBe(404);
});

test("category and author pages list their own publications with feeds", async ({ page }) => {
  await page.goto("/categories/north-korea");
  await expect(page.getByRole("heading", { level: 1, name: "North Korea" })).toBeVisible();
  await expect(page.getByRole("link", { name: "RSS" }).first()).toHaveAttribute(
    "href",
    "/categories/north-korea/feed.xml",
  );
  await expectNoAccessibilityViolations(page);

  await expect(
    page.getByRole("region", { name: "Publications on North Korea" }).getByRole("heading", { level: 2 }),
  ).toHaveCount(20);

  await page.goto("/publications");
  const authorLink = page.getByRole("region", { name: "Publications" }).locator('a[href^="/authors/"]').first();
  const name = (await authorLink.textContent()) ?? "";
  await authorLink.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^[\d,]+ publications? ·/)).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
