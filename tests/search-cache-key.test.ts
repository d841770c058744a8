/**
 * The results page's cache key (lib/search/cache-key.ts) and which searches the server sends
 * to the cache (lib/search/requests.ts): one key per distinct search, none for what no search
 * makes, and a search cached only once it is asked for again.
 */
import { describe, expect, it } from "vitest";
import { searchCacheKey, searchRequestFromKey, searchViewPath } from "@/lib/search/cache-key";
import { parseSearchParams } from "@/lib/search/query";
import { createSearchRouter } from "@/lib/search/requests";

const request = (query: string) => parseSearchParams(Object.fromEntries(new URLSearchParams(query)));

describe("the results page's cache key", () => {
  it("is the same for every way of writing one search, and leads back to it", () => {
    const key = searchCacheKey(request("q=north+korea&sort=relevance&page=1"));
    expect(key).toBe("q=north+korea");
    expect(searchCacheKey(request("page=1&q=north%20%20korea%20"))).toBe(key);
    expect(searchCacheKey(request("sort=newest&type=report&q=trade&page=2"))).toBe(
      "q=trade&type=report&sort=newest&page=2",
    );
    expect(searchCacheKey(request(""))).toBe("all");
    expect(searchRequestFromKey("q=north+korea")).toEqual(request("q=north+korea"));
    expect(searchRequestFromKey("all")).toEqual(request(""));
    expect(searchViewPath("q=north+korea")).toBe("/search/view/q%3Dnorth%2Bkorea");
  });

  it("is none for deep pages, and no key stands for a search unless written as the key writes it", () => {
    expect(searchCacheKey(request("q=trade&page=6"))).toBeNull();
    for (const key of [
      "q=north%20korea",
      "q=north+korea&sort=relevance",
      "sort=newest&q=trade",
      "q=a&q=b",
      "q=+trade",
      "q=trade&constructor=x",
      "nothing",
      "",
      "q=trade&page=6",
      `q=${"x".repeat(600)}`,
    ]) {
      expect(searchRequestFromKey(key), key).toBeNull();
    }
  });
});

describe("which results pages the server serves from the cache", () => {
  it("a search asked for again, never one asked for once, nor with the cache off or through the API", () => {
    const route = createSearchRouter({ cacheResults: true });
    expect(route("GET", "/search?q=trade")).toBe("/search?q=trade");
    expect(route("GET", "/search?q=trade&sort=relevance")).toBe("/search/view/q%3Dtrade");
    expect(route("HEAD", "/search?q=trade")).toBe("/search/view/q%3Dtrade");
    expect(route("GET", "/search?q=trade&page=9")).toBe("/search?q=trade&page=9");
    expect(route("GET", "/search?q=trade&page=9")).toBe("/search?q=trade&page=9");
    expect(route("GET", "/api/search?q=trade")).toBe("/api/search?q=trade");
    const off = createSearchRouter({ cacheResults: false });
    off("GET", "/search?q=trade");
    expect(off("GET", "/search?q=trade")).toBe("/search?q=trade");
  });
});
