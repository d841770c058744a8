import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, test } from "../support/staff";

/** The header's search box, on any public page. */
const searchBox = (page: Page) => page.getByRole("banner").getByRole("combobox", { name: "Search", exact: true });
const results = (page: Page) => page.getByRole("region", { name: "Search results" });
/** The line with the number of results. */
const resultCount = (page: Page) => page.getByRole("status").filter({ hasText: /results? for “|No results/ });

test("a name with transposed letters is corrected on the page, and an acronym is searched with its synonyms", async ({
  page,
}) => {
  // Several pages and an accessibility scan: more than the default time on a busy machine.
  test.slow();
  await page.goto("/");
  await searchBox(page).fill("Nvoak");
  await searchBox(page).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Nvoak$/);
  await expect(page.getByText("No results for “Nvoak”. Showing results for Novák instead.")).toBeVisible();
  await expect(resultCount(page)).toHaveText(/^[\d,]+ results? for “Novák”$/);
  await expect(results(page).getByRole("link", { name: "Lukáš Novák" }).first()).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.goto("/search?q=DPRK");
  await expect(page.getByText(/^Including results for “North Korea”, .* \(DPRK\)$/)).toBeVisible();
  await expect(resultCount(page)).toHaveText(/^(About )?[\d,]+ results for “DPRK”$/);
  await expect(results(page).getByRole("heading", { level: 2 }).first()).toBeVisible();
});

test("staff add a synonym on /admin/search and the next search uses it; they remove it again", async ({
  page: reader,
  staffPage,
}) => {
  test.slow();
  const term = `Zqxjv ${Date.now().toString(36)}`;
  // Cached before the synonym exists (a search is kept from its second asking): the change must drop it.
  for (let asked = 0; asked < 2; asked++) {
    await reader.goto(`/search?q=${encodeURIComponent(term)}`);
    await expect(resultCount(reader)).toHaveText(`0 results for “${term}”`);
  }

  const page = await staffPage("ADMIN");
  await page.goto("/admin/search");
  const section = page.getByRole("region", { name: "Synonyms and acronyms" });
  await section.getByLabel("Term", { exact: true }).fill(term);
  await section.getByLabel("Also means", { exact: true }).fill("North Korea");
  await section.getByRole("radio", { name: /One-way/ }).check();
  await section.getByRole("button", { name: "Add synonym" }).click();
  await expect(section.getByText(`Added: ${term} → North Korea.`)).toBeVisible();
  await expect(section.getByRole("row").filter({ hasText: term })).toContainText("North Korea");
  await expectNoAccessibilityViolations(page);

  await reader.goto(`/search?q=${encodeURIComponent(term)}`);
  await expect(reader.getByText(`Including results for “North Korea” (${term})`)).toBeVisible();
  await expect(resultCount(reader)).toHaveText(new RegExp(`^(About )?[\\d,]+ results? for “${term}”$`));

  await section.getByRole("button", { name: `Remove “${term}”` }).click();
  await expect(section.getByRole("row").filter({ hasText: term })).toHaveCount(0);
  await reader.goto(`/search?q=${encodeURIComponent(term)}`);
  await expect(resultCount(reader)).toHaveText(`0 results for “${term}”`);
});
