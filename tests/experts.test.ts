/**
 * The experts directory (/experts): its query string and cache keys (lib/validations/experts.ts)
 * and its reads against a real database (lib/data/experts.ts): who is listed, in what order,
 * filtered by topic, language and name, and which filters are a 404.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  canonicalExpertFilters,
  expertFiltersKey,
  expertsHref,
  expertsRoute,
  parseExpertQuery,
} from "@/lib/validations/experts";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

describe("the directory's query string and cache keys", () => {
  it('reads topic, language and a name, treating empty fields ("All topics") as absent', () => {
    expect(parseExpertQuery({ topic: "security", language: "", q: "  Kim  " })).toEqual({
      topic: "security",
      q: "Kim",
    });
    expect(parseExpertQuery({ topic: ["north-korea", "security"] })).toEqual({ topic: "north-korea" });
    expect(parseExpertQuery({})).toEqual({});
  });

  it("refuses a malformed topic or language rather than widening the list", () => {
    expect(parseExpertQuery({ topic: "North Korea" })).toBeNull();
    expect(parseExpertQuery({ language: "<script>" })).toBeNull();
  });

  it("sends a name search to /experts itself and filters to one cached key per set", () => {
    expect(expertsRoute({ q: ["ada"] })).toEqual({ search: true });
    expect(expertsRoute({ q: ["   "], topic: ["security"] })).toEqual({ search: false, key: "topic%3Dsecurity" });
    expect(expertsRoute({ language: ["korean"], topic: ["security"] })).toEqual({
      search: false,
      key: "topic%3Dsecurity%26language%3Dkorean",
    });
    expect(expertsRoute({ topic: [""], language: [""] })).toEqual({ search: false, key: "all" });
  });

  it("renders only canonical keys: the order, repeats, unknown names and malformed values are not pages", () => {
    expect(canonicalExpertFilters("all")).toEqual({});
    expect(canonicalExpertFilters("topic%3Dsecurity%26language%3Dkorean")).toEqual({
      topic: "security",
      language: "korean",
    });
    // The framework may hand the key over decoded: the same page.
    expect(canonicalExpertFilters("topic=security&language=korean")).toEqual({
      topic: "security",
      language: "korean",
    });
    for (const key of [
      "language%3Dkorean%26topic%3Dsecurity",
      "topic%3Dsecurity%26topic%3Dsecurity",
      "topic%3DSecurity",
      "page%3D2",
      "q%3Dkim",
      "topic%3D",
      "%E0%A4%A",
      "anything",
    ])
      expect(canonicalExpertFilters(key), key).toBeNull();
  });

  it("writes the directory's links with filters in a fixed order", () => {
    expect(expertsHref({})).toBe("/experts");
    expect(expertsHref({ language: "korean", topic: "security", q: "kim" })).toBe(
      "/experts?topic=security&language=korean&q=kim",
    );
    expect(expertFiltersKey({ language: "korean", topic: "security" })).toBe("topic%3Dsecurity%26language%3Dkorean");
  });
});

describe("the directory's reads", () => {
  // lib/data reads the environment when loaded (lib/db.ts): loaded once this file's database is set.
  let data: typeof import("@/lib/data/experts");
  const readExpertDirectory: (typeof data)["readExpertDirectory"] = (...args) => data.readExpertDirectory(...args);

  beforeAll(async () => {
    vi.stubEnv("DATABASE_URL", testDatabase.url);
    data = await import("@/lib/data/experts");
    const db = testDatabase.db;
    const security = await db.category.create({ data: { slug: "security", name: "Security" } });
    const trade = await db.category.create({ data: { slug: "trade", name: "Trade" } });
    await db.category.create({ data: { slug: "unclaimed", name: "Unclaimed" } });
    const people = [
      { slug: "ruediger", name: "Rüdiger Hallstein", rank: null, languages: ["German", "English"], topics: [security] },
      { slug: "ada", name: "Ada Park", rank: 2, languages: ["Korean", "English"], topics: [trade, security] },
      { slug: "bo", name: "Bo Kim", rank: 1, languages: ["Korean"], topics: [trade] },
      { slug: "cy", name: "Cy Zhao", rank: null, languages: ["Mandarin Chinese"], topics: [] },
    ];
    for (const person of people)
      await db.author.create({
        data: {
          slug: person.slug,
          name: person.name,
          isExpert: true,
          directoryRank: person.rank,
          languages: person.languages,
          availableForMedia: person.slug === "ada",
          pressContact: person.slug === "ada" ? "press@example.org" : "",
          expertise: { create: person.topics.map((topic, position) => ({ categoryId: topic.id, position })) },
        },
      });
    // An outside contributor: an author, but not in the directory.
    await db.author.create({
      data: {
        slug: "guest",
        name: "Guest Kim",
        languages: ["Korean"],
        expertise: { create: [{ categoryId: trade.id }] },
      },
    });
  });

  const slugs = (directory: Awaited<ReturnType<typeof readExpertDirectory>>) =>
    directory?.experts.map((expert) => expert.slug);

  it("lists only the institute's experts, ranked first, then by name", async () => {
    const directory = await readExpertDirectory(testDatabase.db, {});
    expect(slugs(directory)).toEqual(["bo", "ada", "cy", "ruediger"]);
    expect(directory!.experts[1]).toMatchObject({
      availableForMedia: true,
      pressContact: "press@example.org",
      expertise: [{ category: { slug: "trade" } }, { category: { slug: "security" } }],
    });
  });

  it("offers the topics and languages its experts have, with slugs for the links", async () => {
    const directory = await readExpertDirectory(testDatabase.db, {});
    expect(directory!.topics.map((topic) => topic.slug)).toEqual(["security", "trade"]);
    expect(directory!.languages).toEqual([
      { slug: "english", name: "English" },
      { slug: "german", name: "German" },
      { slug: "korean", name: "Korean" },
      { slug: "mandarin-chinese", name: "Mandarin Chinese" },
    ]);
  });

  it("filters by topic, by language, and both", async () => {
    expect(slugs(await readExpertDirectory(testDatabase.db, { topic: "security" }))).toEqual(["ada", "ruediger"]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { language: "korean" }))).toEqual(["bo", "ada"]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { language: "mandarin-chinese" }))).toEqual(["cy"]);
    const both = await readExpertDirectory(testDatabase.db, { topic: "trade", language: "english" });
    expect(slugs(both)).toEqual(["ada"]);
    expect(both!.query).toMatchObject({ topicName: "Trade", languageName: "English" });
  });

  it("searches names in any case and without accents, and takes LIKE's wildcards literally", async () => {
    expect(slugs(await readExpertDirectory(testDatabase.db, { q: "rudiger" }))).toEqual(["ruediger"]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { q: "KIM" }))).toEqual(["bo"]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { q: "%" }))).toEqual([]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { q: "_" }))).toEqual([]);
    expect(slugs(await readExpertDirectory(testDatabase.db, { q: "park", topic: "security" }))).toEqual(["ada"]);
  });

  it("is a 404 (null) for a topic no expert has, or a language no expert speaks", async () => {
    expect(await readExpertDirectory(testDatabase.db, { topic: "unclaimed" })).toBeNull();
    expect(await readExpertDirectory(testDatabase.db, { topic: "no-such-topic" })).toBeNull();
    expect(await readExpertDirectory(testDatabase.db, { language: "klingon" })).toBeNull();
    expect(await data.loadExpertsPage(testDatabase.db, { language: "klingon" })).toBeNull();
  });

  it("gives the home page's strip in the directory's order", async () => {
    expect((await data.readExpertStrip(testDatabase.db, 3)).map((expert) => expert.slug)).toEqual(["bo", "ada", "cy"]);
  });
});
