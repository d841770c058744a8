import { XMLParser, XMLValidator } from "fast-xml-parser";
import { resolveRouteData } from "next/dist/build/webpack/loaders/metadata/resolve-route-data";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { publicationHref } from "@/lib/format/paths";
import { DEMO_CURATED_EVENT_COUNT } from "@/scripts/demo/demo-events";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";

const SITE_URL = "https://think.example.org";
const URLS_PER_SITEMAP = 50_000;

const testDatabase = isolatedTestDatabase();

/** The sitemap index, its parts and robots.txt, loaded as the server would against this file's database. */
async function loadCrawlerRoutes() {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("SITE_URL", SITE_URL);
  return {
    sitemapIndex: (await import("@/app/sitemap.xml/route")).GET,
    sitemapPart: (await import("@/app/sitemap/[part]/route")).GET,
    robots: (await import("@/app/robots")).default,
  };
}

let routes: Awaited<ReturnType<typeof loadCrawlerRoutes>>;

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (_name, path) => path === "urlset.url" || path === "sitemapindex.sitemap",
});

function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

type UrlEntry = { loc: string; lastmod?: string };

/** GET /sitemap/{part}: its status, and its entries when it answered 200. */
async function fetchPart(part: string) {
  const response = await routes.sitemapPart(new Request(`${SITE_URL}/sitemap/${part}`), {
    params: Promise.resolve({ part }),
  });
  if (response.status !== 200) return { status: response.status, entries: [] as UrlEntry[] };
  expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  const body = await response.text();
  expect(body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  const { urlset } = parseXml(body);
  return { status: 200, entries: urlset.url as UrlEntry[] };
}

/** /sitemap.xml parsed: a urlset while everything fits, otherwise an index of parts. */
async function fetchSitemapXml() {
  const response = await routes.sitemapIndex();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  return parseXml(await response.text());
}

/** The part URLs the index at /sitemap.xml lists. */
async function indexedParts() {
  const { sitemapindex } = await fetchSitemapXml();
  return (sitemapindex.sitemap as Array<{ loc: string }>).map((entry) => entry.loc);
}

const visible = () => ({ status: "PUBLISHED" as const, deletedAt: null, publishedAt: { lte: new Date() } });

/** Every visible publication's URL and last change, as the database has them. */
async function visiblePublications() {
  const rows = await testDatabase.db.publication.findMany({
    where: visible(),
    select: { slug: true, updatedAt: true, type: { select: { slug: true } } },
  });
  return new Map(
    rows.map((row) => [`${SITE_URL}${publicationHref(row.slug, row.type.slug)}`, row.updatedAt.toISOString()]),
  );
}

async function listingUrls() {
  const db = testDatabase.db;
  const bySlug = { select: { slug: true } } as const;
  const [categories, authors, series] = await Promise.all([
    db.category.findMany(bySlug),
    db.author.findMany(bySlug),
    db.series.findMany(bySlug),
  ]);
  return [
    `${SITE_URL}/`,
    `${SITE_URL}/publications`,
    `${SITE_URL}/events`,
    ...categories.map(({ slug }) => `${SITE_URL}/categories/${slug}`),
    ...authors.map(({ slug }) => `${SITE_URL}/authors/${slug}`),
    ...series.map(({ slug }) => `${SITE_URL}/series/${slug}`),
  ];
}

/** A publication's page: an event's is at /events/<slug>. */
const isPublicationUrl = (url: string) =>
  url.startsWith(`${SITE_URL}/publications/`) || url.startsWith(`${SITE_URL}/events/`);

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 60 });
  const db = testDatabase.db;
  const type = await db.publicationType.findFirstOrThrow({ select: { id: true } });
  const hidden = (slug: string, extra: object) => ({
    slug,
    title: slug,
    bodyJson: {},
    bodyHtml: "",
    typeId: type.id,
    ...extra,
  });
  const minuteAgo = new Date(Date.now() - 60_000);
  await db.publication.createMany({
    data: [
      hidden("hidden-draft", { status: "DRAFT", publishedAt: minuteAgo }),
      hidden("hidden-trashed", { status: "PUBLISHED", publishedAt: minuteAgo, deletedAt: new Date() }),
      hidden("hidden-scheduled", { status: "PUBLISHED", publishedAt: new Date(Date.now() + 86_400_000) }),
    ],
  });
  routes = await loadCrawlerRoutes();
});

afterAll(async () => {
  // Close the app's own pool before the test database is dropped.
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.unstubAllEnvs();
});

describe("the sitemap", () => {
  it("is served whole at /sitemap.xml while under 50,000 URLs, the same as its only part", async () => {
    const { urlset, sitemapindex } = await fetchSitemapXml();
    expect(sitemapindex).toBeUndefined();
    const { entries } = await fetchPart("0.xml");
    expect((urlset.url as UrlEntry[]).map((entry) => entry.loc)).toEqual(entries.map((entry) => entry.loc));
  });

  it("lists exactly the visible publications, with their last change, plus the listing pages", async () => {
    const { status, entries } = await fetchPart("0.xml");
    expect(status).toBe(200);
    const urls = entries.map((entry) => entry.loc);
    expect(new Set(urls).size).toBe(urls.length);

    const published = await visiblePublications();
    // The generated archive, and the demo's hand-written events around the day of seeding.
    expect(published.size).toBe(60 + DEMO_CURATED_EVENT_COUNT);
    const publicationEntries = entries.filter((entry) => isPublicationUrl(entry.loc));
    expect(publicationEntries).toHaveLength(published.size);
    for (const entry of publicationEntries) {
      expect(published.has(entry.loc), entry.loc).toBe(true);
      expect(entry.lastmod).toBe(published.get(entry.loc));
    }
    for (const slug of ["hidden-draft", "hidden-trashed", "hidden-scheduled"]) {
      expect(urls).not.toContain(`${SITE_URL}/publications/${slug}`);
    }

    const listings = await listingUrls();
    expect(listings).toContain(`${SITE_URL}/series/the-peninsula`);
    expect(urls.filter((url) => !isPublicationUrl(url)).sort()).toEqual([...listings].sort());
    expect(urls).toHaveLength(listings.length + published.size);
  });

  it("answers 404 for a part past the last one or a malformed part, never 500", async () => {
    for (const part of ["1.xml", "999999.xml", "abc.xml", "-1.xml", "0", "0.json", "1e3.xml", "0.xml.gz"]) {
      expect((await fetchPart(part)).status, part).toBe(404);
    }
  });
});

describe("robots.txt", () => {
  it("allows everything but the staff area and the API, and points to the sitemap", () => {
    const text = resolveRouteData(routes.robots(), "robots");
    const lines = text.split("\n");
    expect(lines).toEqual(
      expect.arrayContaining(["User-Agent: *", "Allow: /", "Disallow: /admin", "Disallow: /api/", "Disallow: /login"]),
    );
    expect(lines).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    expect(lines).toContain(`Host: ${SITE_URL}`);
  });
});

describe("a sitemap past 50,000 URLs", () => {
  it("splits into parts of 50,000 that together list every visible publication once", async () => {
    // 110,000 small publications, one in eleven a draft, interleaved with the visible ones.
    const type = await testDatabase.db.publicationType.findFirstOrThrow({ select: { id: true } });
    await testDatabase.db.$executeRaw`
      INSERT INTO "Publication" (slug, title, "bodyJson", "bodyHtml", status, "publishedAt", "typeId", "updatedAt")
      SELECT 'bulk-' || i, 'Bulk ' || i, '{}'::jsonb, '',
             (CASE WHEN i % 11 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END)::"PublicationStatus",
             now() - make_interval(mins => i), ${type.id}, now() - make_interval(mins => i)
        FROM generate_series(1, 110000) AS i`;
    const published = await visiblePublications();
    expect(published.size).toBe(60 + DEMO_CURATED_EVENT_COUNT + 100_000);
    const listings = await listingUrls();
    const total = listings.length + published.size;
    const partCount = Math.ceil(total / URLS_PER_SITEMAP);
    expect(partCount).toBe(3);

    const partUrls = await indexedParts();
    expect(partUrls).toEqual([0, 1, 2].map((index) => `${SITE_URL}/sitemap/${index}.xml`));

    const parts = await Promise.all(["0.xml", "1.xml", "2.xml"].map(fetchPart));
    expect(parts.map((part) => part.entries.length)).toEqual([
      URLS_PER_SITEMAP,
      URLS_PER_SITEMAP,
      total - 2 * URLS_PER_SITEMAP,
    ]);
    // The listing pages open the first part.
    expect(
      parts[0]!.entries
        .slice(0, listings.length)
        .map((entry) => entry.loc)
        .sort(),
    ).toEqual([...listings].sort());

    const urls = parts.flatMap((part) => part.entries.map((entry) => entry.loc));
    expect(new Set(urls).size).toBe(total);
    const publicationUrls = urls.filter(isPublicationUrl);
    expect(publicationUrls).toHaveLength(published.size);
    expect(publicationUrls.every((url) => published.has(url))).toBe(true);
    expect((await fetchPart("3.xml")).status).toBe(404);
  });
});
