import { describe, expect, it } from "vitest";
import { formatCount, pluralize, readingMinutes } from "./numbers";

describe("number formatting", () => {
  it("groups thousands as people write them", () => {
    expect(formatCount(6262)).toBe("6,262");
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("pluralizes with the count", () => {
    expect(pluralize(1, "publication")).toBe("1 publication");
    expect(pluralize(6262, "publication")).toBe("6,262 publications");
    expect(pluralize(2, "category", "categories")).toBe("2 categories");
  });

  it("never reports less than a minute of reading", () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(2300)).toBe(10);
  });
});
