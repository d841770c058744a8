import { expect, type Page } from "@playwright/test";

/** Fails when the page is wider than the window (sideways scrolling) at its current size. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}
