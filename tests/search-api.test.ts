/**
 * GET /api/search: the results /search shows, as JSON, with the server's time in a
 * Server-Timing header (what bench/search.ts reads); bad input never a 500.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SearchResults } from "@/lib/search/engine";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
let route: typeof import("@/app/api/search/route");

const get = (query: string) => route.GET(new Request(`http://localhost/api/search?${query}`));

beforeAll(async () => {
  const db = testDatabase.db;
  const type = await db.publicationType.create({
    data: { slug: "report", name: "Report", pluralName: "Reports", position: 0 },
  });
  const category = await db.category.create({ data: { slug: "north-korea", name: "North Korea" } });
  for (const [index, title] of [
    "Reading the Hwasong launches",
    "Launch sites of the north",
    "Fisheries in winter",
  ].entries()) {
    await db.publication.create({
      data: {
        slug: `publication-${index}`,
        title,
        summary: "",
        bodyJson: { type: "doc", content: [] },
        bodyHtml: `<p>${title}: a longer text about what happened.</p>`,
        status: "PUBLISHED",
        publishedAt: new Date(Date.UTC(2024, index, 1)),
        typeId: type.id,
        categories: { create: [{ categoryId: category.id }] },
      },
    });
  }
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  route = await import("@/app/api/search/route");
});

afterAll(async () => {
  const { searchEngine } = await import("@/lib/search");
  await searchEngine.close();
  vi.unstubAllEnvs();
});

describe("GET /api/search", () => {
  it("answers with the total, facets and marked snippets, and says how long the search took", async () => {
    const response = await get("q=launches&category=north-korea");
    expect(response.status).toBe(200);
    expect(response.headers.get("server-timing")).toMatch(/^search;dur=\d+(\.\d)?$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const results = (await response.json()) as SearchResults;
    expect(results.total).toBe(2);
    expect(results.hits.map((hit) => hit.title).sort()).toEqual([
      "Launch sites of the north",
      "Reading the Hwasong launches",
    ]);
    expect(results.facets.type).toEqual([{ value: "report", label: "Report", count: 2 }]);
    expect(results.hits[0]!.snippet.some((part) => part.match)).toBe(true);
  });

  it("answers bad input with a normal, possibly empty, result", async () => {
    const bad = [
      "q=",
      `q=${"x".repeat(2000)}`,
      "q=%22unbalanced",
      `q=${encodeURIComponent("& | ! ( ) : * \\ '")}`,
      "q=a%00b",
      "q=-korea",
      "q=launch&page=-1&type=nope&year=abc&sort=sideways",
      // Names every object has: a 500 before searchParamsRecord made a null-prototype record.
      "constructor=x",
      "toString=1&q=launch",
      "__proto__=x&valueOf=1&hasOwnProperty=2&q=launch",
      "q=launch&constructor[prototype][polluted]=1",
    ];
    for (const query of bad) {
      const response = await get(query);
      expect(response.status, query).toBe(200);
      expect(((await response.json()) as SearchResults).hits, query).toBeInstanceOf(Array);
    }
  });
});
