import { describe, expect, it } from "vitest";
import { apa, bibtex, chicago, mla } from "./citation";

const input = {
  title: "Sanctions & Their Limits",
  authors: ["Jane Q. Doe", "Min-jun Park"],
  publishedAt: new Date(Date.UTC(2024, 2, 4, 15)),
  siteName: "Quire Institute",
  url: "https://example.org/publications/sanctions",
  typeName: "Issue Brief",
};

describe("citations", () => {
  it("APA", () => {
    expect(apa(input)).toBe(
      "Doe, J. Q., & Park, M.-j. (2024, March 4). Sanctions & Their Limits. Quire Institute. https://example.org/publications/sanctions",
    );
  });
  it("MLA", () => {
    expect(mla(input)).toBe(
      'Doe, Jane Q., and Min-jun Park. "Sanctions & Their Limits." Quire Institute, 4 Mar. 2024, https://example.org/publications/sanctions.',
    );
  });
  it("Chicago", () => {
    expect(chicago(input)).toBe(
      'Doe, Jane Q., and Min-jun Park. "Sanctions & Their Limits." Quire Institute, March 4, 2024. https://example.org/publications/sanctions.',
    );
  });
  it("BibTeX escapes special characters", () => {
    const entry = bibtex(input);
    expect(entry.startsWith("@misc{doe2024,")).toBe(true);
    expect(entry).toContain("author = {Doe, Jane Q. and Park, Min-jun}");
    expect(entry).toContain("title = {{Sanctions \\& Their Limits}}");
    expect(entry).toContain("month = mar");
  });
  it("falls back to the institute when there is no author", () => {
    expect(apa({ ...input, authors: [] })).toMatch(/^Quire Institute \(2024/);
  });
  it("cites family-first names as written, without a comma inversion", () => {
    const korean = { ...input, authors: [{ name: "Kim Jong-un", familyFirst: true }, "Jane Q. Doe"] };
    expect(apa(korean)).toMatch(/^Kim Jong-un, & Doe, J\. Q\. \(2024/);
    expect(mla(korean)).toMatch(/^Kim Jong-un and Jane Q\. Doe\. "Sanctions/);
    expect(chicago(korean)).toMatch(/^Kim Jong-un and Jane Q\. Doe\. "Sanctions/);
    expect(bibtex(korean)).toContain("author = {Kim, Jong-un and Doe, Jane Q.}");
    expect(bibtex(korean)).toMatch(/^@misc\{kim2024,/);
    const alone = { ...input, authors: [{ name: "Park Seo-yeon", familyFirst: true }] };
    expect(apa(alone)).toMatch(/^Park Seo-yeon \(2024/);
    expect(mla(alone)).toMatch(/^Park Seo-yeon\. "/);
    // Given-first, as before: inverted.
    expect(apa({ ...input, authors: [{ name: "Kim Jong-un" }] })).toMatch(/^Jong-un, K\. \(2024/);
  });
});
