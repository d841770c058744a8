import { describe, expect, it } from "vitest";
import { isLegacyCandidate, legacyKey, legacyRedirectFor, registerLegacyRedirectLookup } from "./legacy-redirects.mjs";

describe("old WordPress addresses", () => {
  it("are keyed by path without the trailing slash, or by the one query parameter WordPress routes by", () => {
    expect(legacyKey("/2023/12/01/slug/")).toBe("/2023/12/01/slug");
    expect(legacyKey("/?p=12&utm_source=x")).toBe("/?p=12");
    expect(legacyKey("/index.php?page_id=3")).toBe("/?page_id=3");
    expect(legacyKey("/?tag=north%20korea")).toBe("/?tag=north%20korea");
    expect(legacyKey("/")).toBeNull();
    expect(legacyKey("/?q=search")).toBeNull();
    expect(legacyKey(`/?p=${"9".repeat(500)}`)).toBeNull();
  });

  it("are looked up only for requests shaped like one", () => {
    for (const url of [
      "/?p=1",
      "/?utm=1&page_id=2",
      "/category/asia/",
      "/tag/x",
      "/author/jane/",
      "/feed/",
      "/2023/12/x",
      "/about/",
      "/wp-content/uploads/a.jpg",
    ]) {
      expect(isLegacyCandidate("GET", url), url).toBe(true);
    }
    for (const url of ["/", "/?q=1", "/publications/x", "/search?q=p=1", "/_next/static/a/", "/categories/asia"]) {
      expect(isLegacyCandidate("GET", url), url).toBe(false);
    }
    expect(isLegacyCandidate("POST", "/?p=1")).toBe(false);
  });

  it("answer from the registered lookup", async () => {
    const asked: string[] = [];
    registerLegacyRedirectLookup(async (key) => {
      asked.push(key);
      return key === "/?p=7" ? { toPath: "/publications/seven", statusCode: 301 } : null;
    });
    expect(await legacyRedirectFor("GET", "/?p=7")).toEqual({ toPath: "/publications/seven", statusCode: 301 });
    expect(await legacyRedirectFor("GET", "/?p=8")).toBeNull();
    expect(await legacyRedirectFor("GET", "/publications/seven")).toBeNull();
    expect(asked).toEqual(["/?p=7", "/?p=8"]);
  });
});
