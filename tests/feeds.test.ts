import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  buildAtom,
  buildJsonFeed,
  buildRss,
  cdata,
  stripInvalidXmlCharacters,
  type FeedChannel,
  type FeedItem,
} from "@/lib/feeds/build";
import { publicationHref } from "@/lib/format/paths";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";

const SITE_URL = "https://think.example.org";
// An ampersand in the name checks escaping end to end, in every channel title.
const SITE_NAME = "Quire & Partners";

const testDatabase = isolatedTestDatabase();

type SlugParams = { params: Promise<{ slug: string }> };
type ScopedGet = (request: Request, context: SlugParams) => Promise<Response>;
type Kind = "categories" | "authors" | "series";
type FileName = "feed.xml" | "atom.xml" | "feed.json";

/** The route handlers, loaded as the server would, against this file's database and SITE_URL. */
async function loadRoutes() {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("SITE_URL", SITE_URL);
  vi.stubEnv("SITE_NAME", SITE_NAME);
  const site = {
    "feed.xml": (await import("@/app/feed.xml/route")).GET,
    "atom.xml": (await import("@/app/atom.xml/route")).GET,
    "feed.json": (await import("@/app/feed.json/route")).GET,
  };
  const scoped: Record<Kind, Record<FileName, ScopedGet>> = {
    categories: {
      "feed.xml": (await import("@/app/(public)/categories/[slug]/feed.xml/route")).GET,
      "atom.xml": (await import("@/app/(public)/categories/[slug]/atom.xml/route")).GET,
      "feed.json": (await import("@/app/(public)/categories/[slug]/feed.json/route")).GET,
    },
    authors: {
      "feed.xml": (await import("@/app/(public)/authors/[slug]/feed.xml/route")).GET,
      "atom.xml": (await import("@/app/(public)/authors/[slug]/atom.xml/route")).GET,
      "feed.json": (await import("@/app/(public)/authors/[slug]/feed.json/route")).GET,
    },
    series: {
      "feed.xml": (await import("@/app/(public)/series/[slug]/feed.xml/route")).GET,
      "atom.xml": (await import("@/app/(public)/series/[slug]/atom.xml/route")).GET,
      "feed.json": (await import("@/app/(public)/series/[slug]/feed.json/route")).GET,
    },
  };
  return { site, scoped };
}

let routes: Awaited<ReturnType<typeof loadRoutes>>;

function getScoped(kind: Kind, slug: string, fileName: FileName) {
  const request = new Request(`${SITE_URL}/${kind}/${encodeURIComponent(slug)}/${fileName}`);
  return routes.scoped[kind][fileName](request, { params: Promise.resolve({ slug }) });
}

// Repeatable elements always come back as arrays, so one and many read the same way.
const REPEATABLE = new Set([
  "rss.channel.item",
  "rss.channel.item.dc:creator",
  "rss.channel.item.category",
  "feed.link",
  "feed.author",
  "feed.entry",
  "feed.entry.link",
  "feed.entry.author",
  "feed.entry.category",
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, path) => REPEATABLE.has(String(path)),
});

/** Parses a feed after checking that it is well-formed XML. */
function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

type RssItem = {
  title: string;
  link: string;
  guid: { "#text": string; "@_isPermaLink": string };
  pubDate: string;
  "dc:creator"?: string[];
  category?: string[];
  description: string;
  "content:encoded": string;
};
type AtomLink = { "@_rel": string; "@_href": string; "@_type"?: string };
type AtomEntry = {
  id: string;
  title: { "#text": string };
  link: AtomLink[];
  published: string;
  updated: string;
  author?: Array<{ name: string; uri: string }>;
  category?: Array<{ "@_term": string }>;
  summary: { "#text"?: string };
  content: { "#text": string; "@_type": string };
};
type JsonFeedItem = {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  date_published: string;
  date_modified: string;
  authors: Array<{ name: string; url: string }>;
  tags: string[];
};

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A publication's page: an event's is at /events/<slug>. */
const publicationUrl = (slug: string, typeSlug = "") => `${SITE_URL}${publicationHref(slug, typeSlug)}`;

/** What the public may see, newest first: the rule the feeds must follow, stated independently. */
async function expectedUrls(where: object = {}, take = 30) {
  const rows = await testDatabase.db.publication.findMany({
    where: { status: "PUBLISHED", deletedAt: null, publishedAt: { lte: new Date() }, ...where },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: { slug: true, type: { select: { slug: true } } },
  });
  return rows.map((row) => publicationUrl(row.slug, row.type.slug));
}

/** Publications the feeds must never show, each newer than everything seeded. */
const hidden = { draft: "draft-not-for-feeds", trashed: "trashed-not-for-feeds", scheduled: "scheduled-not-for-feeds" };

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 60 });
  const db = testDatabase.db;
  const type = await db.publicationType.findFirstOrThrow({ select: { id: true } });
  const category = await db.category.findUniqueOrThrow({ where: { slug: "north-korea" }, select: { id: true } });
  const series = await db.series.findUniqueOrThrow({ where: { slug: "the-peninsula" }, select: { id: true } });
  const author = await db.author.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
  const hiddenPublication = (slug: string, extra: object) => ({
    slug,
    title: `Hidden: ${slug}`,
    bodyJson: { type: "doc", content: [] },
    bodyHtml: "<p>Not for the public.</p>",
    typeId: type.id,
    seriesId: series.id,
    authors: { create: [{ authorId: author.id, position: 0 }] },
    categories: { create: [{ categoryId: category.id }] },
    ...extra,
  });
  const minuteAgo = new Date(Date.now() - 60_000);
  await db.publication.create({ data: hiddenPublication(hidden.draft, { status: "DRAFT", publishedAt: minuteAgo }) });
  await db.publication.create({
    data: hiddenPublication(hidden.trashed, { status: "PUBLISHED", publishedAt: minuteAgo, deletedAt: new Date() }),
  });
  await db.publication.create({
    data: hiddenPublication(hidden.scheduled, { status: "PUBLISHED", publishedAt: new Date(Date.now() + 86_400_000) }),
  });
  routes = await loadRoutes();
});

afterAll(async () => {
  // Close the app's own pool before the test database is dropped.
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.unstubAllEnvs();
});

function expectNoHiddenPublication(body: string) {
  for (const slug of Object.values(hidden)) expect(body).not.toContain(slug);
}

function expectFeedHeaders(response: Response, contentType: string) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(contentType);
  expect(response.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=3600");
}

describe("the site feeds", () => {
  it("serve RSS 2.0 with the 30 latest publications, newest first, and absolute links", async () => {
    const response = await routes.site["feed.xml"]();
    expectFeedHeaders(response, "application/rss+xml; charset=utf-8");
    const body = await response.text();
    const { rss } = parseXml(body);
    expect(rss["@_version"]).toBe("2.0");
    const channel = rss.channel;
    expect(channel.title).toBe(SITE_NAME);
    expect(channel.link).toBe(`${SITE_URL}/`);
    expect(channel.description).toBeTruthy();
    expect(channel.language).toBe("en");
    expect(channel.lastBuildDate).toMatch(RFC_822);
    expect(channel["atom:link"]).toMatchObject({
      "@_rel": "self",
      "@_href": `${SITE_URL}/feed.xml`,
      "@_type": "application/rss+xml",
    });

    const items = channel.item as RssItem[];
    expect(items.map((item) => item.link)).toEqual(await expectedUrls());
    expect(items).toHaveLength(30);
    const dates = items.map((item) => new Date(item.pubDate).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const item of items) {
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(new RegExp(`^${SITE_URL}/(publications|events)/`));
      expect(item.guid).toEqual({ "#text": item.link, "@_isPermaLink": "true" });
      expect(item.pubDate).toMatch(RFC_822);
      expect(item["dc:creator"]?.length).toBeGreaterThan(0);
      expect(item.category?.length).toBeGreaterThan(0);
      expect(typeof item.description).toBe("string");
      expect(item["content:encoded"]).toContain("<p>");
    }
    expectNoHiddenPublication(body);
  });

  it("serve Atom 1.0 with ids, dates, authors, self and alternate links and HTML content", async () => {
    const response = await routes.site["atom.xml"]();
    expectFeedHeaders(response, "application/atom+xml; charset=utf-8");
    const body = await response.text();
    const { feed } = parseXml(body);
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${SITE_URL}/atom.xml`);
    expect(feed.title["#text"]).toBe(SITE_NAME);
    expect(feed.updated).toMatch(RFC_3339);
    expect(feed.link).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ "@_rel": "alternate", "@_href": `${SITE_URL}/` }),
        expect.objectContaining({ "@_rel": "self", "@_href": `${SITE_URL}/atom.xml` }),
      ]),
    );
    expect(feed.author[0].name).toBe(SITE_NAME);

    const entries = feed.entry as AtomEntry[];
    const urls = await expectedUrls();
    expect(entries.map((entry) => entry.id)).toEqual(urls);
    for (const entry of entries) {
      expect(entry.link).toEqual([{ "@_rel": "alternate", "@_type": "text/html", "@_href": entry.id }]);
      expect(entry.title["#text"]).toBeTruthy();
      expect(entry.published).toMatch(RFC_3339);
      expect(entry.updated).toMatch(RFC_3339);
      expect(new Date(entry.updated).getTime()).toBeGreaterThanOrEqual(new Date(entry.published).getTime());
      expect(entry.author?.length).toBeGreaterThan(0);
      for (const author of entry.author ?? []) expect(author.uri.startsWith(`${SITE_URL}/authors/`)).toBe(true);
      expect(entry.content["@_type"]).toBe("html");
      expect(entry.content["#text"]).toContain("<p>");
    }
    // The newest entry's date is the feed's.
    expect(new Date(feed.updated).getTime()).toBeGreaterThanOrEqual(new Date(entries[0]!.updated).getTime());
    expectNoHiddenPublication(body);
  });

  it("serve JSON Feed 1.1", async () => {
    const response = await routes.site["feed.json"]();
    expectFeedHeaders(response, "application/feed+json; charset=utf-8");
    const body = await response.text();
    const feed = JSON.parse(body);
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: SITE_NAME,
      home_page_url: `${SITE_URL}/`,
      feed_url: `${SITE_URL}/feed.json`,
    });
    const items = feed.items as JsonFeedItem[];
    expect(items.map((item) => item.url)).toEqual(await expectedUrls());
    for (const item of items) {
      expect(item.id).toBe(item.url);
      expect(item.title).toBeTruthy();
      expect(item.content_html).toContain("<p>");
      expect(typeof item.summary).toBe("string");
      expect(item.date_published).toMatch(RFC_3339);
      expect(item.date_modified).toMatch(RFC_3339);
      expect(item.authors.length).toBeGreaterThan(0);
      for (const author of item.authors) {
        expect(author.name).toBeTruthy();
        expect(author.url.startsWith(`${SITE_URL}/authors/`)).toBe(true);
      }
      expect(item.tags.length).toBeGreaterThan(0);
    }
    expectNoHiddenPublication(body);
  });
});

describe("category, author and series feeds", () => {
  it("a category feed carries only that category's publications, in every format", async () => {
    const expected = await expectedUrls({ categories: { some: { category: { slug: "north-korea" } } } });
    expect(expected.length).toBeGreaterThan(0);

    const rssResponse = await getScoped("categories", "north-korea", "feed.xml");
    expectFeedHeaders(rssResponse, "application/rss+xml; charset=utf-8");
    const rssBody = await rssResponse.text();
    const { channel } = parseXml(rssBody).rss;
    expect(channel.title).toBe(`North Korea | ${SITE_NAME}`);
    expect(channel.link).toBe(`${SITE_URL}/categories/north-korea`);
    expect(channel["atom:link"]["@_href"]).toBe(`${SITE_URL}/categories/north-korea/feed.xml`);
    const items = (channel.item ?? []) as RssItem[];
    expect(items.map((item) => item.link)).toEqual(expected);
    for (const item of items) expect(item.category).toContain("North Korea");
    expectNoHiddenPublication(rssBody);

    const atomBody = await (await getScoped("categories", "north-korea", "atom.xml")).text();
    const { feed } = parseXml(atomBody);
    expect(feed.link).toContainEqual(
      expect.objectContaining({ "@_rel": "self", "@_href": `${SITE_URL}/categories/north-korea/atom.xml` }),
    );
    expect(((feed.entry ?? []) as AtomEntry[]).map((entry) => entry.id)).toEqual(expected);

    const json = JSON.parse(await (await getScoped("categories", "north-korea", "feed.json")).text());
    expect(json.feed_url).toBe(`${SITE_URL}/categories/north-korea/feed.json`);
    expect((json.items as JsonFeedItem[]).map((item) => item.url)).toEqual(expected);
  });

  it("escapes a category name with an ampersand", async () => {
    const response = await getScoped("categories", "economics-trade", "atom.xml");
    const body = await response.text();
    expect(body).toContain('<title type="text">Economics &amp; Trade | Quire &amp; Partners</title>');
    expect(parseXml(body).feed.title["#text"]).toBe(`Economics & Trade | ${SITE_NAME}`);
  });

  it("an author feed carries only that author's publications", async () => {
    const author = await testDatabase.db.author.findFirstOrThrow({
      where: { publications: { some: {} } },
      orderBy: { id: "asc" },
      select: { slug: true, name: true },
    });
    const response = await getScoped("authors", author.slug, "feed.xml");
    expectFeedHeaders(response, "application/rss+xml; charset=utf-8");
    const body = await response.text();
    const items = (parseXml(body).rss.channel.item ?? []) as RssItem[];
    expect(items.map((item) => item.link)).toEqual(
      await expectedUrls({ authors: { some: { author: { slug: author.slug } } } }),
    );
    for (const item of items) expect(item["dc:creator"]).toContain(author.name);
    expectNoHiddenPublication(body);
  });

  it("a series feed carries only that series' publications", async () => {
    const response = await getScoped("series", "the-peninsula", "feed.json");
    expectFeedHeaders(response, "application/feed+json; charset=utf-8");
    const body = await response.text();
    const feed = JSON.parse(body);
    expect(feed.home_page_url).toBe(`${SITE_URL}/series/the-peninsula`);
    const expected = await expectedUrls({ series: { slug: "the-peninsula" } });
    expect(expected.length).toBeGreaterThan(0);
    expect((feed.items as JsonFeedItem[]).map((item) => item.url)).toEqual(expected);
    expectNoHiddenPublication(body);
  });

  it("answers 404 in plain text for an unknown or malformed slug, never 500", async () => {
    const slugs = ["no-such-thing", "North-Korea", "../etc/passwd", "a b", "", "x".repeat(201), "north-korea'--"];
    for (const kind of ["categories", "authors", "series"] as const) {
      for (const fileName of ["feed.xml", "atom.xml", "feed.json"] as const) {
        for (const slug of slugs) {
          const response = await getScoped(kind, slug, fileName);
          expect(response.status, `${kind}/${slug}/${fileName}`).toBe(404);
          expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
        }
      }
    }
  });

  it("answers 404 for a slug with a NUL byte or other bytes PostgreSQL refuses, before any query", async () => {
    // /series/%00/feed.json reached PostgreSQL (through the renamed-slug lookup), which
    // refuses NUL in text: a 500 for anyone who asked.
    const slugs = ["\u0000", "a\u0000b", "north-korea\u0000", "\u0000\uFFFE", "\u0000".repeat(300)];
    for (const kind of ["categories", "authors", "series"] as const) {
      for (const fileName of ["feed.xml", "atom.xml", "feed.json"] as const) {
        for (const slug of slugs) {
          const response = await getScoped(kind, slug, fileName);
          expect(response.status, `${kind}/${JSON.stringify(slug)}/${fileName}`).toBe(404);
        }
      }
    }
  });
});

describe("building feeds (escaping)", () => {
  const channel: FeedChannel = {
    title: `News & "views" <from> 'us'`,
    description: "Tab\there, bell\u0007 and escape\u001b gone",
    siteUrl: "https://example.org/?a=1&b=2",
    feedUrl: "https://example.org/feed.xml?a=1&b=2",
    language: "en",
    updated: new Date("2024-09-07T10:00:00Z"),
    publisher: { name: "Example & Co", url: "https://example.org/" },
  };
  const hostileHtml = `<p>Fish &amp; chips</p><script>alert("x")</script><p>CDATA ends here: ]]> and again ]]></p>`;
  const item: FeedItem = {
    id: "https://example.org/publications/one?x=1&y=2",
    url: "https://example.org/publications/one?x=1&y=2",
    title: `<script>alert('title')</script> & more`,
    summary: "Null\u0000, vertical tab\u000b, form feed\u000c, \uFFFE, a lone \uD800 surrogate; emoji 😀 stays",
    contentHtml: hostileHtml,
    publishedAt: new Date("2024-09-06T08:30:00Z"),
    updatedAt: new Date("2024-09-07T09:00:00Z"),
    authors: [{ name: `O'Brien & <Partners>`, url: "https://example.org/authors/obrien" }],
    categories: ["Economics & Trade"],
  };
  const strippedSummary = "Null, vertical tab, form feed, , a lone  surrogate; emoji 😀 stays";
  const INVALID_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

  it("strips characters XML 1.0 forbids and keeps tab, newlines and astral characters", () => {
    expect(stripInvalidXmlCharacters("a\u0000b\u0008c\td\ne\rf\u001fg\uFFFFh\uDC00i😀")).toBe("abc\td\ne\rfghi😀");
  });

  it("splits ]]> across CDATA sections", () => {
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
    expect(parser.parse(`<x>${cdata("a]]>b]]>")}</x>`).x).toBe("a]]>b]]>");
  });

  it("RSS: escapes text, keeps the HTML intact in CDATA, and stays well-formed", () => {
    const xml = buildRss(channel, [item]);
    expect(xml).not.toMatch(INVALID_IN_XML);
    expect(xml).toContain("<title>&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt; &amp; more</title>");
    expect(xml).not.toContain("<script>alert('title')");
    const { channel: parsed } = parseXml(xml).rss;
    expect(parsed.title).toBe(channel.title);
    expect(parsed["atom:link"]["@_href"]).toBe(channel.feedUrl);
    expect(parsed.lastBuildDate).toBe("Sat, 07 Sep 2024 10:00:00 GMT");
    const [parsedItem] = parsed.item as RssItem[];
    expect(parsedItem!.title).toBe(item.title);
    expect(parsedItem!.link).toBe(item.url);
    expect(parsedItem!.pubDate).toBe("Fri, 06 Sep 2024 08:30:00 GMT");
    expect(parsedItem!["content:encoded"]).toBe(hostileHtml);
    expect(parsedItem!.description).toBe(strippedSummary);
    expect(parsedItem!["dc:creator"]).toEqual([item.authors[0]!.name]);
    expect(parsedItem!.category).toEqual(["Economics & Trade"]);
  });

  it("Atom: escapes the HTML content as text and stays well-formed", () => {
    const xml = buildAtom(channel, [item]);
    expect(xml).not.toMatch(INVALID_IN_XML);
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const { feed } = parseXml(xml);
    expect(feed.title["#text"]).toBe(channel.title);
    expect(feed.updated).toBe("2024-09-07T10:00:00.000Z");
    const [entry] = feed.entry as AtomEntry[];
    expect(entry!.title["#text"]).toBe(item.title);
    expect(entry!.content).toEqual({ "#text": hostileHtml, "@_type": "html" });
    expect(entry!.summary["#text"]).toBe(strippedSummary);
    expect(entry!.author).toEqual([{ name: item.authors[0]!.name, uri: item.authors[0]!.url }]);
    expect(entry!.category).toEqual([{ "@_term": "Economics & Trade" }]);
    expect(entry!.published).toBe("2024-09-06T08:30:00.000Z");
  });

  it("JSON Feed: carries every field as given, as valid JSON", () => {
    const feed = JSON.parse(buildJsonFeed(channel, [item]));
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: channel.title,
      feed_url: channel.feedUrl,
    });
    expect(feed.items).toEqual([
      {
        id: item.id,
        url: item.url,
        title: item.title,
        content_html: hostileHtml,
        summary: item.summary,
        date_published: "2024-09-06T08:30:00.000Z",
        date_modified: "2024-09-07T09:00:00.000Z",
        authors: item.authors,
        tags: item.categories,
      },
    ]);
  });
});
