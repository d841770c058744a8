import { describe, expect, it } from "vitest";
import { archiveHref, archiveQueryFromKey, archiveQueryKey, parseArchiveQuery } from "./archive";

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
