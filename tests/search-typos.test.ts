/**
 * Search that forgives and knows the field's vocabulary, against a real database: typos in
 * names and words corrected by the fewest edits (a transposition counting one), synonyms
 * and acronyms both ways and one way, staff managing them on /admin/search, and Korean words
 * found inside longer ones. A small hand-made archive.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SearchEngine, SearchResults } from "@/lib/search/engine";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { cleanQuery, withHangulPieces } from "@/lib/search/query";
import { expandQuery, synonymEntries } from "@/lib/search/synonyms";
import { bestCorrection, deletions, editDistance } from "@/lib/search/typos";
import { isolatedTestDatabase } from "./support/database";
import { asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
let engine: SearchEngine;
let typeId = 0;
let slugCounter = 0;
const authors: Record<string, number> = {};

async function createPublication(title: string, options: { body?: string; summary?: string; authors?: string[] } = {}) {
  const data: Prisma.PublicationUncheckedCreateInput = {
    slug: `publication-${++slugCounter}`,
    title,
    summary: options.summary ?? "",
    bodyJson: { type: "doc", content: [] },
    bodyHtml: `<p>${options.body ?? "An unremarkable paragraph."}</p>`,
    status: "PUBLISHED",
    publishedAt: new Date(Date.UTC(2023, 0, slugCounter)),
    typeId,
    authors: { create: (options.authors ?? []).map((name, position) => ({ authorId: authors[name]!, position })) },
  };
  return testDatabase.db.publication.create({ data, select: { id: true } });
}

function search(query: string): Promise<SearchResults> {
  return engine.search({ query: cleanQuery(query), filters: {}, sort: "relevance", page: 1 });
}

const titles = (results: SearchResults) => results.hits.map((hit) => hit.title);

beforeAll(async () => {
  engine = createPostgresSearchEngine({ connectionString: testDatabase.url, maxConnections: 2 });
  const db = testDatabase.db;
  typeId = (
    await db.publicationType.create({ data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" } })
  ).id;
  for (const [slug, name] of [
    ["lukas-novak", "Lukáš Novák"],
    ["kenji-okabe", "Kenji Okabe"],
    ["park-seo-yeon", "Park Seo-yeon"],
  ] as const)
    authors[name] = (await db.author.create({ data: { slug, name } })).id;
  await createPublication("Europe buys Korean howitzers", { authors: ["Lukáš Novák"] });
  await createPublication("Offsets in defense procurement", { authors: ["Lukáš Novák"] });
  await createPublication("Japan's economic security law", { authors: ["Kenji Okabe"] });
  // "novel" is frequent: a correction by frequency or trigrams alone would prefer it.
  for (const title of [
    "A novel sanctions regime",
    "Novel tactics at sea",
    "The novel of the division",
    "A novel alliance",
  ])
    await createPublication(title);
  await createPublication("Semiconductor supply chains under strain", { authors: ["Park Seo-yeon"] });
  await createPublication("Markets and prices in the provinces", { authors: ["Park Seo-yeon"] });
  await createPublication("Pyongyang's missile tests", { body: "North Korea tested a missile on Sunday." });
  await createPublication("The DPRK at the United Nations", { body: "The DPRK delegation walked out." });
  await createPublication("Seoul and Washington", { body: "South Korea and the United States renewed the alliance." });
  await createPublication("Arsenal size", { body: "Estimates of its nuclear weapons vary." });
  await createPublication("Slang of the trade", { body: "Reporters wrote about nukes." });
  await createPublication("Leadership", { body: "Kim Jong Un inspected a factory." });
  await createPublication("김정은이 평양에서 연설했다", { body: "국무위원장 김정은의 연설 요지." });
});

afterAll(async () => {
  await engine.close();
});

describe("the edit distance and the deletion neighbourhood", () => {
  it("counts a transposition, deletion, insertion or substitution as one edit", () => {
    expect(editDistance("nvoak", "novak")).toBe(1);
    expect(editDistance("noavk", "novak")).toBe(1);
    expect(editDistance("okbae", "okabe")).toBe(1);
    expect(editDistance("novk", "novak")).toBe(1);
    expect(editDistance("novk", "novel")).toBe(2);
    expect(editDistance("semicondutor", "semiconductor")).toBe(1);
    expect(editDistance("semiconducttor", "semiconductor")).toBe(1);
    expect(editDistance("semicomductor", "semiconductor")).toBe(1);
  });

  it("meets the right word's deletions with the typed word's", () => {
    const typed = new Set(deletions("nvoak", 1));
    const stored = deletions("novak", 1);
    expect(stored.some((deletion) => typed.has(deletion))).toBe(true);
    expect(deletions("ab", 2)).toEqual(expect.arrayContaining(["ab", "a", "b"]));
  });

  it("chooses the fewest edits, then a name's word, then frequency, written as in the name", () => {
    const candidates = [
      { term: "novel", documents: 40, name: null },
      { term: "novak", documents: 0, name: "Lukáš Novák" },
      { term: "nova", documents: 3, name: null },
    ];
    expect(bestCorrection("novk", candidates)).toBe("Novák");
    expect(bestCorrection("novell", candidates)).toBe("novel");
    expect(bestCorrection("qqqq", candidates)).toBeNull();
  });
});

describe("typos in names and words", () => {
  it.each([
    ["Nvoak", "Novák"],
    ["Noavk", "Novák"],
    ["Novk", "Novák"],
    ["Okbae", "Okabe"],
    ["Okaeb", "Okabe"],
    ["Kenji Okbae", "Kenji Okabe"],
  ])("corrects the name %s to %s and finds its author's publications", async (typed, corrected) => {
    const results = await search(typed);
    expect(results.correctedFrom).toBe(typed);
    expect(results.query).toBe(corrected);
    const author = corrected.includes("Okabe") ? "Kenji Okabe" : "Lukáš Novák";
    expect(results.hits.length).toBeGreaterThan(0);
    for (const hit of results.hits) expect(hit.authors.map((entry) => entry.name)).toContain(author);
  });

  it.each([
    ["semicondcutor supply", "transposition"],
    ["semicondutor supply", "deletion"],
    ["semiconducttor supply", "insertion"],
    ["semicomductor supply", "substitution"],
    ["semiconductor suplpy", "transposition in the second word"],
  ])("corrects %s (%s) in a title word", async (typed) => {
    const results = await search(typed);
    expect(results.correctedFrom).toBe(typed);
    expect(results.query).toBe("semiconductor supply");
    expect(titles(results)).toEqual(["Semiconductor supply chains under strain"]);
  });

  it("corrects an author's name part with accents folded, and keeps other words", async () => {
    const results = await search("Prak Seo-yeon");
    expect(results.query).toBe("Park Seo-yeon");
    expect(titles(results)).toContain("Markets and prices in the provinces");
  });

  it("leaves out a word that finds nothing and has no correction, when the query finds nothing", async () => {
    // "between" is too common to be indexed: "betewen" has no correction.
    const results = await search("Pyongyang's betewen missile tests");
    expect(results.correctedFrom).toBe("Pyongyang's betewen missile tests");
    expect(results.query).toBe("Pyongyang's missile tests");
    expect(titles(results)).toEqual(["Pyongyang's missile tests"]);
    // A lone word is never left out; neither is one that others' results merely lack.
    expect((await search("betewen")).correctedFrom).toBeNull();
    expect((await search("novel pyongyang")).total).toBe(0);
    expect((await search("novel pyongyang")).correctedFrom).toBeNull();
  });

  it("leaves words that find something alone", async () => {
    const results = await search("novel");
    expect(results.correctedFrom).toBeNull();
    expect(results.total).toBe(4);
  });
});

describe("synonyms", () => {
  it("match whole words and phrases, case-insensitively except acronyms that are English words", () => {
    const entries = synonymEntries([
      { term: "DPRK", alternatives: ["North Korea"], twoWay: true },
      { term: "US", alternatives: ["United States", "U.S."], twoWay: true },
      { term: "ROK", alternatives: ["South Korea"], twoWay: true },
      { term: "peninsula", alternatives: ["Korean Peninsula"], twoWay: false },
    ]);
    expect(expandQuery("dprk sanctions", entries).branches).toEqual([
      { rest: "sanctions", groups: [["dprk", "North Korea"]] },
    ]);
    expect(expandQuery("north korea", entries).uses).toEqual([{ matched: "north korea", alternatives: ["DPRK"] }]);
    expect(expandQuery("U.S.-ROK alliance", entries).branches).toEqual([
      {
        rest: "alliance",
        groups: [
          ["U.S.", "United States"],
          ["ROK", "South Korea"],
        ],
      },
    ]);
    // "or" splits the query into branches, each expanded on its own.
    expect(expandQuery("plutonium or dprk", entries).branches).toEqual([
      { rest: "plutonium", groups: [] },
      { rest: "", groups: [["dprk", "North Korea"]] },
    ]);
    expect(expandQuery("what they told us", entries)).toEqual({ branches: [], uses: [] });
    expect(expandQuery('"dprk" -north korea', entries)).toEqual({ branches: [], uses: [] });
    expect(expandQuery("peninsula", entries).uses).toEqual([
      { matched: "peninsula", alternatives: ["Korean Peninsula"] },
    ]);
    expect(expandQuery("korean peninsula", entries).uses).toEqual([]);
  });

  it("find both ways with the starter list", async () => {
    const dprk = await search("DPRK");
    expect(titles(dprk)).toEqual(
      expect.arrayContaining(["Pyongyang's missile tests", "The DPRK at the United Nations"]),
    );
    expect(dprk.synonyms).toEqual([
      { matched: "DPRK", alternatives: ["North Korea", "Democratic People's Republic of Korea"] },
    ]);
    const northKorea = await search("North Korea");
    expect(titles(northKorea)).toEqual(
      expect.arrayContaining(["Pyongyang's missile tests", "The DPRK at the United Nations"]),
    );
    expect(titles(await search("NK"))).toContain("Pyongyang's missile tests");
    expect(titles(await search("ROK"))).toEqual(["Seoul and Washington"]);
    expect(titles(await search("U.S.-ROK"))).toEqual(["Seoul and Washington"]);
    expect(titles(await search("Kim Jong-un"))).toEqual(["Leadership"]);
    expect(titles(await search("ROK or nukes")).sort()).toEqual([
      "Arsenal size",
      "Seoul and Washington",
      "Slang of the trade",
    ]);
  });

  it("find one way only when one-way", async () => {
    const nukes = await search("nukes");
    expect(titles(nukes)).toEqual(expect.arrayContaining(["Arsenal size", "Slang of the trade"]));
    expect(nukes.synonyms).toEqual([{ matched: "nukes", alternatives: ["nuclear weapons"] }]);
    const weapons = await search("nuclear weapons");
    expect(titles(weapons)).toEqual(["Arsenal size"]);
    expect(weapons.synonyms).toEqual([]);
  });

  it("follow a change made elsewhere (another server, or SQL) at the next search", async () => {
    expect((await search("SEOULDC")).synonyms).toEqual([]);
    const added = await testDatabase.db.searchSynonym.create({
      data: { term: "SEOULDC", alternatives: ["Seoul and Washington"], twoWay: false },
    });
    try {
      expect((await search("SEOULDC")).synonyms).toEqual([
        { matched: "SEOULDC", alternatives: ["Seoul and Washington"] },
      ]);
    } finally {
      await testDatabase.db.searchSynonym.delete({ where: { id: added.id } });
    }
    expect((await search("SEOULDC")).synonyms).toEqual([]);
  });
});

describe("Korean", () => {
  it("finds a Korean word inside a longer one, with particles and no spaces", async () => {
    for (const query of ["김정은", "평양", "연설", "국무위원장"])
      expect(titles(await search(query)), query).toEqual(["김정은이 평양에서 연설했다"]);
    expect(titles(await search("정은김"))).toEqual([]);
  });

  it("turns Hangul runs into the phrase of their pieces", () => {
    expect(withHangulPieces("김정은 sanctions")).toBe('"김정 정은" sanctions');
    expect(withHangulPieces('"김정은 연설"')).toBe('"김정 정은 연설"');
    expect(withHangulPieces("평양")).toBe("평양");
  });
});

describe("staff managing synonyms on /admin/search", () => {
  let actions: typeof import("@/lib/actions/search/synonyms");
  let editor: StaffIdentity;
  let author: StaffIdentity;

  beforeAll(async () => {
    stubAppEnvironment(testDatabase.url);
    vi.resetModules();
    delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
    actions = await import("@/lib/actions/search/synonyms");
    editor = await createStaff(testDatabase.db, "EDITOR");
    author = await createStaff(testDatabase.db, "AUTHOR");
  });

  afterAll(async () => {
    const shared = (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase;
    await shared?.$disconnect();
    vi.unstubAllEnvs();
  });

  function form(fields: Record<string, string>): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  }

  it("adds a synonym that applies to the next search, drops cached results and audits it", async () => {
    expect(titles(await search("artillery deals"))).toEqual([]);
    const { result, revalidated } = await asUser(editor, () =>
      actions.addSynonymAction(
        null,
        form({ term: "artillery deals", alternatives: "Korean howitzers", direction: "one-way" }),
      ),
    );
    expect(result).toMatchObject({ ok: true });
    expect(revalidated).toContain("tag:search");
    const results = await search("artillery deals");
    expect(titles(results)).toEqual(["Europe buys Korean howitzers"]);
    expect(results.synonyms).toEqual([{ matched: "artillery deals", alternatives: ["Korean howitzers"] }]);
    // One-way: the alternative does not bring the term's matches.
    expect((await search("Korean howitzers")).synonyms).toEqual([]);
    const audit = await testDatabase.db.auditLog.findFirst({ where: { action: "search.synonym_add" } });
    expect(audit).toMatchObject({ actorId: editor.id, entityType: "SearchSynonym" });
  });

  it("removes a synonym, and the next search no longer uses it", async () => {
    const row = await testDatabase.db.searchSynonym.findFirstOrThrow({ where: { term: "artillery deals" } });
    const { result, revalidated } = await asUser(editor, () =>
      actions.removeSynonymAction(null, form({ id: String(row.id) })),
    );
    expect(result).toMatchObject({ ok: true });
    expect(revalidated).toContain("tag:search");
    expect((await search("artillery deals")).synonyms).toEqual([]);
    expect(await testDatabase.db.auditLog.count({ where: { action: "search.synonym_remove" } })).toBe(1);
    const again = await asUser(editor, () => actions.removeSynonymAction(null, form({ id: String(row.id) })));
    expect(again.result).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses authors and people not signed in, and changes nothing", async () => {
    const before = await testDatabase.db.searchSynonym.count();
    const row = await testDatabase.db.searchSynonym.findFirstOrThrow();
    for (const user of [author, null]) {
      const added = await asUser(user, () =>
        actions.addSynonymAction(null, form({ term: "x-ray", alternatives: "radiograph", direction: "two-way" })),
      );
      expect(added.result).toMatchObject({ ok: false, status: user ? 403 : 401 });
      const removed = await asUser(user, () => actions.removeSynonymAction(null, form({ id: String(row.id) })));
      expect(removed.result).toMatchObject({ ok: false });
    }
    expect(await testDatabase.db.searchSynonym.count()).toBe(before);
  });

  it("answers bad input with the fields to fix", async () => {
    for (const fields of [
      { term: "", alternatives: "something", direction: "two-way" },
      { term: "ok", alternatives: "", direction: "two-way" },
      { term: "ok", alternatives: "OK", direction: "two-way" },
      { term: "ok", alternatives: "fine", direction: "sideways" },
      { term: "x".repeat(500), alternatives: "fine", direction: "one-way" },
      { term: "\u0000", alternatives: "fine", direction: "one-way" },
    ]) {
      const { result } = await asUser(editor, () => actions.addSynonymAction(null, form(fields)));
      expect(result, JSON.stringify(fields).slice(0, 60)).toMatchObject({ ok: false, status: 400 });
    }
    for (const id of ["", "abc", "-1", "99999999999"]) {
      const { result } = await asUser(editor, () => actions.removeSynonymAction(null, form({ id })));
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
  });

  it("keeps an author's name order, edited in the author form, and cites family-first names as written", async () => {
    const taxonomy = await import("@/lib/actions/taxonomy/manage-term");
    const fields = { kind: "author", slug: "", description: "", imageUrl: "", title: "", affiliation: "" };
    const created = await asUser(editor, () =>
      taxonomy
        .saveTermAction(null, form({ ...fields, name: "Kim Jong-un", nameOrder: "family-first" }))
        .catch((error: { digest?: string }) => error.digest ?? ""),
    );
    expect(String(created.result)).toMatch(/^NEXT_REDIRECT/);
    const row = await testDatabase.db.author.findFirstOrThrow({ where: { name: "Kim Jong-un" } });
    expect(row.nameOrder).toBe("FAMILY_FIRST");
    const { getTerm } = await import("@/lib/taxonomy/admin");
    expect(await getTerm(testDatabase.db, "author", row.id)).toMatchObject({ familyNameFirst: true });
    const bad = await asUser(editor, () =>
      taxonomy.saveTermAction(
        null,
        form({ ...fields, id: String(row.id), name: "Kim Jong-un", nameOrder: "sideways" }),
      ),
    );
    expect(bad.result).toMatchObject({ ok: false, status: 400, fieldErrors: { nameOrder: expect.any(String) } });
    const edited = await asUser(editor, () =>
      taxonomy.saveTermAction(
        null,
        form({ ...fields, id: String(row.id), name: "Kim Jong-un", nameOrder: "given-first" }),
      ),
    );
    expect(edited.result).toMatchObject({ ok: true });
    expect((await testDatabase.db.author.findUniqueOrThrow({ where: { id: row.id } })).nameOrder).toBe("GIVEN_FIRST");
    await testDatabase.db.author.update({ where: { id: row.id }, data: { nameOrder: "FAMILY_FIRST" } });

    const publication = await createPublication("A speech, annotated");
    await testDatabase.db.publicationAuthor.create({
      data: { publicationId: publication.id, authorId: row.id, position: 0 },
    });
    const slug = (await testDatabase.db.publication.findUniqueOrThrow({ where: { id: publication.id } })).slug;
    const { findPublishedPublication } = await import("@/lib/data/publications");
    const { apa, chicago } = await import("@/lib/format/citation");
    const detail = await findPublishedPublication(testDatabase.db, slug);
    const citationAuthors = detail!.authors.map(({ author }) => ({
      name: author.name,
      familyFirst: author.nameOrder === "FAMILY_FIRST",
    }));
    const citation = {
      title: "A speech",
      authors: citationAuthors,
      publishedAt: new Date(),
      siteName: "Q",
      url: "u",
      typeName: "t",
    };
    expect(apa(citation)).toMatch(/^Kim Jong-un \(/);
    expect(chicago(citation)).toMatch(/^Kim Jong-un\. "/);
  });

  it("notes the synonym and the correction on the results page", async () => {
    const page = await import("@/pages/search/index");
    const render = async (q: string) => {
      const answer = await page.getServerSideProps({ query: { q } } as unknown as Parameters<
        typeof page.getServerSideProps
      >[0]);
      if (!("props" in answer)) throw new Error(`The search page did not render "${q}"`);
      return renderToStaticMarkup(createElement(page.default, await answer.props));
    };
    expect(await render("DPRK")).toContain(
      "Including results for “North Korea”, “Democratic People&#x27;s Republic of Korea” (DPRK)",
    );
    expect(await render("Nvoak")).toMatch(
      /No results for “Nvoak”\. Showing results for <strong>Novák<\/strong> instead\./,
    );
    const { searchEngine } = await import("@/lib/search");
    await searchEngine.close();
    delete (globalThis as { quireSearchEngine?: unknown }).quireSearchEngine;
  });
});
