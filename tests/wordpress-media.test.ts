/**
 * Media of a WordPress site come across from a copy of wp-content/uploads: the featured
 * image (_thumbnail_id, after its post in the file) and a body image in a [caption] (a
 * resized copy's name) become one media-library item with its alt text, caption and credit,
 * and the old file address redirects to the library's. Nothing outside the folder is read.
 * The import stores the original only: the image's renditions come from the job
 * media.make-renditions afterwards, and the publication's page shows the original meanwhile.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { actAs, createStaff, stubAppEnvironment } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

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
  // Wide enough for two renditions (480 and 960 pixels).
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#336699" } })
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

  it("makes the image's renditions in the job afterwards, the page showing the original meanwhile", async () => {
    const { loadPublicationPage } = await import("@/lib/data/publication-page");
    const { PublicationArticle } = await import("@/components/public/publication-article");
    const { makeRenditionsJob } = await import("@/lib/media/jobs");
    const { JOBS } = await import("@/lib/workers");
    const route = await import("@/app/media/[...key]/route");
    const serve = async (url: string) => {
      const key = url.replace(/^\/media\//, "").split("/");
      return route.GET(new Request(`https://think.example.org${url}`), { params: Promise.resolve({ key }) });
    };
    /** The page's featured image, and what each address it names answers. */
    const featuredImage = async () => {
      const page = await loadPublicationPage(testDatabase.db, "with-a-photo");
      if (!page.found) throw new Error("the publication's page is not found");
      const html = renderToStaticMarkup(
        createElement(PublicationArticle, { publication: page.data.publication, related: [] }),
      );
      const tag = html.match(/<figure[^>]*><img [^>]*>/)?.[0] ?? "";
      const src = tag.match(/ src="([^"]+)"/)?.[1] ?? "";
      const srcset = (tag.match(/ srcSet="([^"]+)"/i)?.[1] ?? "").replaceAll("&amp;", "&");
      const addresses = [
        src,
        ...srcset
          .split(", ")
          .filter(Boolean)
          .map((entry) => entry.split(" ")[0]!),
      ];
      const answers = await Promise.all(
        addresses.map(async (address) => {
          const response = await serve(address);
          const bytes = Buffer.from(await response.arrayBuffer());
          return { address, status: response.status, type: response.headers.get("content-type"), bytes: bytes.length };
        }),
      );
      return { src, srcset, answers };
    };

    const [media] = await testDatabase.db.media.findMany();
    expect(media).toMatchObject({ width: 1200, height: 800, variants: [], renditionsPending: true });

    // Before the job: the original alone, served, no srcset naming files that do not exist yet.
    const before = await featuredImage();
    expect(before.src).toBe(`/media/${media!.storageKey}`);
    expect(before.srcset).toBe("");
    expect(before.answers).toEqual([{ address: before.src, status: 200, type: "image/jpeg", bytes: media!.sizeBytes }]);

    // The job the server runs (lib/workers.ts) makes them and drops the pages showing the image.
    expect(JOBS).toContain(makeRenditionsJob);
    const revalidated = await actAs(null);
    const followUps: string[] = [];
    await makeRenditionsJob.run(
      {},
      {
        enqueue: async (job) => {
          followUps.push(job.name);
          return null;
        },
        signal: new AbortController().signal,
      },
    );
    expect(followUps).toEqual([]);
    expect(revalidated).toContain("tag:publication:with-a-photo");
    const made = await testDatabase.db.media.findUniqueOrThrow({ where: { id: media!.id } });
    expect(made.renditionsPending).toBe(false);
    expect((made.variants as { width: number }[]).map((variant) => variant.width)).toEqual([480, 960]);

    const after = await featuredImage();
    expect(after.src).toBe(before.src);
    // src, then the srcset: the two renditions and the original.
    expect(after.answers.map((answer) => answer.address)).toEqual([
      before.src,
      ...(made.variants as { storageKey: string }[]).map((variant) => `/media/${variant.storageKey}`),
      before.src,
    ]);
    for (const answer of after.answers.slice(1, -1)) {
      expect(answer, answer.address).toMatchObject({ status: 200, type: "image/webp" });
      expect(answer.bytes, answer.address).toBeGreaterThan(0);
    }
    // A second run finds nothing left to do.
    await makeRenditionsJob.run({}, { enqueue: async () => null, signal: new AbortController().signal });
    expect(await testDatabase.db.media.count({ where: { renditionsPending: true } })).toBe(0);
  });
});
