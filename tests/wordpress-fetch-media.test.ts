/**
 * Media fetched from the old site when no uploads folder is given (lib/http/safe-fetch.ts,
 * fetchedMediaImporter in lib/wordpress/media.ts), against a real HTTP server on this
 * machine: loopback is refused unless the test override allows it, private and link-local
 * addresses are refused also behind a redirect or a host name, and sizes, time and file
 * types are checked.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { refusedAddress, safeFetchToFile } from "@/lib/http/safe-fetch";
import { detectFileType } from "@/lib/media/detect";
import { createTestDatabase, isolatedTestDatabase } from "./support/database";
import { createStaff, stubAppEnvironment } from "./support/request-scope";

/** The old WordPress site: a server on a free loopback port (set once it listens). */
let OLD_SITE: string;
const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-fetch-data-"));
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-wp-fetch-"));
let photo: Buffer;
let server: http.Server;

const exportOf = (site: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site}</wp:base_site_url>
<item><title>With a photo</title><link>${site}/?p=10</link><guid isPermaLink="false">${site}/?p=10</guid>
<dc:creator>nobody</dc:creator><content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>10</wp:post_id><wp:post_date_gmt>2023-12-01 09:00:00</wp:post_date_gmt>
<wp:post_name>with-a-photo</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>11</wp:meta_value></wp:postmeta></item>
<item><title>launch</title><link>${site}/?attachment_id=11</link><guid isPermaLink="false">${site}/wp-content/uploads/2023/12/launch.jpg</guid>
<dc:creator>nobody</dc:creator><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[Photo from the archive]]></excerpt:encoded>
<wp:post_id>11</wp:post_id><wp:status>inherit</wp:status><wp:post_parent>10</wp:post_parent><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>${site}/wp-content/uploads/2023/12/launch.jpg</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2023/12/launch.jpg</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A rocket lifting off</wp:meta_value></wp:postmeta></item>
<item><title>elsewhere</title><link>${site}/?attachment_id=12</link><guid isPermaLink="false">x</guid><dc:creator>nobody</dc:creator>
<content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>12</wp:post_id>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>http://169.254.169.254/latest/meta-data/photo.jpg</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2023/12/elsewhere.jpg</wp:meta_value></wp:postmeta></item>
</channel></rss>`;

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#336699" } })
    .jpeg()
    .toBuffer();
  server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    if (url === "/wp-content/uploads/2023/12/launch.jpg") {
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.length });
      response.end(photo);
    } else if (url === "/moved-to-metadata.jpg") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    } else if (url === "/moved-to-private-name.jpg") {
      response.writeHead(301, { location: "http://intranet.example.org/secret.jpg" }).end();
    } else if (url === "/moved-home.jpg") {
      response.writeHead(302, { location: "/wp-content/uploads/2023/12/launch.jpg" }).end();
    } else if (url === "/page.jpg") {
      response.writeHead(200, { "content-type": "image/jpeg" }).end("<!doctype html><title>Not found</title>");
    } else if (url === "/silent.jpg") {
      // Never answers: the fetch's own time limit ends it.
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  OLD_SITE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
});

const limits = {
  maxBytes: 1024 * 1024,
  timeoutMs: 5_000,
  checkHead: (head: Uint8Array) => (detectFileType(head) ? null : "not an image or PDF"),
};
const target = (name: string) => path.join(workDir, name);

describe("which addresses may be fetched", () => {
  it("refuses loopback, private, link-local, reserved and their IPv6 forms; allows public ones", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.0.0.1",
      "::7f00:1",
      "::a9fe:a9fe",
      "2002:7f00:1::1",
      "64:ff9b:1::a00:1",
    ])
      expect(refusedAddress(address), address).not.toBeNull();
    for (const address of ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])
      expect(refusedAddress(address)).toBeNull();
  });

  it("the loopback override allows loopback only, and is off by default", async () => {
    expect(refusedAddress("127.0.0.1", { allowLoopback: true })).toBeNull();
    expect(refusedAddress("::1", { allowLoopback: true })).toBeNull();
    expect(refusedAddress("10.0.0.1", { allowLoopback: true })).not.toBeNull();
    expect(refusedAddress("169.254.169.254", { allowLoopback: true })).not.toBeNull();
    const { env } = await import("@/lib/env");
    expect(env.IMPORT_FETCH_ALLOW_LOOPBACK).toBe("off");
  });
});

describe("fetching from the old site", () => {
  it("refuses the local server without the override", async () => {
    const result = await safeFetchToFile(`${OLD_SITE}/wp-content/uploads/2023/12/launch.jpg`, target("a"), limits);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/loopback/) });
    expect(fs.existsSync(target("a"))).toBe(false);
  });

  it("fetches an image with the override, and follows a redirect on the same site", async () => {
    for (const file of ["wp-content/uploads/2023/12/launch.jpg", "moved-home.jpg"]) {
      const result = await safeFetchToFile(`${OLD_SITE}/${file}`, target("b"), { ...limits, allowLoopback: true });
      expect(result).toMatchObject({ ok: true, size: photo.length });
      expect(fs.readFileSync(target("b")).equals(photo)).toBe(true);
    }
  });

  it("refuses a redirect to a link-local address or to a name that resolves to a private one", async () => {
    const options = {
      ...limits,
      allowLoopback: true,
      resolve: async () => [{ address: "10.0.0.7", family: 4 }],
    };
    expect(await safeFetchToFile(`${OLD_SITE}/moved-to-metadata.jpg`, target("c"), options)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/169\.254\.169\.254/),
    });
    expect(await safeFetchToFile(`${OLD_SITE}/moved-to-private-name.jpg`, target("c"), options)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/intranet\.example\.org → 10\.0\.0\.7/),
    });
  });

  it("refuses other schemes, files that are not images, files over the size limit and silent servers", async () => {
    const options = { ...limits, allowLoopback: true };
    expect(await safeFetchToFile("file:///etc/passwd", target("d"), options)).toMatchObject({ ok: false });
    expect(await safeFetchToFile("ftp://127.0.0.1/x.jpg", target("d"), options)).toMatchObject({ ok: false });
    expect(await safeFetchToFile(`${OLD_SITE}/page.jpg`, target("d"), options)).toMatchObject({
      ok: false,
      message: "not an image or PDF",
    });
    expect(
      await safeFetchToFile(`${OLD_SITE}/wp-content/uploads/2023/12/launch.jpg`, target("d"), {
        ...options,
        maxBytes: 100,
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 100 bytes/) });
    expect(await safeFetchToFile(`${OLD_SITE}/silent.jpg`, target("d"), { ...options, timeoutMs: 300 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no answer within 300 ms/),
    });
    expect(fs.existsSync(target("d"))).toBe(false);
  });
});

describe("an import that fetches its media", () => {
  it("brings the featured image into the library from the old site, and only from the old site", async () => {
    const admin = await createStaff(testDatabase.db, "ADMIN", "wp-fetch-admin");
    const { importWordPress } = await import("@/lib/wordpress/import");
    const { fetchedMediaImporter } = await import("@/lib/wordpress/media");
    const user = { id: admin.id, email: admin.email, name: "Admin", role: "ADMIN" as const };

    // Without the override, the old site on 127.0.0.1 is refused, and reported (in a database of its own).
    const other = await createTestDatabase();
    try {
      const refused = await importWordPress(other.db, () => [Buffer.from(exportOf(OLD_SITE))], {
        importMedia: fetchedMediaImporter(user),
      });
      expect(refused.counts.media).toBe(0);
      expect(refused.report.some((entry) => entry.postId === 11 && /loopback/.test(entry.message))).toBe(true);
      expect(await other.db.media.count()).toBe(0);
    } finally {
      await other.drop();
    }

    const result = await importWordPress(testDatabase.db, () => [Buffer.from(exportOf(OLD_SITE))], {
      importMedia: fetchedMediaImporter(user, { allowLoopback: true }),
    });
    expect(result.counts.media).toBe(1);
    // An attachment address off the exported site is never fetched.
    expect(result.report.some((entry) => entry.postId === 12 && /not on the exported site/.test(entry.message))).toBe(
      true,
    );
    const media = await testDatabase.db.media.findMany();
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ alt: "A rocket lifting off", caption: "Photo from the archive" });
    const publication = await testDatabase.db.publication.findFirstOrThrow({ where: { slug: "with-a-photo" } });
    expect(publication.featuredImageId).toBe(media[0]!.id);
  });
});
