import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { sessionFile } from "../support/staff";

test.use({ storageState: sessionFile("EDITOR") });

const unique = () => Math.random().toString(36).slice(2, 8);

test("an editor creates, edits and merges authors, and the public pages follow", async ({ page }) => {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Authors" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Authors" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  await expectNoAccessibilityViolations(page);

  const tag = unique();
  const first = `Wren Merger ${tag}`;
  await page.getByRole("link", { name: "New author" }).click();
  await page.getByLabel("Name").fill(first);
  await page.getByLabel("Title line").fill("Non-Resident Fellow");
  await page.getByLabel("Photo URL").fill("http://insecure.example/photo.jpg");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByLabel("Photo URL")).toHaveAccessibleDescription(
    /Enter an address starting with https:\/\/ or a \/media\/ path/,
  );
  await page.getByLabel("Photo URL").fill("");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Created ${first}.`)).toBeVisible();
  const firstSlug = `wren-merger-${tag}`;
  await expect(page.getByLabel("Slug")).toHaveValue(firstSlug);
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Affiliation").fill("Quire Institute");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Saved ${first}.`)).toBeVisible();
  await page.goto(`/authors/${firstSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  await expect(page.getByText("Non-Resident Fellow at Quire Institute")).toBeVisible();

  // A second author to merge the first into.
  const second = `Wren Survivor ${tag}`;
  await page.goto("/admin/authors/new");
  await page.getByLabel("Name").fill(second);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Created ${second}.`)).toBeVisible();

  await page.goto(`/admin/authors?q=${encodeURIComponent(first)}`);
  await page.getByRole("table").getByRole("link", { name: first, exact: true }).click();
  await page.getByLabel(`Merge ${first} into`).selectOption({ label: second });
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByText("Merged: the publications are now here.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();

  await page.goto(`/authors/${firstSlug}`);
  await expect(page).toHaveURL(new RegExp(`/authors/wren-survivor-${tag}$`));
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();
  const feed = await page.request.get(`/authors/${firstSlug}/feed.xml`, { maxRedirects: 0 });
  expect(feed.status()).toBe(308);
  expect(feed.headers().location).toMatch(new RegExp(`/authors/wren-survivor-${tag}/feed\\.xml$`));
});

test("categories: create, rename the slug (the old address redirects), search the list", async ({ page }) => {
  const tag = unique();
  await page.goto("/admin/categories/new");
  await page.getByLabel("Name").fill(`Arctic ${tag}`);
  await page.getByLabel("Description").fill("Shipping lanes and sovereignty.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Created Arctic ${tag}.`)).toBeVisible();
  await page.getByLabel("Slug").fill(`polar-${tag}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(`Saved Arctic ${tag}.`)).toBeVisible();

  await page.goto(`/categories/arctic-${tag}`);
  await expect(page).toHaveURL(new RegExp(`/categories/polar-${tag}$`));
  await expect(page.getByText("Shipping lanes and sovereignty.")).toBeVisible();

  await page.goto(`/admin/categories?q=${tag}`);
  await expect(page.getByText("1 category", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `polar-${tag}` })).toBeVisible();
});
