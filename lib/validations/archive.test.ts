import { describe, expect, it } from "vitest";
import {
  archiveHref,
  archiveQueryFromKey,
  archiveQueryKey,
  canonicalArchiveQuery,
  filtersNameKnownTerms,
  parseArchiveQuery,
} from "./archive";
import { searchParamsRecord } from "./common";

describe("archive query", () => {
  it("reads filters and the page", () => {
    expect(parseArchiveQuery({ type: "report", category: "north-korea", year: "2024", page: "3" })).toEqual({
      type: "report",
      category: "north-korea",
      year: 2024,
      page: 3,
    });
  });

  it.each([
    [{ page: "-1" }, { page: 1 }],
    [{ page: "999999999" }, { page: 1 }],
    [{ page: "abc" }, { page: 1 }],
    [{ year: "99999" }, { page: 1 }],
    [{ type: "<script>" }, { page: 1 }],
    [{ type: ["report", "video"] }, { type: "report", page: 1 }],
    [{ category: "" }, { page: 1 }],
    [{ author: "a".repeat(5000) }, { page: 1 }],
  ])("drops malformed values: %j", (input, expected) => {
    expect(parseArchiveQuery(input)).toEqual(expected);
  });

  it("builds one canonical URL per filter set", () => {
    expect(archiveHref({})).toBe("/publications");
    expect(archiveHref({ type: "report" }, 1)).toBe("/publications?type=report");
    expect(archiveHref({ year: 2020, series: "the-peninsula" }, 2)).toBe(
      "/publications?series=the-peninsula&year=2020&page=2",
    );
  });
});

describe("archive query keys", () => {
  it("round-trip a canonical query through one path segment", () => {
    const query = { type: "issue-brief", year: 2021, page: 4 };
    const key = archiveQueryKey(query);
    expect(key).not.toContain("/");
    expect(archiveQueryFromKey(key)).toEqual(query);
    expect(archiveQueryKey({ page: 1 })).toBe("all");
    expect(archiveQueryFromKey("all")).toEqual({ page: 1 });
  });

  it("give the same key whatever order the query string had", () => {
    expect(archiveQueryKey(parseArchiveQuery({ year: "2020", type: "report" }))).toBe(
      archiveQueryKey(parseArchiveQuery({ type: "report", year: "2020" })),
    );
  });

  it("survive mangled keys", () => {
    expect(archiveQueryFromKey("%E0%A4%A")).toEqual({ page: 1 });
    expect(archiveQueryFromKey(encodeURIComponent("type=<x>&page=-5"))).toEqual({ page: 1 });
  });
});

describe("query strings with names every object already has", () => {
  // Before searchParamsRecord made a null-prototype record, `record.constructor ??= []`
  // found Object's constructor and `.push` threw: /publications?constructor=x was a 500.
  it.each([
    "constructor=x&year=2020",
    "toString=1",
    "__proto__=x&category=north-korea",
    "hasOwnProperty=1&valueOf=2&year=2020",
    "constructor[prototype][polluted]=1&__proto__[polluted]=1",
  ])("reads %s as plain names", (query) => {
    const record = searchParamsRecord(new URLSearchParams(query));
    expect(() => parseArchiveQuery(record)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps the filters beside them", () => {
    expect(parseArchiveQuery(searchParamsRecord(new URLSearchParams("constructor=x&year=2020")))).toEqual({
      year: 2020,
      page: 1,
    });
    expect(archiveQueryFromKey(encodeURIComponent("toString=1&category=energy"))).toEqual({
      category: "energy",
      page: 1,
    });
  });
});

describe("canonical archive keys", () => {
  it("accept exactly what archiveQueryKey writes, percent-encoded or as the framework decodes it", () => {
    for (const query of [{ page: 1 }, { page: 7 }, { type: "report", category: "energy", year: 2020, page: 3 }]) {
      const key = archiveQueryKey(query);
      expect(canonicalArchiveQuery(key)).toEqual(query);
      expect(canonicalArchiveQuery(decodeURIComponent(key))).toEqual(query);
    }
  });

  it.each([
    "anything",
    "",
    "page=1",
    "page%3D1",
    "page%3D02",
    "page%3D-3",
    "year%3D2020%26category%3Denergy", // another order
    "category%3DEnergy",
    "category%3Denergy%26category%3Dother",
    "category%3Denergy%26utm%3Dx",
    "constructor%3Dx",
    "%00",
    "all%00",
    "page%3D2%26",
    "%E0%A4%A",
  ])("refuse %j", (key) => {
    expect(canonicalArchiveQuery(key)).toBeNull();
  });
});

describe("filters naming terms", () => {
  const known = {
    types: [{ slug: "report" }],
    categories: [{ slug: "energy" }],
    authors: [{ slug: "ada" }],
    series: [{ slug: "the-peninsula" }],
    years: [2024, 2023],
  };

  it("pass when every filter names something that exists", () => {
    expect(filtersNameKnownTerms({}, known)).toBe(true);
    expect(
      filtersNameKnownTerms(
        { type: "report", category: "energy", author: "ada", series: "the-peninsula", year: 2024 },
        known,
      ),
    ).toBe(true);
  });

  it.each([{ type: "op-ed" }, { category: "nope" }, { author: "bob" }, { series: "x" }, { year: 1999 }])(
    "fail for %j",
    (filters) => {
      expect(filtersNameKnownTerms(filters, known)).toBe(false);
    },
  );
});
