import { formatCount, pluralize } from "@/lib/format/numbers";
import type { SynonymUse } from "./synonyms";

/** An estimate shown with two significant digits: 91,776 → 92,000. Small numbers stay as they are. */
function roundEstimate(value: number): number {
  if (value < 100) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** "1,234 results", "1 result", "About 92,000 results". */
export function formatResultCount(total: number, isEstimate: boolean): string {
  return isEstimate ? `About ${pluralize(roundEstimate(total), "result")}` : pluralize(total, "result");
}

/** A facet's count as its link ends: "1,234", or "about 1,200" for an estimate. */
export function formatFacetCount(count: number, isEstimate: boolean): string {
  return isEstimate ? `about ${formatCount(roundEstimate(count))}` : formatCount(count);
}

/** The synonyms a search used: "Including results for “North Korea” (DPRK)"; several joined by "; ". */
export function formatSynonymNote(uses: SynonymUse[]): string {
  const parts = uses.map(
    (use) => `${use.alternatives.map((alternative) => `“${alternative}”`).join(", ")} (${use.matched})`,
  );
  return `Including results for ${parts.join("; ")}`;
}

/** Where a snippet of a match in a publication's PDF alone comes from: "In the PDF, page 2". */
export function formatPdfPlace(page: number): string {
  return `In the PDF, page ${formatCount(page)}`;
}
