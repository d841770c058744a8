/**
 * The staff lists' search boxes (?q=) hand their text to ILIKE queries. A NUL byte there
 * reached PostgreSQL, which refuses it in text (a 500); the lists now clean it away first,
 * as the public search does.
 */
import { describe, expect, it } from "vitest";
import { parseSubscriberQuery } from "@/lib/subscribers/admin";
import { parseAdminPublicationQuery } from "./admin-publications";
import { searchTextSchema } from "./common";
import { mediaListQuerySchema } from "./media";
import { taxonomySearchSchema } from "./taxonomy";

describe("search text in the staff lists", () => {
  it.each([
    ["a\u0000b", "a b"],
    ["\u0000", ""],
    ["  north\u0007 korea\r\n", "north korea"],
    ["\uD800x", "x"],
    ["x".repeat(500), "x".repeat(200)],
    ["Nord-Korea: ülke", "Nord-Korea: ülke"],
  ])("cleans %j to %j", (raw, clean) => {
    expect(searchTextSchema().parse(raw)).toBe(clean);
  });

  it("is never an error", () => {
    expect(searchTextSchema().parse(42)).toBe("");
    expect(searchTextSchema().parse(["a"])).toBe("");
  });

  it("is what every list reads", () => {
    expect(parseAdminPublicationQuery({ q: "a\u0000b" }).q).toBe("a b");
    expect(parseAdminPublicationQuery({ q: ["\u0000x", "y"] }).q).toBe("x");
    expect(parseSubscriberQuery({ q: "ada\u0000@example.org" }).q).toBe("ada @example.org");
    expect(mediaListQuerySchema.parse({ q: "chart\u0000" }).q).toBe("chart");
    expect(taxonomySearchSchema.parse("tr\u0000ade")).toBe("tr ade");
  });
});
