import { expect, test } from "@playwright/test";
import { E2E_MOVED_PUBLICATION_PATH } from "../fixtures";
import { expectNoAccessibilityViolations } from "../support/axe";

test("a reader opens a publication and finds its authors, topics, citation and related reading", async ({ page }) => {
  await page.goto("/");
  // The newest that is not an event (events open at /events/).
  const firstLink = page
    .getByRole("region", { name: "Latest publications" })
    .getByRole("heading", { level: 3 })
    .locator('a[href^="/publications/"]')
    .first();
  const title = (await firstLink.textContent())?.trim() ?? "";
  await firstLink.click();

  await expect(page).toHaveURL(/\/publications\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(/\d+ min read/)).toBeVisible();
  await expect(page.locator(".prose-body p").first()).toBeVisible();

  const authors = page.getByRole("list", { name: "Authors" });
  await expect(authors.getByRole("link").first()).toHaveAttribute("href", /^\/authors\/[a-z0-9-]+$/);
  await expect(page.getByRole("list", { name: "Topics" }).getByRole("link").first()).toHaveAttribute(
    "href",
    /^\/categories\//,
  );

  await page.getByText("Cite this").click();
  await expect(page.getByText(/\(\d{4}, [A-Z][a-z]+ \d{1,2}\)\./)).toBeVisible(); // APA date
  await expect(page.getByText(/^@misc\{/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Share" }).getByRole("link", { name: "LinkedIn" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Related publications" })).toBeVisible();

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toMatch(/^(Article|Report)$/);
  expect(jsonLd.headline).toBe(title);
  expect(jsonLd.author.length).toBeGreaterThan(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/publications\/[a-z0-9-]+$/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");

  await expectNoAccessibilityViolations(page);
});

test("a series post links back to its series", async ({ page }) => {
  await page.goto("/series/the-peninsula");
  await page
    .getByRole("region", { name: "Posts in The Peninsula" })
    .getByRole("heading", { level: 2 })
    .first()
    .getByRole("link")
    .click();
  await page.getByRole("link", { name: "← Return to The Peninsula" }).click();
  await expect(page).toHaveURL(/\/series\/the-peninsula$/);
  await expect(page.getByRole("heading", { level: 1, name: "The Peninsula" })).toBeVisible();
});

test("unknown, malformed and unpublished slugs are 404s, never errors", async ({ page }) => {
  for (const path of [
    "/publications/does-not-exist",
    "/publications/%00%27%22",
    `/publications/${"a".repeat(500)}`,
    "/categories/nope",
    "/authors/NOPE!",
    "/series/x%20y",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("a publication's old address redirects permanently (308) to the new one", async ({ page, request }) => {
  const response = await request.get(E2E_MOVED_PUBLICATION_PATH, { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  // Next.js repeats the Location header for redirects from cached pages; browsers accept
  // repeats as long as they agree.
  const locations = new Set(
    response
      .headersArray()
      .filter((header) => header.name.toLowerCase() === "location")
      .map((header) => header.value),
  );
  expect(locations.size).toBe(1);
  const [target = ""] = locations;
  expect(target).toMatch(/\/publications\/[a-z0-9-]+$/);
  await page.goto(E2E_MOVED_PUBLICATION_PATH);
  await expect(page).toHaveURL(new RegExp(`${target.replace(/^https?:\/\/[^/]+/, "")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a report offers its PDF with its size, and featured images carry caption and credit", async ({
  page,
  request,
}) => {
  await page.goto("/publications?type=report");
  await page
    .getByRole("region", { name: "Publications" })
    .getByRole("heading", { level: 2 })
    .first()
    .getByRole("link")
    .click();
  const download = page.getByRole("link", { name: /^Download PDF \(\d+(\.\d)? (B|KB|MB)\)$/ });
  await expect(download).toBeVisible();
  const pdf = await request.get((await download.getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Featured items are the newest reports and briefs; find one with an image among the latest.
  await page.goto("/publications");
  const links = page.getByRole("region", { name: "Publications" }).getByRole("heading", { level: 2 }).getByRole("link");
  for (const href of await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")))) {
    await page.goto(href ?? "/");
    // The featured image is the article's own figure; bodies may hold figures of their own.
    if ((await page.locator("article > figure").count()) === 0) continue;
    const image = page.locator("article > figure img");
    await expect(image).toHaveAttribute("alt", /^Abstract /);
    await expect(image).toHaveAttribute("width", "1200");
    await expect(page.locator("article > figure figcaption")).toContainText("Illustration: Quire Institute");
    const response = await request.get((await image.getAttribute("src")) ?? "");
    expect(response.headers()["content-type"]).toBe("image/svg+xml");
    return;
  }
  throw new Error("No publication with a featured image among the latest twenty");
});

test("media files outside the media table are never served", async ({ request }) => {
  for (const path of ["/media/demo/nope.svg", "/media/..%2F..%2Fetc%2Fpasswd", "/media/demo/../postgres.json"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
