import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Fails with axe's own list of violations (WCAG 2.x A and AA rules).
 *
 * A page without frames is checked by axe.run in the page itself (AxeBuilder's "legacy
 * mode"): the same rules on the same document, without the second copy of axe in a blank
 * page that the frame-by-frame run needs to gather its results, which costs as much again.
 * A page with frames gets that frame-by-frame run, which also reaches cross-origin frames.
 */
export async function expectNoAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode(page.frames().length === 1)
    .analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`,
  );
  expect(summary).toEqual([]);
}
