/**
 * Nested WordPress categories. Quire's topics are flat (the Category model has no parent),
 * so each category becomes a topic of its own: its parent is recorded (WordPressItem and the
 * report), a child named like another topic takes its parent's name too, and both the
 * nested old address (/category/parent/child/) and the short one redirect to the topic.
 */
import { describe, expect, it } from "vitest";
import { importWordPress } from "@/lib/wordpress/import";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
const SITE = "https://old.example.org";

const category = (id: number, slug: string, name: string, parent = "") =>
  `<wp:category><wp:term_id>${id}</wp:term_id><wp:category_nicename><![CDATA[${slug}]]></wp:category_nicename>` +
  `<wp:category_parent><![CDATA[${parent}]]></wp:category_parent><wp:cat_name><![CDATA[${name}]]></wp:cat_name></wp:category>`;

const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url>
${category(2, "regions", "Regions")}
${category(3, "asia", "Asia", "regions")}
${category(4, "korea", "Korea", "asia")}
${category(5, "markets", "Markets")}
${category(6, "asia-markets", "Asia", "markets")}
<item><title>Seoul notes</title><link>${SITE}/?p=10</link><guid isPermaLink="false">${SITE}/?p=10</guid>
<dc:creator>nobody</dc:creator><content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>10</wp:post_id><wp:post_date_gmt>2023-12-01 09:00:00</wp:post_date_gmt>
<wp:post_name>seoul-notes</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="korea"><![CDATA[Korea]]></category>
<category domain="category" nicename="asia-markets"><![CDATA[Asia]]></category></item>
</channel></rss>`;

describe("nested WordPress categories", () => {
  it("become flat topics, with the parent recorded and every old address redirected", async () => {
    const result = await importWordPress(testDatabase.db, [Buffer.from(EXPORT)]);
    expect(result.counts).toMatchObject({ created: 1, failed: 0, topics: 5 });
    const topics = await testDatabase.db.category.findMany({
      orderBy: { id: "asc" },
      select: { name: true, slug: true },
    });
    expect(topics).toEqual([
      { name: "Regions", slug: "regions" },
      { name: "Asia", slug: "asia" },
      { name: "Korea", slug: "korea" },
      { name: "Markets", slug: "markets" },
      { name: "Asia (Markets)", slug: "asia-markets" },
    ]);
    const publication = await testDatabase.db.publication.findFirstOrThrow({
      select: { categories: { select: { category: { select: { slug: true } } } } },
    });
    expect(publication.categories.map((link) => link.category.slug).sort()).toEqual(["asia-markets", "korea"]);

    const korea = await testDatabase.db.wordPressItem.findUniqueOrThrow({
      where: { kind_wordPressId: { kind: "category", wordPressId: "4" } },
    });
    expect(korea.details).toMatchObject({ parentSlug: "asia", parentName: "Asia", path: "regions/asia/korea" });
    expect(result.report.some((entry) => /"Korea" is inside "Asia"/.test(entry.message))).toBe(true);

    const redirects = Object.fromEntries(
      (await testDatabase.db.redirect.findMany({ where: { fromPath: { startsWith: "/category/" } } })).map((row) => [
        row.fromPath,
        row.toPath,
      ]),
    );
    expect(redirects).toMatchObject({
      "/category/regions/asia/korea": "/categories/korea",
      "/category/korea": "/categories/korea",
      "/category/regions/asia/korea/feed": "/categories/korea/feed.xml",
      "/category/markets/asia-markets": "/categories/asia-markets",
      "/category/regions": "/categories/regions",
    });
  });
});
