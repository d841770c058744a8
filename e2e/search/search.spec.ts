import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/axe";
import { arrowDownTo, headerSearchBox, optionTarget } from "../support/combobox";

/** The header's search box, on any public page. */
const searchBox = (page: Page) => page.getByRole("banner").getByRole("combobox", { name: "Search", exact: true });
/** The line with the number of results. */
const resultCount = (page: Page) =>
  page.getByRole("status").filter({ hasText: /results? for “|Total Index|No results/ });

test("the header's search box searches the whole archive from any page", async ({ page }) => {
  for (const path of ["/", "/publications", "/series/the-peninsula"]) {
    await page.goto(path);
    await expect(searchBox(page)).toBeVisible();
  }
  await searchBox(page).fill("korea");
  await searchBox(page).press("Enter");

  await expect(page).toHaveURL(/\/search\?q=korea$/);
  await expect(resultCount(page)).toHaveText(/^(About )?[\d,]+ results for “korea”$/);
  const results = page.getByRole("region", { name: "Search results" });
  await expect(results.getByRole("heading", { level: 2 })).toHaveCount(20);
  await expect(results.locator("mark").first()).toBeVisible();
  await expect(searchBox(page)).toHaveValue("korea");
  await expectNoAccessibilityViolations(page);

  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/search\?q=korea&page=2$/);
  await expect(results.getByRole("heading", { level: 2 }).first()).toBeVisible();
});

test("facets show counts for the query, narrow the results and come off again", async ({ page }) => {
  await page.goto("/search?q=policy");
  const facets = page.getByRole("navigation", { name: "Refine results" });
  const typeLink = facets.getByRole("region", { name: "Type" }).getByRole("link").first();
  const [, label, count] = (await typeLink.textContent())?.match(/^(.+) \(([\d,]+)\)$/) ?? [];
  expect(label, "a facet link ends in its count").toBeTruthy();

  await typeLink.click();
  await expect(page).toHaveURL(/[?&]type=[a-z-]+/);
  await expect(resultCount(page)).toHaveText(`${count} ${count === "1" ? "result" : "results"} for “policy”`);
  for (const kicker of await page
    .getByRole("region", { name: "Search results" })
    .locator("article > p:first-child")
    .allTextContents()) {
    expect(kicker.startsWith(label!)).toBe(true);
  }
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: `Remove filter Type: ${label}` }).click();
  await expect(page).toHaveURL(/\/search\?q=policy$/);

  await page.getByRole("navigation", { name: "Sort results" }).getByRole("link", { name: "Newest" }).click();
  await expect(page).toHaveURL(/sort=newest/);
  const dates = await page
    .getByRole("region", { name: "Search results" })
    .locator("time")
    .evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""));
  expect(dates).toEqual([...dates].sort().reverse());
});

test("suggestions appear as you type and are chosen with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  const box = await headerSearchBox(page);
  await box.focus();
  await page.keyboard.type("north k");
  const list = page.getByRole("listbox", { name: "Suggestions" });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const topic = list.getByRole("option", { name: "Topic North Korea", exact: true });
  await expect(topic).toBeVisible();
  const target = await optionTarget(topic, list);
  await expectNoAccessibilityViolations(page);

  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");

  // Down from the box to the topic: the highlighted option is announced through aria-activedescendant.
  await arrowDownTo(page, box, target);
  await expect(topic).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/categories\/north-korea$/);
  await expect(page.getByRole("heading", { level: 1, name: "North Korea" })).toBeVisible();
});

test("a misspelt author's name still finds the author", async ({ page }) => {
  await page.goto("/search?q=Eleanor%20Whitfeld");
  await expect(page.getByText("Showing results for")).toBeVisible();
  await expect(resultCount(page)).toHaveText(/results? for “Eleanor Whitfield”$/);
  await expect(
    page
      .getByRole("navigation", { name: "Matching authors and topics" })
      .getByRole("link", { name: /Eleanor Whitfield/ }),
  ).toHaveAttribute("href", "/authors/eleanor-whitfield");
});

test("with no query the page lists the whole archive", async ({ page }) => {
  await page.goto("/search");
  await expect(resultCount(page)).toHaveText(/^Total Index: [\d,]+ publications$/);
  await expect(page.getByRole("region", { name: "Search results" }).getByRole("heading", { level: 2 })).toHaveCount(20);
});

test("bad input gives a normal page, never an error", async ({ page }) => {
  const queries = [
    "q=",
    `q=${"x".repeat(2000)}`,
    "q=%22unbalanced",
    "q=%26%20%7C%20!%20(%20)%20%3A%20*%20%5C%20'",
    "q=';%20DROP%20TABLE%20%22Publication%22;%20--",
    "q=a%00b",
    "q=%F0%9F%99%82",
    "q=-korea",
    "q=korea&type=nope&sort=sideways&year=abc",
    "q=korea&constructor=x&toString=1",
  ];
  for (const query of queries) {
    const response = await page.goto(`/search?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // A page past the last page of results leads nowhere.
  const pastTheEnd = await page.goto("/search?q=korea&page=99999");
  expect(pastTheEnd?.status()).toBe(404);
  const api = await page.request.get(`/api/search/suggest?q=${"%00".repeat(50)}`);
  expect(api.status()).toBe(200);
});
