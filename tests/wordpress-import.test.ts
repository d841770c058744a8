/**
 * The WordPress import on the 208-item sample a real WordPress 6.1 exported: what comes
 * across, in which state, that nothing hidden becomes public, that hostile markup does not
 * survive, that a second run changes nothing, and that edits made in Quire are kept and
 * reported as conflicts when a newer export changes the same item.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { isPublic } from "@/lib/data/visibility";
import { importWordPress, type ImportResult } from "@/lib/wordpress/import";
import { isolatedTestDatabase } from "./support/database";

const SAMPLE = process.env.WORDPRESS_SAMPLE ?? "/work/shared/fixtures/wordpress/sample-export.xml";
const testDatabase = isolatedTestDatabase();
const NOW = new Date("2026-12-01T12:00:00Z");

let first: ImportResult;

function sample(): Readable {
  return fs.createReadStream(SAMPLE);
}

/** The sample with one post changed, as a newer export would have it. */
function changedSample(): Readable {
  const text = fs
    .readFileSync(SAMPLE, "utf8")
    .replace("<p>Draft body.</p>", "<p>Draft body, revised in WordPress.</p>")
    .replace("<p>Future body.</p>", "<p>Future body, revised in WordPress.</p>");
  return Readable.from([Buffer.from(text)]);
}

async function publicationOfPost(postId: number) {
  const item = await testDatabase.db.wordPressItem.findUnique({
    where: { kind_wordPressId: { kind: "post", wordPressId: String(postId) } },
  });
  expect(item?.targetId).toBeTruthy();
  return testDatabase.db.publication.findUniqueOrThrow({
    where: { id: item!.targetId! },
    include: { authors: { include: { author: true } }, categories: { include: { category: true } } },
  });
}

beforeAll(async () => {
  first = await importWordPress(testDatabase.db, sample(), { now: NOW });
}, 120_000);

describe("importing the WordPress sample", () => {
  it("counts every item: posts, pages, the attachment", async () => {
    expect(first.counts).toMatchObject({ items: 208, failed: 0, conflicts: 0, authors: 21, topics: 7 });
    // 204 posts and 3 pages created; the attachment is recorded without its file (not in the export).
    expect(first.counts.created).toBe(204 + 3);
    expect(await testDatabase.db.publication.count()).toBe(204);
    expect(await testDatabase.db.page.count()).toBe(3);
    expect(await testDatabase.db.author.count()).toBe(21);
    expect(first.report.some((entry) => /launch\.jpg.*--uploads/.test(entry.message))).toBe(true);
  });

  it("maps statuses so that nothing hidden in WordPress becomes public", async () => {
    const draft = await publicationOfPost(6267);
    const privateNote = await publicationOfPost(6268);
    const scheduled = await publicationOfPost(6269);
    expect(draft.status).toBe("DRAFT");
    expect(privateNote.status).toBe("DRAFT");
    expect(scheduled.status).toBe("SCHEDULED");
    expect(scheduled.publishedAt?.toISOString()).toBe("2027-06-01T09:00:00.000Z");
    for (const hidden of [draft, privateNote, scheduled]) expect(isPublic(hidden, NOW)).toBe(false);
    expect(first.scheduled).toEqual([{ publicationId: scheduled.id, at: scheduled.publishedAt }]);
    const draftPage = await testDatabase.db.page.findFirstOrThrow({ where: { title: "Privacy Policy" } });
    expect(draftPage.status).toBe("DRAFT");
    const publishedPage = await testDatabase.db.page.findFirstOrThrow({ where: { path: "about-the-institute" } });
    expect(publishedPage.status).toBe("PUBLISHED");
  });

  it("takes dates from post_date_gmt, authors, topics, keywords and the excerpt", async () => {
    const rich = await publicationOfPost(6266);
    expect(rich.publishedAt?.toISOString()).toBe("2023-12-01T09:00:00.000Z");
    expect(rich.status).toBe("PUBLISHED");
    expect(rich.slug).toBe("more-evidence-stronger-relationship");
    expect(rich.summary).toBe("Officials from both sides met in November.");
    expect(rich.authors.map((link) => link.author.name)).toEqual(["Fellow Number 1"]);
    expect(rich.categories.map((link) => link.category.name)).toEqual(["Uncategorized"]);
    expect(rich.keywords.sort()).toEqual(["Russia", "Satellite Launch"]);
  });

  it("finds a publication by its WordPress tags through site search", async () => {
    const rich = await publicationOfPost(6266);
    const [row] = await testDatabase.db.$queryRaw<{ matches: boolean }[]>`
      SELECT body @@ to_tsquery('quire_english', 'satellite & launch') AS matches
        FROM "SearchDocument" WHERE "publicationId" = ${rich.id}`;
    expect(row?.matches).toBe(true);
  });

  it("turns Gutenberg blocks, the caption shortcode, the embed, the table and footnotes into the editor's document", async () => {
    const rich = await publicationOfPost(6266);
    const types = (rich.bodyJson as { content: { type: string }[] }).content.map((node) => node.type);
    expect(types).toEqual(expect.arrayContaining(["paragraph", "blockquote", "table", "youtube"]));
    const json = JSON.stringify(rich.bodyJson);
    expect(json).toContain('"type":"footnote"');
    expect(json).toContain("KCNA report, November 2023.");
    expect(json).toContain("평양");
    expect(rich.bodyHtml).toContain("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(rich.bodyHtml).toContain("<table>");
    // The caption's image has no file in the export: listed in the report, not silently dropped.
    expect(first.report.some((entry) => entry.postId === 6266 && /launch\.jpg/.test(entry.message))).toBe(true);
  });

  it("strips hostile markup through the editor's sanitizer", async () => {
    const all = await testDatabase.db.publication.findMany({ select: { bodyHtml: true } });
    for (const { bodyHtml } of all) {
      expect(bodyHtml).not.toMatch(/<script|onclick|onerror|javascript:/i);
    }
    const pages = await testDatabase.db.page.findMany({ select: { bodyHtml: true } });
    for (const { bodyHtml } of pages) expect(bodyHtml).not.toMatch(/<script|onclick|javascript:/i);
  });

  it("gives Korean titles readable romanised slugs", async () => {
    const { convertWordPressBody } = await import("@/lib/wordpress/content");
    const { slugFor } = await import("@/lib/wordpress/mapping");
    expect(slugFor({ postName: "%ed%8f%89%ec%96%91-%ec%86%8c%ec%8b%9d", title: "평양 소식", postId: 9 })).toBe(
      "pyeongyang-sosik",
    );
    expect(slugFor({ postName: "", title: "북한 경제", postId: 9 })).toBe("bukhan-gyeongje");
    const converted = convertWordPressBody(
      '[caption id="a" width="300"]<img src="https://x.example/a.jpg" alt="A"> Seen[/caption]',
      {
        resolveImage: (src) => ({ src: "/media/abc.jpg", mediaId: 7, alt: src }),
      },
    );
    expect(converted.doc.content[0]).toMatchObject({
      type: "image",
      attrs: { src: "/media/abc.jpg", caption: "Seen", mediaId: 7 },
    });
  });

  it("records the old addresses: ?p=, ?page_id=, topics, authors and feeds", async () => {
    const rich = await publicationOfPost(6266);
    const redirect = (fromPath: string) =>
      testDatabase.db.redirect.findUnique({ where: { fromPath }, select: { toPath: true } }).then((row) => row?.toPath);
    expect(await redirect("/?p=6266")).toBe(`/publications/${rich.slug}`);
    expect(await redirect("/?page_id=6270")).toBe("/about-the-institute");
    expect(await redirect("/category/uncategorized")).toBe("/categories/uncategorized");
    expect(await redirect("/category/uncategorized/feed")).toBe("/categories/uncategorized/feed.xml");
    expect(await redirect("/author/author1")).toMatch(/^\/authors\/fellow-number-1/);
    expect(await redirect("/tag/russia")).toBe("/search?q=Russia");
    expect(await redirect("/feed")).toBe("/feed.xml");
  });

  it("changes nothing when the same export is imported again", async () => {
    const before = await testDatabase.db.publication.findMany({
      select: { id: true, version: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    const again = await importWordPress(testDatabase.db, sample(), { now: NOW });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0, conflicts: 0, authors: 0, topics: 0 });
    expect(again.counts.unchanged).toBe(204 + 3);
    const after = await testDatabase.db.publication.findMany({
      select: { id: true, version: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before);
    expect(await testDatabase.db.page.count()).toBe(3);
  });

  it("a dry run reports what would happen and writes nothing", async () => {
    const count = await testDatabase.db.publication.count();
    const dry = await importWordPress(testDatabase.db, changedSample(), { now: NOW, dryRun: true });
    expect(dry.counts.updated).toBe(2);
    expect(await testDatabase.db.publication.count()).toBe(count);
    expect(JSON.stringify((await publicationOfPost(6267)).bodyJson)).not.toContain("revised");
  });

  it("a newer export updates what changed, except what staff edited in Quire since (a conflict)", async () => {
    const edited = await publicationOfPost(6269);
    await testDatabase.db.publication.update({
      where: { id: edited.id },
      data: { title: "Edited in Quire", version: { increment: 1 } },
    });
    const newer = await importWordPress(testDatabase.db, changedSample(), { now: NOW });
    expect(newer.counts).toMatchObject({ updated: 1, conflicts: 1, created: 0, failed: 0 });
    expect(newer.report.find((entry) => entry.kind === "conflict")).toMatchObject({ postId: 6269 });
    expect(JSON.stringify((await publicationOfPost(6267)).bodyJson)).toContain("revised in WordPress");
    expect((await publicationOfPost(6269)).title).toBe("Edited in Quire");
    expect((await publicationOfPost(6267)).status).toBe("DRAFT");
  });
});
