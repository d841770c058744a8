/**
 * "What the public may see" is one rule (lib/data/visibility.ts), and every public path
 * agrees on it. One fixture holds a publication for every status × publish time × trash
 * combination, all in one topic, by one author, in one series, with one unusual word in
 * their titles; the archive, the topic, author and series pages, the publication page,
 * related reading, the feeds, the sitemap, search, suggestions, digests (picked and
 * "new since"), digest picking, alerts, the home page, the topic and series indexes and
 * upcoming events must each show exactly the publications the rule admits, no more and no fewer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isPublic } from "@/lib/data/visibility";
import type { PublicationStatus } from "@/lib/generated/prisma/client";
import type { SearchEngine } from "@/lib/search/engine";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { PUBLICATION_STATUSES } from "@/lib/validations/publication";
import { importWordPress } from "@/lib/wordpress/import";
import { isolatedTestDatabase } from "./support/database";

// Next's data cache lives in the server; here every read goes to the database.
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  unstable_cache: <T>(read: T) => read,
}));

const SITE_URL = "https://think.example.org";
const WORD = "Zephyrine";
const testDatabase = isolatedTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

type Fixture = {
  id: number;
  slug: string;
  status: PublicationStatus;
  deletedAt: Date | null;
  publishedAt: Date | null;
};
const fixtures: Fixture[] = [];
/** Posts hidden in WordPress (draft, private, scheduled, password-protected), imported: never public here either. */
const IMPORTED_HIDDEN = 4;

/** A WordPress export of posts that were not public there, in the fixtures' topic and with their word. */
function hiddenWordPressPosts(): Buffer {
  const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 19).replace("T", " ");
  const post = (id: number, status: string, date: string, password = "") => `<item>
    <title>${WORD} imported ${status}${password ? " protected" : ""}</title><link>https://old.example.org/?p=${id}</link>
    <guid isPermaLink="false">https://old.example.org/?p=${id}</guid><dc:creator>vera</dc:creator>
    <content:encoded><![CDATA[<p>${WORD} was not public in WordPress.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[${WORD} summary]]></excerpt:encoded>
    <wp:post_id>${id}</wp:post_id><wp:post_date_gmt>${date}</wp:post_date_gmt><wp:post_name>imported-${id}</wp:post_name>
    <wp:status>${status}</wp:status><wp:post_type>post</wp:post_type><wp:post_password>${password}</wp:post_password>
    <category domain="category" nicename="visibility"><![CDATA[Visibility]]></category></item>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>
<wp:author><wp:author_login>vera</wp:author_login><wp:author_email>vera@example.org</wp:author_email><wp:author_display_name>Vera Visible</wp:author_display_name></wp:author>
<wp:category><wp:term_id>9</wp:term_id><wp:category_nicename>visibility</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Visibility</wp:cat_name></wp:category>
${post(101, "draft", "0000-00-00 00:00:00")}${post(102, "private", "2023-01-01 10:00:00")}${post(103, "future", tomorrow)}${post(104, "publish", "2023-01-01 10:00:00", "secret")}
</channel></rss>`);
}
/** The slugs the rule admits: the set every path must show. */
let expected: string[] = [];
let engine: SearchEngine;

const slugsOf = (ids: number[]) => fixtures.filter((fixture) => ids.includes(fixture.id)).map((f) => f.slug);
const sorted = (slugs: Iterable<string>) => [...new Set(slugs)].sort();
const fromUrls = (urls: string[]) =>
  urls.flatMap((url) => {
    const match = /\/publications\/([^/?#]+)$/.exec(url);
    return match && fixtures.some((fixture) => fixture.slug === match[1]) ? [match[1]!] : [];
  });

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("SITE_URL", SITE_URL);
  const db = testDatabase.db;
  const type = await db.publicationType.create({
    data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries", position: 0 },
  });
  const topic = await db.category.create({ data: { slug: "visibility", name: "Visibility" } });
  const author = await db.author.create({ data: { slug: "vera-visible", name: "Vera Visible" } });
  const series = await db.series.create({ data: { slug: "the-ledger", name: "The Ledger", featured: true } });

  // Within the alert window (two days), on both sides of now.
  const times = { past: new Date(Date.now() - 3_600_000), future: new Date(Date.now() + DAY), none: null };
  for (const status of PUBLICATION_STATUSES) {
    for (const [when, publishedAt] of Object.entries(times)) {
      for (const trashed of [false, true]) {
        const slug = `${status.toLowerCase().replace("_", "-")}-${when}-${trashed ? "trashed" : "kept"}`;
        const created = await db.publication.create({
          data: {
            slug,
            title: `${WORD} ${slug}`,
            summary: `The ${WORD} case of ${slug}.`,
            bodyJson: { type: "doc", content: [] },
            bodyHtml: `<p>${WORD} appears in ${slug}.</p>`,
            status,
            publishedAt,
            deletedAt: trashed ? new Date(Date.now() - DAY) : null,
            featuredRank: 1,
            typeId: type.id,
            seriesId: series.id,
            authors: { create: [{ authorId: author.id, position: 0 }] },
            categories: { create: [{ categoryId: topic.id }] },
          },
          select: { id: true, slug: true, status: true, deletedAt: true, publishedAt: true },
        });
        fixtures.push(created);
      }
    }
  }
  const imported = await importWordPress(db, [hiddenWordPressPosts()]);
  expect(imported.counts).toMatchObject({ created: IMPORTED_HIDDEN, failed: 0 });
  const importedIds = (await db.wordPressItem.findMany({ where: { kind: "post" }, select: { targetId: true } })).map(
    (row) => row.targetId!,
  );
  fixtures.push(
    ...(await db.publication.findMany({
      where: { id: { in: importedIds } },
      select: { id: true, slug: true, status: true, deletedAt: true, publishedAt: true },
    })),
  );
  expected = sorted(fixtures.filter((fixture) => isPublic(fixture)).map((fixture) => fixture.slug));
  engine = createPostgresSearchEngine({ connectionString: testDatabase.url, maxConnections: 2 });
});

afterAll(async () => {
  await engine?.close();
});

describe("every public path shows exactly what the visibility rule admits", () => {
  it("the fixture covers every combination, and the rule admits only the published, due, kept ones", () => {
    expect(fixtures).toHaveLength(PUBLICATION_STATUSES.length * 3 * 2 + IMPORTED_HIDDEN);
    expect(expected).toEqual(["published-past-kept"]);
  });

  it("the archive, and the topic, author and series pages", async () => {
    const { getArchivePage } = await import("@/lib/data/archive");
    for (const filters of [{}, { category: "visibility" }, { author: "vera-visible" }, { series: "the-ledger" }]) {
      const page = await getArchivePage(filters, 1);
      expect(sorted(page.items.map((item) => item.slug)), JSON.stringify(filters)).toEqual(expected);
      expect(page.total).toBe(expected.length);
    }
    const { getCategoriesWithCounts, getArchiveFilterOptions } = await import("@/lib/data/taxonomy");
    expect((await getCategoriesWithCounts()).find((topic) => topic.slug === "visibility")?.count).toBe(expected.length);
    expect((await getArchiveFilterOptions()).years).toEqual([new Date().getUTCFullYear()]);
  });

  it("the publication page and its related reading", async () => {
    const { loadPublicationPage } = await import("@/lib/data/publication-page");
    const { findRelatedPublications } = await import("@/lib/data/publications");
    const found = [];
    for (const fixture of fixtures) {
      const lookup = await loadPublicationPage(testDatabase.db, fixture.slug);
      if (lookup.found) found.push(fixture.slug);
    }
    expect(sorted(found)).toEqual(expected);
    // Related reading of any publication lists only public ones (never itself).
    for (const fixture of fixtures.slice(0, 6)) {
      const related = await findRelatedPublications(testDatabase.db, fixture.id);
      const slugs = related.map((item) => item.slug);
      expect(
        slugs.every((slug) => expected.includes(slug) && slug !== fixture.slug),
        fixture.slug,
      ).toBe(true);
    }
  });

  it("the feeds of the site, the topic, the author and the series", async () => {
    const { getFeedItems } = await import("@/lib/feeds/query");
    for (const scope of [
      { kind: "site" as const },
      { kind: "category" as const, slug: "visibility" },
      { kind: "author" as const, slug: "vera-visible" },
      { kind: "series" as const, slug: "the-ledger" },
    ]) {
      const feed = await getFeedItems(scope);
      expect(sorted(fromUrls(feed!.items.map((item) => item.url))), scope.kind).toEqual(expected);
    }
  });

  it("the sitemap", async () => {
    const { countSitemapParts, getSitemapPart } = await import("@/lib/feeds/sitemap");
    const parts = await countSitemapParts();
    const urls = [];
    for (let part = 0; part < parts; part += 1) urls.push(...(await getSitemapPart(part)).map((entry) => entry.url));
    expect(sorted(fromUrls(urls))).toEqual(expected);
  });

  it("search, its total, facets and suggestions", async () => {
    const results = await engine.search({ query: WORD, filters: {}, sort: "relevance", page: 1 });
    expect(sorted(results.hits.map((hit) => hit.slug))).toEqual(expected);
    expect(results.total).toBe(expected.length);
    const browse = await engine.search({ query: "", filters: { category: "visibility" }, sort: "newest", page: 1 });
    expect(sorted(browse.hits.map((hit) => hit.slug))).toEqual(expected);
    const suggestions = await engine.suggest(WORD.toLowerCase());
    const suggested = suggestions.filter((suggestion) => suggestion.kind === "title").map((s) => s.href);
    expect(sorted(fromUrls(suggested))).toEqual(expected);
  });

  it("digests, picked or new since the last, digest picking and immediate alerts", async () => {
    const { loadDigestItems } = await import("@/lib/mailings/content");
    const { searchPublicationsToPick } = await import("@/lib/mailings/digest-admin");
    const { queueAlerts } = await import("@/lib/mailings/alerts");
    const picked = await loadDigestItems(testDatabase.db, {
      publicationIds: fixtures.map((fixture) => fixture.id),
      periodStart: null,
      periodEnd: null,
    });
    expect(sorted(picked.map((item) => item.slug))).toEqual(expected);
    const newSince = await loadDigestItems(testDatabase.db, {
      publicationIds: [],
      periodStart: new Date(Date.now() - 30 * DAY),
      periodEnd: null,
    });
    expect(sorted(newSince.map((item) => item.slug))).toEqual(expected);
    const pickable = await searchPublicationsToPick(testDatabase.db, WORD);
    expect(sorted(slugsOf(pickable.map((row) => row.id)))).toEqual(expected);
    expect(sorted(slugsOf(await queueAlerts(testDatabase.db)))).toEqual(expected);
  });

  it("the home page: lead story, featured, latest, the featured series and the total", async () => {
    const { loadHomePage } = await import("@/lib/data/home");
    const home = await loadHomePage(testDatabase.db);
    const leadAndFeatured = [...(home.lead ? [home.lead] : []), ...home.featured];
    expect(sorted(leadAndFeatured.map((item) => item.slug))).toEqual(expected);
    expect(sorted(home.latest.map((item) => item.slug))).toEqual(expected);
    expect(sorted(home.featuredSeries?.items.map((item) => item.slug) ?? [])).toEqual(expected);
    expect(home.topics.find((topic) => topic.slug === "visibility")?.count).toBe(expected.length);
    expect(home.total).toBe(expected.length);
  });

  it("the topic and series indexes, and a topic page's lead", async () => {
    const { readCategoriesWithCounts, readSeriesIndex } = await import("@/lib/data/taxonomy");
    const { readTopicLead } = await import("@/lib/data/teasers");
    const topics = await readCategoriesWithCounts(testDatabase.db);
    expect(topics.find((topic) => topic.slug === "visibility")?.count).toBe(expected.length);
    const series = (await readSeriesIndex(testDatabase.db)).find((entry) => entry.slug === "the-ledger");
    expect(series?.count).toBe(expected.length);
    expect(series?.newest && expected.includes(series.newest.slug)).toBe(true);
    const lead = await readTopicLead(testDatabase.db, "visibility");
    expect(lead && expected.includes(lead.slug)).toBe(true);
  });
});

describe("events: /events, an event's page, upcoming events and the calendar feed", () => {
  const events: Fixture[] = [];
  let expectedEvents: string[] = [];
  /** Public events whose end is still ahead: what lists of upcoming events and the calendar feed show. */
  let expectedUpcoming: string[] = [];

  beforeAll(async () => {
    const db = testDatabase.db;
    const type = await db.publicationType.create({ data: { slug: "event", name: "Event", pluralName: "Events" } });
    const topic = await db.category.findUniqueOrThrow({ where: { slug: "visibility" } });
    const times = { past: new Date(Date.now() - 3_600_000), future: new Date(Date.now() + DAY), none: null };
    for (const status of PUBLICATION_STATUSES) {
      for (const [when, publishedAt] of Object.entries(times)) {
        for (const trashed of [false, true]) {
          for (const held of ["upcoming", "over"] as const) {
            const slug = `event-${status.toLowerCase().replace("_", "-")}-${when}-${trashed ? "trashed" : "kept"}-${held}`;
            const startsAt = new Date(Date.now() + (held === "upcoming" ? 7 * DAY : -7 * DAY));
            const created = await db.publication.create({
              data: {
                slug,
                title: `Event ${slug}`,
                bodyJson: { type: "doc", content: [] },
                bodyHtml: "",
                status,
                publishedAt,
                deletedAt: trashed ? new Date(Date.now() - DAY) : null,
                typeId: type.id,
                categories: { create: [{ categoryId: topic.id }] },
                event: {
                  create: { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: "Asia/Seoul" },
                },
              },
              select: { id: true, slug: true, status: true, deletedAt: true, publishedAt: true },
            });
            events.push(created);
          }
        }
      }
    }
    expectedEvents = sorted(events.filter((event) => isPublic(event)).map((event) => event.slug));
    expectedUpcoming = expectedEvents.filter((slug) => slug.endsWith("-upcoming"));
  });

  it("the fixture admits only the published, due, kept events", () => {
    expect(expectedEvents).toEqual(["event-published-past-kept-over", "event-published-past-kept-upcoming"]);
  });

  it("/events (upcoming and past, and by topic) and the home page's and profiles' upcoming events", async () => {
    const { readEventsListing, readUpcomingEvents } = await import("@/lib/data/events");
    for (const query of [{ page: 1 }, { topic: "visibility", page: 1 }]) {
      const listing = await readEventsListing(testDatabase.db, query);
      const slugs = [...listing!.upcoming, ...listing!.past].map((item) => item.slug);
      expect(sorted(slugs), JSON.stringify(query)).toEqual(expectedEvents);
    }
    const upcoming = await readUpcomingEvents(50, { database: testDatabase.db });
    expect(sorted(upcoming.map((item) => item.slug))).toEqual(expectedUpcoming);
  });

  it("the home page's upcoming events", async () => {
    const { loadHomePage } = await import("@/lib/data/home");
    const home = await loadHomePage(testDatabase.db);
    expect(sorted(home.events.map((item) => item.slug))).toEqual(expectedUpcoming);
  });

  it("an event's page", async () => {
    const { loadEventPage } = await import("@/lib/data/events");
    const found = [];
    for (const event of events) {
      const lookup = await loadEventPage(testDatabase.db, event.slug);
      if (lookup.found) found.push(event.slug);
    }
    expect(sorted(found)).toEqual(expectedEvents);
  });

  it("the calendar feed and each event's calendar file", async () => {
    const { readCalendarFeedEvents, readEventCalendarEntry } = await import("@/lib/data/events");
    const feed = await readCalendarFeedEvents(testDatabase.db, SITE_URL);
    const fromEventUrls = (urls: string[]) => urls.map((url) => /\/events\/([^/]+)$/.exec(url)?.[1] ?? url);
    expect(sorted(fromEventUrls(feed.map((entry) => entry.url)))).toEqual(expectedUpcoming);
    const files = [];
    for (const event of events) {
      if (await readEventCalendarEntry(testDatabase.db, event.slug, SITE_URL)) files.push(event.slug);
    }
    expect(sorted(files)).toEqual(expectedEvents);
  });
});
