/**
 * Media of a WordPress site come across from a copy of wp-content/uploads: the featured
 * image (_thumbnail_id, after its post in the file) and a body image in a [caption] (a
 * resized copy's name) become one media-library item with its alt text, caption and credit,
 * and the old file address redirects to the library's. Nothing outside the folder is read.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { createStaff, stubAppEnvironment } from "./support/request-scope";

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-media-"));
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-uploads-"));

const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>
<item><title>With a photo</title><link>https://old.example.org/?p=10</link><guid isPermaLink="false">https://old.example.org/?p=10</guid>
<dc:creator>nobody</dc:creator>
<content:encoded><![CDATA[<p>Text.</p>
[caption id="attachment_11" width="300"]<img src="https://old.example.org/wp-content/uploads/2023/12/launch-300x200.jpg" alt="" width="300" height="200" /> The launch[/caption]
<p><img src="https://tracker.example.net/pixel.gif" alt="x"></p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>10</wp:post_id><wp:post_date_gmt>2023-12-01 09:00:00</wp:post_date_gmt>
<wp:post_name>with-a-photo</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>11</wp:meta_value></wp:postmeta></item>
<item><title>launch</title><link>https://old.example.org/?attachment_id=11</link><guid isPermaLink="false">https://old.example.org/wp-content/uploads/2023/12/launch.jpg</guid>
<dc:creator>nobody</dc:creator><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[Photo from Wikimedia Commons]]></excerpt:encoded>
<wp:post_id>11</wp:post_id><wp:post_date_gmt>2023-12-01 09:00:00</wp:post_date_gmt><wp:post_name>launch</wp:post_name><wp:status>inherit</wp:status>
<wp:post_parent>10</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example.org/wp-content/uploads/2023/12/launch.jpg</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2023/12/launch.jpg</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A rocket lifting off</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_media_credit</wp:meta_key><wp:meta_value>NASA</wp:meta_value></wp:postmeta></item>
<item><title>escape</title><link>https://old.example.org/?attachment_id=12</link><guid isPermaLink="false">x</guid><dc:creator>nobody</dc:creator>
<content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>12</wp:post_id>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>../../etc/hostname</wp:meta_value></wp:postmeta></item>
</channel></rss>`;

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  fs.mkdirSync(path.join(uploads, "2023/12"), { recursive: true });
  await sharp({ create: { width: 640, height: 400, channels: 3, background: "#336699" } })
    .jpeg()
    .toFile(path.join(uploads, "2023/12/launch.jpg"));
});

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("WordPress media from --uploads", () => {
  it("brings the featured image and the body image into the media library, once", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "wp-media-admin");
    const { importWordPress } = await import("@/lib/wordpress/import");
    const { uploadsMediaImporter } = await import("@/lib/wordpress/media");
    const user = { id: admin.id, email: admin.email, name: "Admin", role: "ADMIN" as const };
    // Read twice: attachments first, so every image finds its media whatever the order of the file.
    const result = await importWordPress(testDatabase.db, () => [Buffer.from(EXPORT)], {
      importMedia: uploadsMediaImporter(uploads, user),
    });
    expect(result.counts).toMatchObject({ created: 1, media: 1 });
    expect(result.report.some((entry) => entry.postId === 12 && /outside the uploads folder/.test(entry.message))).toBe(
      true,
    );

    const media = await testDatabase.db.media.findMany();
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({
      alt: "A rocket lifting off",
      caption: "Photo from Wikimedia Commons",
      credit: "NASA",
    });
    const publication = await testDatabase.db.publication.findFirstOrThrow({ where: { slug: "with-a-photo" } });
    // The attachment came after its post: the featured image is set once it is known.
    expect(publication.featuredImageId).toBe(media[0]!.id);
    expect(publication.featuredImageCredit).toBe("NASA");
    // The caption's image (a resized copy's address) is the library's item, with its caption.
    const image = (
      publication.bodyJson as { content: { type: string; attrs?: Record<string, unknown> }[] }
    ).content.find((node) => node.type === "image");
    expect(image?.attrs).toMatchObject({ mediaId: media[0]!.id, caption: "The launch", alt: "A rocket lifting off" });
    // An image from another host is not brought across: left out, and reported.
    expect(publication.bodyHtml).not.toContain("tracker.example.net");
    expect(result.report.some((entry) => /tracker\.example\.net/.test(entry.message))).toBe(true);
    const moved = await testDatabase.db.redirect.findUnique({
      where: { fromPath: "/wp-content/uploads/2023/12/launch.jpg" },
    });
    expect(moved?.toPath).toMatch(/^\/media\//);
  });
});
