import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The header's search box once its suggestions are attached (on React pages, after
 * hydration, which may also replace the server's element): typing earlier could be lost.
 */
export async function headerSearchBox(page: Page): Promise<Locator> {
  const banner = page.getByRole("banner");
  await expect(banner.locator("form[data-search-ready]")).toHaveCount(1);
  return banner.getByRole("combobox", { name: "Search", exact: true });
}

/** A combobox option's id and how many options its list shows: read while the list is open. */
export async function optionTarget(option: Locator, list: Locator): Promise<{ id: string; optionCount: number }> {
  return { id: (await option.getAttribute("id")) ?? "", optionCount: await list.getByRole("option").count() };
}

/**
 * Presses ArrowDown in a combobox until the target option is the highlighted one
 * (announced through aria-activedescendant), at most once per option.
 */
export async function arrowDownTo(
  page: Page,
  box: Locator,
  target: { id: string; optionCount: number },
): Promise<void> {
  for (let index = 0; index < target.optionCount; index++) {
    await page.keyboard.press("ArrowDown");
    if ((await box.getAttribute("aria-activedescendant")) === target.id) return;
  }
}
