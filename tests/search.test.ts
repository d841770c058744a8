/**
 * Site search against a real database: a small hand-made archive for ranking, facets,
 * highlighting, typos, CJK and accents, the index following edits, and bad input; the
 * /search page and the suggest endpoint rendered as the server would.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SearchEngine, SearchRequest, SearchResults } from "@/lib/search/engine";
import { formatFacetCount, formatResultCount } from "@/lib/search/format";
import { readSearchInsights, recordSearch } from "@/lib/search/insights";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { analyzeTsQuery, cleanQuery, MAX_QUERY_LENGTH, parseSearchParams } from "@/lib/search/query";
import { snippetParts } from "@/lib/search/snippet";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
let engine: SearchEngine;

const ids = { commentary: 0, report: 0, northKorea: 0, energy: 0, peninsula: 0, rudiger: 0, eleanor: 0 };
let slugCounter = 0;

type NewPublication = {
  title: string;
  summary?: string;
  body?: string;
  publishedAt?: Date;
  status?: "PUBLISHED" | "DRAFT";
  type?: "commentary" | "report";
  categories?: Array<"northKorea" | "energy">;
  authors?: Array<"rudiger" | "eleanor">;
  series?: boolean;
};

/** Creates a publication the way the admin does: one row, then its authors and topics. */
async function createPublication(input: NewPublication) {
  const body = input.body ?? "An unremarkable paragraph.";
  const data: Prisma.PublicationUncheckedCreateInput = {
    slug: `publication-${++slugCounter}`,
    title: input.title,
    summary: input.summary ?? "",
    bodyJson: { type: "doc", content: [] },
    bodyHtml: `<p>${body}</p>`,
    status: input.status ?? "PUBLISHED",
    publishedAt: input.publishedAt ?? new Date("2023-01-01T00:00:00Z"),
    typeId: ids[input.type ?? "commentary"],
    seriesId: input.series ? ids.peninsula : null,
    authors: {
      create: (input.authors ?? ["eleanor"]).map((author, position) => ({ authorId: ids[author], position })),
    },
    categories: { create: (input.categories ?? ["energy"]).map((category) => ({ categoryId: ids[category] })) },
  };
  return testDatabase.db.publication.create({ data, select: { id: true, slug: true } });
}

function search(query: string, options: Partial<Omit<SearchRequest, "query">> = {}): Promise<SearchResults> {
  return engine.search({ query: cleanQuery(query), filters: {}, sort: "relevance", page: 1, ...options });
}

const titles = (results: SearchResults) => results.hits.map((hit) => hit.title);

beforeAll(async () => {
  engine = createPostgresSearchEngine({ connectionString: testDatabase.url, maxConnections: 2 });
  const db = testDatabase.db;
  ids.commentary = (
    await db.publicationType.create({
      data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries", position: 0 },
    })
  ).id;
  ids.report = (
    await db.publicationType.create({ data: { slug: "report", name: "Report", pluralName: "Reports", position: 1 } })
  ).id;
  ids.northKorea = (await db.category.create({ data: { slug: "north-korea", name: "North Korea" } })).id;
  ids.energy = (await db.category.create({ data: { slug: "energy-climate", name: "Energy & Climate" } })).id;
  ids.peninsula = (await db.series.create({ data: { slug: "the-peninsula", name: "The Peninsula" } })).id;
  ids.rudiger = (await db.author.create({ data: { slug: "rudiger-hallstein", name: "Rüdiger Hallstein" } })).id;
  ids.eleanor = (await db.author.create({ data: { slug: "eleanor-whitfield", name: "Eleanor Whitfield" } })).id;
});

afterAll(async () => {
  await engine?.close();
});

describe("ranking", () => {
  beforeAll(async () => {
    await createPublication({ title: "Sanctions and the Kaesong question", publishedAt: new Date("2019-03-01Z") });
    await createPublication({
      title: "An energy outlook",
      body: "Coal imports may face sanctions next year.",
      publishedAt: new Date("2024-03-01Z"),
    });
    await createPublication({
      title: "Plutonium in the summary",
      summary: "Where the plutonium went.",
      publishedAt: new Date("2018-01-01Z"),
    });
    await createPublication({
      title: "Plutonium in the body only",
      body: "The plutonium stockpile grew.",
      publishedAt: new Date("2024-01-01Z"),
    });
    await createPublication({
      title: "Adjacent words",
      body: "Observers in North Korea announced a new plan.",
      publishedAt: new Date("2021-01-01Z"),
    });
    await createPublication({
      title: "Scattered words",
      body: "Korea watchers looked north for answers.",
      publishedAt: new Date("2022-01-01Z"),
    });
    await createPublication({
      title: "Twin gazette",
      body: "Identical text about fisheries.",
      publishedAt: new Date("2015-05-05Z"),
    });
    await createPublication({
      title: "Twin gazette",
      body: "Identical text about fisheries.",
      publishedAt: new Date("2016-05-05Z"),
    });
  });

  it("puts a title match above a newer body match", async () => {
    expect(titles(await search("sanctions"))).toEqual(["Sanctions and the Kaesong question", "An energy outlook"]);
  });

  it("puts a summary match above a newer body match", async () => {
    expect(titles(await search("plutonium"))).toEqual(["Plutonium in the summary", "Plutonium in the body only"]);
  });

  it("matches a quoted phrase only where its words are adjacent, loose words anywhere", async () => {
    expect(titles(await search('"north korea"'))).toEqual(["Adjacent words"]);
    expect(titles(await search("north korea")).sort()).toEqual(["Adjacent words", "Scattered words"]);
  });

  it("excludes words with a minus and accepts or", async () => {
    expect(titles(await search("korea -watchers"))).toEqual(["Adjacent words"]);
    expect(titles(await search("plutonium or kaesong"))).toHaveLength(3);
  });

  it("breaks ties by recency, newest first", async () => {
    const results = await search("fisheries");
    expect(results.hits.map((hit) => hit.publishedAt?.getUTCFullYear())).toEqual([2016, 2015]);
  });

  it("stems English words", async () => {
    expect(titles(await search("sanctioned"))).toContain("Sanctions and the Kaesong question");
  });

  it("sorts by date when asked", async () => {
    expect(titles(await search("sanctions", { sort: "newest" }))).toEqual([
      "An energy outlook",
      "Sanctions and the Kaesong question",
    ]);
  });
});

describe("results", () => {
  beforeAll(async () => {
    await createPublication({
      title: "Reading the Hwasong launches",
      summary: "A short summary.",
      body: "Long before the launch, analysts wrote about &lt;script&gt;alert(1)&lt;/script&gt; and the Hwasong engine test in detail.",
      type: "report",
      categories: ["northKorea", "energy"],
      authors: ["rudiger", "eleanor"],
      series: true,
      publishedAt: new Date("2022-06-15Z"),
    });
  });

  it("carry type, title, date, authors, topics and a snippet with the matches marked", async () => {
    const [hit] = (await search("hwasong")).hits;
    expect(hit).toMatchObject({
      title: "Reading the Hwasong launches",
      type: { name: "Report", slug: "report" },
      series: { name: "The Peninsula", slug: "the-peninsula" },
      authors: [
        { name: "Rüdiger Hallstein", slug: "rudiger-hallstein" },
        { name: "Eleanor Whitfield", slug: "eleanor-whitfield" },
      ],
      categories: [
        { name: "Energy & Climate", slug: "energy-climate" },
        { name: "North Korea", slug: "north-korea" },
      ],
    });
    expect(hit!.publishedAt?.toISOString()).toBe("2022-06-15T00:00:00.000Z");
    expect(hit!.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(["Hwasong"]);
    // The body's escaped markup comes back as text, for React to escape again.
    expect(hit!.snippet.map((part) => part.text).join("")).toContain("alert(1)</script>");
  });

  it("find authors, topics and series by name, accents folded either way", async () => {
    for (const query of ["Rüdiger", "rudiger", "RUDIGER HALLSTEIN", "Hallstein"]) {
      expect(titles(await search(query)), query).toContain("Reading the Hwasong launches");
    }
    expect(titles(await search("peninsula hwasong"))).toEqual(["Reading the Hwasong launches"]);
    const results = await search("hallstein");
    expect(results.names).toContainEqual({ kind: "author", name: "Rüdiger Hallstein", slug: "rudiger-hallstein" });
  });

  it("count facets for the current query, each one's counts equal to the total with that filter", async () => {
    await createPublication({
      title: "Gazette of launches",
      type: "report",
      categories: ["northKorea"],
      publishedAt: new Date("2021-02-02Z"),
    });
    await createPublication({
      title: "Launches recounted",
      categories: ["energy"],
      publishedAt: new Date("2020-02-02Z"),
    });
    const results = await search("launches");
    expect(results.total).toBe(3);
    expect(results.totalIsEstimate).toBe(false);
    expect(results.facets.type).toEqual([
      { value: "commentary", label: "Commentary", count: 1 },
      { value: "report", label: "Report", count: 2 },
    ]);
    expect(results.facets.year.map((entry) => entry.value)).toEqual(["2022", "2021", "2020"]);
    for (const key of ["type", "category", "author", "series", "year"] as const) {
      for (const entry of results.facets[key]) {
        const filtered = await search("launches", {
          filters: { [key]: key === "year" ? Number(entry.value) : entry.value },
        });
        expect(filtered.total, `${key}=${entry.value}`).toBe(entry.count);
        expect(filtered.hits).toHaveLength(entry.count);
      }
    }
    // Within a filter, the other facets count what that filter leaves.
    const reports = await search("launches", { filters: { type: "report" } });
    expect(reports.facets.category).toEqual([
      { value: "energy-climate", label: "Energy & Climate", count: 1 },
      { value: "north-korea", label: "North Korea", count: 2 },
    ]);
    expect(reports.facets.type).toHaveLength(2); // its own facet still offers the alternatives
  });
});

describe("names and other scripts", () => {
  beforeAll(async () => {
    await createPublication({
      title: "Reading the Korean press",
      body: "The term 김정은 (Kim Jong Un) appeared twice; officials in 평양 were quiet, and 北京 said little. Zoë Laurent and José Martínez disagreed.",
      publishedAt: new Date("2023-04-04Z"),
    });
  });

  it("finds Hangul and Han characters as written", async () => {
    for (const query of ["김정은", "평양", "北京"])
      expect(titles(await search(query)), query).toEqual(["Reading the Korean press"]);
  });

  it("folds accents in bodies", async () => {
    for (const query of ["Zoe Laurent", "jose martinez", "Martínez"])
      expect(titles(await search(query)), query).toEqual(["Reading the Korean press"]);
  });
});

describe("typos", () => {
  it("corrects a query that finds nothing and says so", async () => {
    const results = await search("plutonum");
    expect(results.correctedFrom).toBe("plutonum");
    expect(results.query).toBe("plutonium");
    expect(titles(results)).toContain("Plutonium in the summary");
  });

  it("finds an author whose name is misspelt", async () => {
    const results = await search("Rudiger Halstein");
    expect(results.correctedFrom).toBe("Rudiger Halstein");
    expect(results.query).toBe("Rüdiger Hallstein");
    expect(titles(results)).toContain("Reading the Hwasong launches");
  });

  it("offers “Did you mean” when a query finds little and a correction finds more", async () => {
    await createPublication({ title: "Kaesong factories reopen", publishedAt: new Date("2020-01-01Z") });
    await createPublication({ title: "Kaesong wages", publishedAt: new Date("2020-02-01Z") });
    await createPublication({ title: "Kaesong, once more", publishedAt: new Date("2020-03-01Z") });
    await createPublication({ title: "Kaesonq misprinted", publishedAt: new Date("2020-04-01Z") });
    const results = await search("kaesonq");
    expect(results.total).toBe(1);
    expect(results.suggestion).toBe("kaesong");
  });

  it("stays quiet when nothing is close", async () => {
    const results = await search("qwxzvbnm");
    expect(results).toMatchObject({ total: 0, suggestion: null, correctedFrom: null });
  });
});

describe("the index follows the archive", () => {
  it("shows a publication once published, updates it on edit, hides it when unpublished or trashed", async () => {
    const db = testDatabase.db;
    const { id } = await createPublication({ title: "Zanzibarite deposits", status: "DRAFT" });
    expect((await search("zanzibarite")).total).toBe(0);

    await db.publication.update({ where: { id }, data: { status: "PUBLISHED" } });
    expect(titles(await search("zanzibarite"))).toEqual(["Zanzibarite deposits"]);

    await db.publication.update({ where: { id }, data: { title: "Malachite deposits" } });
    expect((await search("zanzibarite")).total).toBe(0);
    expect(titles(await search("malachite"))).toEqual(["Malachite deposits"]);

    await db.publication.update({ where: { id }, data: { bodyHtml: "<p>Now about obsidian.</p>" } });
    expect(titles(await search("obsidian"))).toEqual(["Malachite deposits"]);

    await db.publicationAuthor.create({ data: { publicationId: id, authorId: ids.rudiger, position: 1 } });
    expect(titles(await search("malachite hallstein"))).toEqual(["Malachite deposits"]);
    await db.publicationCategory.deleteMany({ where: { publicationId: id } });
    await db.publicationCategory.create({ data: { publicationId: id, categoryId: ids.northKorea } });
    expect((await search("malachite", { filters: { category: "north-korea" } })).total).toBe(1);
    expect((await search("malachite", { filters: { category: "energy-climate" } })).total).toBe(0);

    await db.publication.update({ where: { id }, data: { status: "DRAFT" } });
    expect((await search("malachite")).total).toBe(0);
    expect(await engine.suggest("malachite")).toEqual([]);

    await db.publication.update({ where: { id }, data: { status: "PUBLISHED", deletedAt: new Date() } });
    expect((await search("malachite")).total).toBe(0);

    await db.publication.update({
      where: { id },
      data: { deletedAt: null, publishedAt: new Date(Date.now() + 86_400_000) },
    });
    expect((await search("malachite")).total).toBe(0); // scheduled for tomorrow

    await db.publication.update({ where: { id }, data: { publishedAt: new Date("2020-01-01Z") } });
    expect((await search("malachite")).total).toBe(1);
    await db.publication.delete({ where: { id } });
    expect((await search("malachite")).total).toBe(0);
  });

  it("follows a renamed topic and author", async () => {
    const db = testDatabase.db;
    await createPublication({ title: "Pipeline politics", categories: ["energy"], authors: ["eleanor"] });
    await db.category.update({ where: { id: ids.energy }, data: { name: "Power & Climate" } });
    expect(titles(await search("pipeline power"))).toEqual(["Pipeline politics"]);
    await db.author.update({ where: { id: ids.eleanor }, data: { name: "Eleanor Whitfield-Ng" } });
    expect(titles(await search("pipeline whitfield-ng"))).toEqual(["Pipeline politics"]);
    const suggestions = await engine.suggest("whitfield");
    expect(suggestions).toContainEqual({
      kind: "author",
      label: "Eleanor Whitfield-Ng",
      href: "/authors/eleanor-whitfield",
    });
  });
});

describe("bad input", () => {
  const nasty = [
    "",
    " ",
    "x".repeat(2000),
    "korea ".repeat(400),
    "!!!???...",
    '"unbalanced quote',
    'sanctions"',
    "& | ! ( ) : * \\ '",
    "':*A & !('",
    "sanctions:*",
    "<->",
    '\'; DROP TABLE "Publication"; --',
    "1 OR 1=1",
    "sanctions\u0000null",
    "\u0000",
    "🙂 korea 🇰🇷",
    "\ud800 lone surrogate",
    "-",
    "-korea",
    "--korea",
    "or",
    "the and of",
    "%_\\",
    "한국어 텍스트 검색",
  ];

  it("gives a normal answer, never an error", async () => {
    for (const query of nasty) {
      const results = await search(query);
      expect(results.total, JSON.stringify(query)).toBeGreaterThanOrEqual(0);
      await expect(engine.suggest(query)).resolves.toBeInstanceOf(Array);
    }
  });

  it("explains queries that cannot be searched", async () => {
    expect((await search("the and of")).problem).toBe("no-searchable-words");
    expect((await search("!!!???")).problem).toBe("no-searchable-words");
    expect((await search("-korea")).problem).toBe("only-exclusions");
  });

  it("cuts long queries, strips control characters and keeps emoji whole", () => {
    expect(Array.from(cleanQuery("🙂".repeat(300)))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQuery("a\u0000b\u0007c\u200bd  e")).toBe("a b c d e");
    expect(cleanQuery("x".repeat(2000))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQuery("korea KOREA ".repeat(20))).toBe("korea");
    expect(cleanQuery("a b c d e f g h i j k l m n o p")).toBe("a b c d e f g h i j k l");
    expect(cleanQuery('"north north" or south or east')).toBe('"north north" or south or east');
  });

  it("drops malformed parameters: unknown facet values match nothing, pages past the end are empty", async () => {
    const request = parseSearchParams({
      q: ["sanctions", "ignored"],
      sort: "sideways",
      page: "-3",
      type: "no such type",
      year: "99999",
      category: "%00",
    });
    expect(request).toEqual({ query: "sanctions", sort: "relevance", page: 1, filters: {} });
    expect((await search("sanctions", { filters: { type: "nope" } })).total).toBe(0);
    expect((await search("sanctions", { filters: { author: "nobody" } })).hits).toEqual([]);
    const far = await search("sanctions", { page: 500 });
    expect(far.total).toBe(2);
    expect(far.hits).toEqual([]);
  });
});

describe("the query parser's view of a tsquery", () => {
  it("finds the positive lexemes, phrases and exclusions, and loosens phrases for the index", () => {
    expect(analyzeTsQuery("'north' <-> 'korea' & !'sanction'")).toEqual({
      positiveLexemes: ["north", "korea"],
      hasPhrase: true,
      hasNegation: true,
      loosened: "'north' & 'korea' & ! 'sanction'",
      inText: "'north':D <-> 'korea':D & ! 'sanction':D",
      inTitle: "'north':A <-> 'korea':A & ! 'sanction':A",
      inSummary: "'north':C <-> 'korea':C & ! 'sanction':C",
    });
    expect(analyzeTsQuery("'north' <-> 'korea' & 'kim'")).toMatchObject({
      loosened: "'north' & 'korea' & 'kim'",
      hasNegation: false,
    });
    // An excluded phrase, or a phrase next to an excluded word, stays a phrase.
    expect(analyzeTsQuery("!( 'a' <2> 'b' ) & 'c' | 'd'''")).toMatchObject({
      positiveLexemes: ["c", "d'"],
      loosened: "! ( 'a' <2> 'b' ) & 'c' | 'd'''",
    });
    expect(analyzeTsQuery("'a' <-> !'b'").loosened).toBe("'a' <-> ! 'b'");
  });

  it("turns ts_headline's markers into parts, decoding entities", () => {
    expect(snippetParts("a \uE000Korea\uE001 &amp; b &#39;c&#39; \uE000x")).toEqual([
      { text: "a ", match: false },
      { text: "Korea", match: true },
      { text: " & b 'c' ", match: false },
      { text: "x", match: true },
    ]);
  });
});

describe("counts as people read them", () => {
  it("round estimates to two significant digits and say so", () => {
    expect(formatResultCount(1234, false)).toBe("1,234 results");
    expect(formatResultCount(1, false)).toBe("1 result");
    expect(formatResultCount(91_776, true)).toBe("About 92,000 results");
    expect(formatFacetCount(1_234, true)).toBe("about 1,200");
    expect(formatFacetCount(48, true)).toBe("about 48");
  });
});

describe("suggestions", () => {
  it("offer titles, authors and topics for what has been typed", async () => {
    expect(await engine.suggest("hwas")).toContainEqual({
      kind: "title",
      label: "Reading the Hwasong launches",
      href: expect.stringMatching(/^\/publications\//),
    });
    expect(await engine.suggest("hall")).toContainEqual({
      kind: "author",
      label: "Rüdiger Hallstein",
      href: "/authors/rudiger-hallstein",
    });
    expect(await engine.suggest("north k")).toContainEqual({
      kind: "category",
      label: "North Korea",
      href: "/categories/north-korea",
    });
    expect(await engine.suggest("k")).toEqual([]);
  });
});

describe("statistics", () => {
  it("count normalized queries per day, with zero-result searches apart, and nothing about who searched", async () => {
    const db = testDatabase.db;
    const now = new Date("2026-05-10T12:00:00Z");
    await recordSearch(db, "Sanctions", 4, now);
    await recordSearch(db, "  sanctions ", 4, now);
    await recordSearch(db, "Rüdiger", 1, now);
    await recordSearch(db, "qwxzvbnm", 0, now);
    await recordSearch(db, "sanctions", 4, new Date("2026-05-09T08:00:00Z"));
    await recordSearch(db, "ancient", 2, new Date("2026-03-01T08:00:00Z")); // outside the 30 days
    const insights = await readSearchInsights(db, { now });
    expect(insights.topSearches).toEqual([
      { query: "sanctions", searches: 3 },
      { query: "qwxzvbnm", searches: 1 },
      { query: "rudiger", searches: 1 },
    ]);
    expect(insights.zeroResultSearches).toEqual([{ query: "qwxzvbnm", searches: 1 }]);
    const columns = await db.$queryRaw<Array<{ column_name: string }>>`
      SELECT column_name::text FROM information_schema.columns WHERE table_name = 'SearchLog' ORDER BY column_name`;
    expect(columns.map((column) => column.column_name)).toEqual(["day", "query", "searches", "zeroResults"]);
  });
});

describe("the /search page and the suggest endpoint", () => {
  type PageModule = typeof import("@/pages/search/index");
  type RouteModule = typeof import("@/app/api/search/suggest/route");
  let page: PageModule;
  let route: RouteModule;

  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", testDatabase.url);
    page = await import("@/pages/search/index");
    route = await import("@/app/api/search/suggest/route");
  });

  afterAll(async () => {
    const { searchEngine } = await import("@/lib/search");
    await searchEngine.close();
    delete (globalThis as { quireSearchEngine?: unknown; quireDatabase?: unknown }).quireSearchEngine;
    delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
    vi.unstubAllEnvs();
  });

  /** The page as the server renders it: its props, then its HTML; "404" when it answers not found. */
  async function render(searchParams: Record<string, string | string[]>): Promise<string> {
    const answer = await page.getServerSideProps({ query: searchParams } as Parameters<
      typeof page.getServerSideProps
    >[0]);
    if ("notFound" in answer) return "404";
    if (!("props" in answer)) throw new Error("The search page answered with a redirect");
    return renderToStaticMarkup(createElement(page.default, await answer.props));
  }

  it("shows the count, the results with marked snippets, facets ending in their counts and sort links", async () => {
    const html = await render({ q: "launches" });
    expect(html).toContain("3 results for “launches”");
    expect(html).toMatch(/<mark[^>]*>launch/i);
    expect(html).toMatch(
      /href="\/search\?q=launches&amp;type=report"[^>]*><span>Report<\/span> <span[^>]*>\(2\)<\/span>/,
    );
    expect(html).toContain('aria-label="Sort results"');
    expect(html).not.toContain("<script>alert");
  });

  it("lists everything with the total index when there is no query", async () => {
    const html = await render({});
    const total = await testDatabase.db.publication.count({
      where: { status: "PUBLISHED", deletedAt: null, publishedAt: { lte: new Date() } },
    });
    expect(html).toContain(`Total Index: ${total.toLocaleString("en-US")} publications`);
  });

  it("renders every kind of bad input as a normal page", async () => {
    for (const q of [
      "",
      "x".repeat(2000),
      '"unbalanced',
      "& | ! ( ) : * \\ '",
      "'; DROP TABLE x; --",
      "a\u0000b",
      "🙂",
      "-korea",
      "the",
    ]) {
      const html = await render({ q, type: "nope", page: "abc", sort: "sideways", year: "abc" });
      expect(html, JSON.stringify(q)).toContain("<h1");
    }
    // A page past the last page of results is not found (it would be one more page per number).
    expect(await render({ q: "launches", page: "99999" })).toBe("404");
    expect(await render({ q: "plutonum" })).toContain("Showing results for <strong>plutonium</strong>");
    expect(await render({ q: "kaesonq" })).toMatch(/Did you mean <a[^>]*href="\/search\?q=kaesong"[^>]*>kaesong<\/a>/);
  });

  it("answers the suggest endpoint with JSON, whatever the input", async () => {
    const response = await route.GET(new Request("http://localhost/api/search/suggest?q=hwas"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { suggestions: Array<{ label: string }> };
    expect(body.suggestions.map((suggestion) => suggestion.label)).toContain("Reading the Hwasong launches");
    for (const q of ["", "%00", "x".repeat(5000), "'\"\\", "🙂"]) {
      const answer = await route.GET(new Request(`http://localhost/api/search/suggest?q=${encodeURIComponent(q)}`));
      expect(answer.status, q).toBe(200);
    }
    expect((await route.GET(new Request("http://localhost/api/search/suggest"))).status).toBe(200);
  });
});

describe("a large result set", () => {
  const COUNT = 3000;

  beforeAll(async () => {
    // Bulk-inserted in one statement, as the demo seeder does: the triggers index them all.
    await testDatabase.db.$executeRaw`
      INSERT INTO "Publication" (slug, title, summary, "bodyJson", "bodyHtml", status, "publishedAt", "typeId", "updatedAt")
      SELECT 'bulk-' || n, 'Bulk note ' || n, '', '{}'::jsonb, '<p>A ubiquitous remark, number ' || n || '.</p>', 'PUBLISHED',
             timestamp '2010-01-01' + n * interval '1 day', CASE WHEN n % 3 = 0 THEN ${ids.report}::int ELSE ${ids.commentary}::int END, now()
        FROM generate_series(1, ${COUNT}) AS n`;
  });

  it("is counted from the sample, as an estimate close to the truth, and still paged and ranked", async () => {
    const results = await search("ubiquitous");
    expect(results.totalIsEstimate).toBe(true);
    expect(results.total).toBeGreaterThan(COUNT * 0.7);
    expect(results.total).toBeLessThan(COUNT * 1.3);
    expect(results.hits).toHaveLength(20);
    const typeTotal = results.facets.type.reduce((sum, entry) => sum + entry.count, 0);
    expect(typeTotal).toBe(results.total);
    const newest = await search("ubiquitous", { sort: "newest" });
    expect(newest.hits[0]!.title).toBe(`Bulk note ${COUNT}`);
    const second = await search("ubiquitous", { page: 2 });
    expect(second.hits).toHaveLength(20);
    expect(second.hits.map((hit) => hit.id)).not.toContain(results.hits[0]!.id);
  });

  it("counts exactly what a filter leaves of it", async () => {
    const results = await search("ubiquitous", { filters: { year: 2011 } });
    expect(results.total).toBe(365);
    expect(results.totalIsEstimate).toBe(false);
  });
});
