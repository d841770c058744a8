/**
 * Images in post bodies whose file has no attachment item in the export (pasted HTML, a
 * srcset, a Gutenberg image block, a resized copy) still come into the media library, from
 * --uploads or fetched from the old site (a real HTTP server on this machine), once per
 * file however many posts name it, and only from the export's own site; the bodies point
 * at the library's address and the old file address redirects to it.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { createStaff, stubAppEnvironment } from "./support/request-scope";

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-body-data-"));
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-body-uploads-"));

type BodyNode = { type: string; attrs?: Record<string, unknown>; content?: BodyNode[] };

function imagesOf(bodyJson: unknown): Record<string, unknown>[] {
  return ((bodyJson as BodyNode).content ?? []).filter((node) => node.type === "image").map((node) => node.attrs!);
}

const post = (site: string, id: number, slug: string, body: string) => `
<item><title>${slug}</title><link>${site}/?p=${id}</link><guid isPermaLink="false">${site}/?p=${id}</guid>
<dc:creator>nobody</dc:creator><content:encoded><![CDATA[${body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-01-15 09:00:00</wp:post_date_gmt>
<wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`;

const exportOf = (site: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site}</wp:base_site_url>${items}
</channel></rss>`;

async function photo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 400, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

let admin: { id: number; email: string; name: string; role: "ADMIN" };

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  fs.mkdirSync(path.join(uploads, "2020/01"), { recursive: true });
  fs.writeFileSync(path.join(uploads, "2020/01/chart.jpg"), await photo("#336699"));
  fs.writeFileSync(path.join(uploads, "2020/01/map.jpg"), await photo("#993366"));
  // Named by another site's address only: never taken for this site's file.
  fs.writeFileSync(path.join(uploads, "2020/01/logo.jpg"), await photo("#999999"));
  const staff = await createStaff(testDatabase.db, "ADMIN", "wp-body-admin");
  admin = { id: staff.id, email: staff.email, name: "Admin", role: "ADMIN" };
});

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("body images without attachment items, from --uploads", () => {
  const SITE = "https://old.example.org";
  const items = (extra = "") =>
    // A resized copy in an <img> (its original is in the folder)…
    post(
      SITE,
      100,
      "first",
      `<p>Chart.</p><p><img src="${SITE}/wp-content/uploads/2020/01/chart-300x200.jpg" alt="The chart" width="300"></p>${extra}`,
    ) +
    // …the same file in a Gutenberg image block, with a relative address…
    post(
      SITE,
      101,
      "second",
      `<!-- wp:image {"id":99,"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="/wp-content/uploads/2020/01/chart.jpg" alt="" class="wp-image-99"/><figcaption>Again</figcaption></figure><!-- /wp:image -->`,
    ) +
    // …a lazy-loaded image known only by its srcset, a file missing from the folder, and another site's uploads.
    post(
      SITE,
      102,
      "third",
      `<p><img data-src="x" srcset="${SITE}/wp-content/uploads/2020/01/map-300x188.jpg 300w, ${SITE}/wp-content/uploads/2020/01/map.jpg 640w" alt="The map"></p>` +
        `<p><img src="${SITE}/wp-content/uploads/2020/01/lost.jpg" alt="Lost"></p>` +
        `<p><img src="https://elsewhere.example.net/wp-content/uploads/2020/01/logo.jpg" alt="Not ours"></p>`,
    ) +
    post(SITE, 103, "fourth", `<p><img src="${SITE}/wp-content/uploads/2020/01/lost.jpg" alt="Lost again"></p>`);

  it("imports each file once, rewrites every body to the library, and redirects the old file address", async () => {
    const { importWordPress } = await import("@/lib/wordpress/import");
    const { uploadsMediaImporter } = await import("@/lib/wordpress/media");
    const result = await importWordPress(testDatabase.db, fs.createReadStream(writeExport(exportOf(SITE, items()))), {
      importMedia: uploadsMediaImporter(uploads, admin),
      // A post per batch: the files of each body are added ahead while the post before is
      // written (prefetchBodyImages), with the same outcome as one after the other.
      batchSize: 1,
    });
    expect(result.counts).toMatchObject({ created: 4, failed: 0, media: 2 });

    const media = await testDatabase.db.media.findMany({ orderBy: { id: "asc" } });
    expect(media.map((item) => item.filename)).toEqual(["chart.jpg", "map.jpg"]);
    const [chart, map] = media;
    expect(chart!.alt).toBe("The chart");

    const bySlug = async (slug: string) => testDatabase.db.publication.findUniqueOrThrow({ where: { slug } });
    const chartUrl = `/media/${chart!.storageKey}`;
    expect(imagesOf((await bySlug("first")).bodyJson)).toEqual([
      expect.objectContaining({ src: chartUrl, mediaId: chart!.id, alt: "The chart" }),
    ]);
    expect(imagesOf((await bySlug("second")).bodyJson)).toEqual([
      expect.objectContaining({ src: chartUrl, mediaId: chart!.id, caption: "Again" }),
    ]);
    const third = await bySlug("third");
    expect(imagesOf(third.bodyJson)).toEqual([
      expect.objectContaining({ src: `/media/${map!.storageKey}`, mediaId: map!.id, alt: "The map" }),
    ]);
    expect(third.bodyHtml).not.toContain("old.example.org");
    expect(third.bodyHtml).not.toContain("elsewhere.example.net");

    // The missing file is tried once and reported once; the other site's image is left out.
    const lost = result.report.filter((entry) => entry.kind === "failure" && /lost\.jpg/.test(entry.message));
    expect(lost).toHaveLength(1);
    expect(lost[0]!.message).toMatch(/not in the uploads folder/);
    expect(result.report.some((entry) => entry.postId === 102 && /elsewhere\.example\.net/.test(entry.message))).toBe(
      true,
    );

    for (const file of ["2020/01/chart.jpg", "2020/01/chart-300x200.jpg", "2020/01/map.jpg"]) {
      const moved = await testDatabase.db.redirect.findUnique({ where: { fromPath: `/wp-content/uploads/${file}` } });
      expect(moved?.toPath, file).toMatch(/^\/media\//);
    }
  });

  it("a later run that converts a body again finds the file imported before, without reading it again", async () => {
    const { importWordPress } = await import("@/lib/wordpress/import");
    const { uploadsMediaImporter } = await import("@/lib/wordpress/media");
    fs.rmSync(path.join(uploads, "2020/01/chart.jpg"));
    const result = await importWordPress(
      testDatabase.db,
      fs.createReadStream(writeExport(exportOf(SITE, items("<p>A new paragraph.</p>")))),
      { importMedia: uploadsMediaImporter(uploads, admin) },
    );
    expect(result.counts).toMatchObject({ updated: 1, unchanged: 3, media: 0, failed: 0 });
    expect(await testDatabase.db.media.count()).toBe(2);
    const first = await testDatabase.db.publication.findUniqueOrThrow({ where: { slug: "first" } });
    const chart = await testDatabase.db.media.findFirstOrThrow({ where: { filename: "chart.jpg" } });
    expect(imagesOf(first.bodyJson)).toEqual([expect.objectContaining({ mediaId: chart.id })]);
  });
});

describe("body images without attachment items, fetched from the old site", () => {
  let server: http.Server;
  let otherServer: http.Server;
  let site: string;
  let otherSite: string;
  const requests: string[] = [];
  const otherRequests: string[] = [];

  beforeAll(async () => {
    const graph = await photo("#669933");
    const listen = async (handler: http.RequestListener) => {
      const listening = http.createServer(handler);
      await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
      return { listening, origin: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
    };
    const old = await listen((request, response) => {
      requests.push(request.url ?? "");
      if (request.url === "/wp-content/uploads/2021/05/graph.jpg") {
        response.writeHead(200, { "content-type": "image/jpeg", "content-length": graph.length }).end(graph);
      } else response.writeHead(404).end();
    });
    const other = await listen((request, response) => {
      otherRequests.push(request.url ?? "");
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": graph.length }).end(graph);
    });
    server = old.listening;
    site = old.origin;
    otherServer = other.listening;
    otherSite = other.origin;
  });

  afterAll(async () => {
    for (const listening of [server, otherServer]) {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    }
  });

  it("fetches a file many posts name once, and nothing from another site", async () => {
    const { importWordPress } = await import("@/lib/wordpress/import");
    const { fetchedMediaImporter } = await import("@/lib/wordpress/media");
    const before = await testDatabase.db.media.count();
    const graph = `${site}/wp-content/uploads/2021/05/graph.jpg`;
    const items = [200, 201, 202]
      .map((id) => post(site, id, `fetched-${id}`, `<p>Graph.</p><p><img src="${graph}" alt="The graph"></p>`))
      .join("");
    const foreign = post(
      site,
      203,
      "foreign",
      `<p><img src="${otherSite}/wp-content/uploads/2021/05/other.jpg" alt="Someone else's"></p>`,
    );
    const source = writeExport(exportOf(site, items + foreign));
    const result = await importWordPress(testDatabase.db, () => fs.createReadStream(source), {
      importMedia: fetchedMediaImporter(admin, { allowLoopback: true }),
    });
    expect(result.counts).toMatchObject({ created: 4, failed: 0, media: 1 });
    expect(requests.filter((url) => url === "/wp-content/uploads/2021/05/graph.jpg")).toHaveLength(1);
    expect(otherRequests).toEqual([]);

    expect(await testDatabase.db.media.count()).toBe(before + 1);
    const media = await testDatabase.db.media.findFirstOrThrow({ where: { filename: "graph.jpg" } });
    for (const id of [200, 201, 202]) {
      const publication = await testDatabase.db.publication.findUniqueOrThrow({ where: { slug: `fetched-${id}` } });
      expect(imagesOf(publication.bodyJson)).toEqual([
        expect.objectContaining({ src: `/media/${media.storageKey}`, mediaId: media.id }),
      ]);
    }
    const foreignPost = await testDatabase.db.publication.findUniqueOrThrow({ where: { slug: "foreign" } });
    expect(imagesOf(foreignPost.bodyJson)).toEqual([]);
  });
});

let exportCount = 0;
/** Writes an export to a file of its own (the import reads a stream, as the command does). */
function writeExport(xml: string): string {
  const file = path.join(dataDir, `export-${++exportCount}.xml`);
  fs.writeFileSync(file, xml);
  return file;
}
