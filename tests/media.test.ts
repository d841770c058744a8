/**
 * The media library against a real database and real files: uploads through the route
 * handler (type by content, limits, alt text, dedupe, renditions), the list API, edits and
 * deletes through the server actions, and the /media route that serves the files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { imageSrcSet } from "@/lib/media/variants";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { actAs, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";
import { m4aHead, mp3WithId3, oggOpusHead, oggVorbisHead, wavSample } from "./support/audio-samples";

const SITE_URL = "https://think.example.org";

// Real signed session cookies and recorded cache invalidation (see tests/support/request-scope.ts).
vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-media-"));
let app: Awaited<ReturnType<typeof loadApp>>;
const staff: Record<"editor" | "author" | "otherAuthor", StaffIdentity> = {} as never;
let revalidated: string[] = [];

async function loadApp() {
  return {
    mediaApi: await import("@/app/api/admin/media/route"),
    mediaRoute: await import("@/app/media/[...key]/route"),
    update: await import("@/lib/actions/media/update-media-details"),
    remove: await import("@/lib/actions/media/delete-media"),
  };
}

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { SITE_URL, QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  app = await loadApp();
  for (const [key, role] of [
    ["editor", "EDITOR"],
    ["author", "AUTHOR"],
    ["otherAuthor", "AUTHOR"],
  ] as const) {
    staff[key] = await createStaff(testDatabase.db, role, key.toLowerCase());
  }
});

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await signInAs("author");
});

async function signInAs(who: keyof typeof staff | null) {
  revalidated = await actAs(who ? staff[who] : null);
}

const png = (width: number, height: number, colour = "#3a86c8") =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#7a4a0c" } })
    .jpeg()
    .toBuffer();
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

/** A multipart POST as a browser sends it: Content-Length and Origin included. */
async function uploadRequest(
  file: { contents: Buffer | string; name: string; type: string } | null,
  fields: Record<string, string> = {},
  origin: string | null = SITE_URL,
) {
  const form = new FormData();
  if (file)
    form.set(
      "file",
      new File([typeof file.contents === "string" ? file.contents : new Uint8Array(file.contents)], file.name, {
        type: file.type,
      }),
    );
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const encoded = new Request(`${SITE_URL}/api/admin/media`, { method: "POST", body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers: Record<string, string> = {
    "content-type": encoded.headers.get("content-type")!,
    "content-length": String(body.byteLength),
  };
  if (origin) headers.origin = origin;
  return new Request(`${SITE_URL}/api/admin/media`, { method: "POST", body, headers });
}

async function upload(
  file: { contents: Buffer | string; name: string; type: string },
  fields: Record<string, string> = {},
) {
  const response = await app.mediaApi.POST(await uploadRequest(file, fields));
  return { status: response.status, body: await response.json() };
}

/** Uploads a file and expects it refused with this status and message, and nothing stored. */
async function expectRefused(
  file: { contents: Buffer | string; name: string; type: string },
  fields: Record<string, string>,
  status: number,
  message: RegExp,
) {
  const before = await testDatabase.db.media.count();
  const response = await upload(file, fields);
  expect(response.status).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await testDatabase.db.media.count()).toBe(before);
  return response.body;
}

function serve(...key: string[]) {
  return app.mediaRoute.GET(new Request(`${SITE_URL}/media/${key.join("/")}`), { params: Promise.resolve({ key }) });
}

/** GET (or HEAD) of a stored file with request headers (Range, If-Range, If-None-Match). */
function serveWith(url: string, headers: Record<string, string>, method: "GET" | "HEAD" = "GET") {
  const key = keyOf(url).split("/");
  return app.mediaRoute[method](new Request(`${SITE_URL}${url}`, { method, headers }), {
    params: Promise.resolve({ key }),
  });
}

const keyOf = (url: string) => url.replace(/^\/media\//, "");

/** The files the upload route left behind in its temporary folder. */
const UPLOAD_TEMP_DIR = path.join(dataDir, "tmp", "uploads");
const leftovers = () => (fs.existsSync(UPLOAD_TEMP_DIR) ? fs.readdirSync(UPLOAD_TEMP_DIR) : []);

/**
 * A "decompression bomb": a valid PNG of `width` × `height` black pixels, one bit each,
 * whose all-zero rows deflate to a few kilobytes (10,000 × 10,000 is about 12 KB).
 */
function pixelBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A multipart upload whose file part is generated as it is read, 64 KB at a time, with a
 * probe at every read: how far the reader has got ahead of what is on disk in the upload
 * folder. A reader that buffers the body gets the whole file ahead before writing anything.
 */
function streamedUpload(filename: string, type: string, size: number, fields: Record<string, string> = {}) {
  const boundary = "----QuireStreamedUpload7MA4YWxkTrZu0gW";
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileStart = Buffer.from("%PDF-1.7\n% streamed test document\n");
  const chunkSize = 64 * 1024;
  const probe = { pulled: 0, maxAheadOfDisk: 0, finished: false };
  const onDisk = () =>
    leftovers().reduce(
      (sum, name) => sum + (fs.statSync(path.join(UPLOAD_TEMP_DIR, name), { throwIfNoEntry: false })?.size ?? 0),
      0,
    );
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      probe.maxAheadOfDisk = Math.max(probe.maxAheadOfDisk, probe.pulled - onDisk());
      if (sent === 0) {
        controller.enqueue(new Uint8Array(head));
        controller.enqueue(new Uint8Array(fileStart));
        sent = fileStart.length;
        return;
      }
      if (sent >= size) {
        controller.enqueue(new Uint8Array(tail));
        probe.finished = true;
        controller.close();
        return;
      }
      const length = Math.min(chunkSize, size - sent);
      controller.enqueue(new Uint8Array(length).fill(0x20));
      sent += length;
      probe.pulled = sent;
    },
  });
  const request = new Request(`${SITE_URL}/api/admin/media`, {
    method: "POST",
    body,
    duplex: "half",
    headers: {
      origin: SITE_URL,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(head.length + size + tail.length),
    },
  } as RequestInit);
  return { request, probe };
}

describe("POST /api/admin/media: who may upload", () => {
  it("refuses anonymous visitors with 401", async () => {
    await signInAs(null);
    const response = await app.mediaApi.POST(
      await uploadRequest({ contents: await png(10, 10), name: "a.png", type: "image/png" }, { alt: "A square" }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, message: "Your session has ended. Sign in again to continue." });
    expect((await app.mediaApi.GET(new Request(`${SITE_URL}/api/admin/media`))).status).toBe(401);
  });

  it("refuses a request from another origin, or with none, with 403", async () => {
    const file = { contents: await png(10, 10), name: "a.png", type: "image/png" };
    for (const origin of ["https://evil.example", null]) {
      const response = await app.mediaApi.POST(await uploadRequest(file, { alt: "A square" }, origin));
      expect(response.status).toBe(403);
      expect((await response.json()).message).toMatch(/did not come from this site/);
    }
    expect(await testDatabase.db.media.count()).toBe(0);
  });
});

describe("POST /api/admin/media: what is accepted", () => {
  it("stores an image with its dimensions, checksum, WebP renditions and an audit entry", async () => {
    const contents = await png(2000, 1000);
    const { status, body } = await upload(
      { contents, name: "Harbour at dusk.png", type: "image/png" },
      { alt: "A harbour at dusk", caption: "Busan, 2024", credit: "Photo: A. Lee" },
    );
    expect(status).toBe(201);
    const item = body.item;
    expect(item).toMatchObject({
      kind: "IMAGE",
      filename: "Harbour at dusk.png",
      mimeType: "image/png",
      sizeBytes: contents.length,
      width: 2000,
      height: 1000,
      alt: "A harbour at dusk",
      caption: "Busan, 2024",
      credit: "Photo: A. Lee",
    });
    expect(item.variants.map((variant: { width: number; height: number }) => [variant.width, variant.height])).toEqual([
      [480, 240],
      [960, 480],
      [1600, 800],
    ]);

    const row = await testDatabase.db.media.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.uploadedById).toBe(staff.author.id);
    const original = path.join(dataDir, "media", ...row.storageKey.split("/"));
    expect(fs.readFileSync(original).equals(contents)).toBe(true);
    for (const variant of item.variants) {
      const file = path.join(dataDir, "media", ...keyOf(variant.url).split("/"));
      const metadata = await sharp(file).metadata();
      expect([metadata.format, metadata.width]).toEqual(["webp", variant.width]);
    }

    // Public pages offer the renditions and the original to the browser by width.
    expect(imageSrcSet(row)).toBe(
      `${item.variants.map((variant: { url: string; width: number }) => `${variant.url} ${variant.width}w`).join(", ")}, ${item.url} 2000w`,
    );
    expect(imageSrcSet({ ...row, variants: [] })).toBeUndefined();
    expect(imageSrcSet({ ...row, variants: "not a list" })).toBeUndefined();

    const audit = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "media.upload", entityId: String(item.id) },
    });
    expect(audit.actorId).toBe(staff.author.id);

    // Served with the recorded types.
    const served = await serve(...keyOf(item.url).split("/"));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await served.arrayBuffer()).equals(contents)).toBe(true);
    const rendition = await serve(...keyOf(item.variants[0].url).split("/"));
    expect(rendition.headers.get("content-type")).toBe("image/webp");
  });

  it("reuses the item already in the library when the same bytes come again", async () => {
    const contents = await png(640, 480, "#0f5e55");
    const first = await upload({ contents, name: "one.png", type: "image/png" }, { alt: "Teal" });
    const before = await testDatabase.db.media.count();
    const again = await upload(
      { contents, name: "copy-of-one.png", type: "image/png" },
      { alt: "Another description" },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.item.id).toBe(first.body.item.id);
    expect(again.body.item.alt).toBe("Teal");
    expect(await testDatabase.db.media.count()).toBe(before);
  });

  it("never enlarges: a small JPEG gets no renditions", async () => {
    const { status, body } = await upload(
      { contents: await jpeg(300, 200), name: "small.jpg", type: "image/jpeg" },
      { alt: "A small brown rectangle" },
    );
    expect(status).toBe(201);
    expect(body.item).toMatchObject({ mimeType: "image/jpeg", width: 300, height: 200, variants: [] });
  });

  it("makes only the renditions narrower than the original", async () => {
    const { body } = await upload(
      { contents: await png(1000, 500, "#6b2d5c"), name: "mid.png", type: "image/png" },
      { alt: "Plum" },
    );
    expect(body.item.variants.map((variant: { width: number }) => variant.width)).toEqual([480, 960]);
  });

  it("keeps an animated GIF as it is, without still renditions", async () => {
    const animated = await sharp([await png(800, 600, "#2f3a4a"), await png(800, 600, "#c98a2b")], {
      join: { animated: true },
    })
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const { status, body } = await upload(
      { contents: animated, name: "loop.gif", type: "image/gif" },
      { alt: "A looping animation" },
    );
    expect(status).toBe(201);
    expect(body.item).toMatchObject({ mimeType: "image/gif", width: 800, height: 600, variants: [] });
  });

  it("serves readers the original without its photo metadata (camera, GPS position), turned as it was taken", async () => {
    const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#35607a" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "Phone 12", Copyright: "Private Person" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "37/1 33/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "126/1 58/1 0/1",
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect([before.orientation, Boolean(before.exif), photo.includes("PhoneMaker")]).toEqual([6, true, true]);

    const { status, body } = await upload(
      { contents: photo, name: "IMG_0001.jpg", type: "image/jpeg" },
      { alt: "A street" },
    );
    expect(status).toBe(201);
    // Portrait, as the camera held it: the orientation is applied to the pixels.
    expect(body.item).toMatchObject({ mimeType: "image/jpeg", width: 400, height: 600 });
    const served = Buffer.from(await (await serve(...keyOf(body.item.url).split("/"))).arrayBuffer());
    const after = await sharp(served).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 400, height: 600 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect([undefined, 1]).toContain(after.orientation);
    expect(served.includes("PhoneMaker")).toBe(false);
    expect(served.includes("Private Person")).toBe(false);
    expect(body.item.sizeBytes).toBe(served.length);
    for (const variant of body.item.variants) {
      const rendition = Buffer.from(await (await serve(...keyOf(variant.url).split("/"))).arrayBuffer());
      expect((await sharp(rendition).metadata()).exif).toBeUndefined();
    }

    // XMP in a PNG (where editors put GPS too) goes the same way.
    const withXmp = await sharp(await png(300, 200, "#806040"))
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,33.0N"/></rdf:RDF></x:xmpmeta>',
      )
      .png()
      .toBuffer();
    expect((await sharp(withXmp).metadata()).xmp).toBeDefined();
    const pngUpload = await upload({ contents: withXmp, name: "map.png", type: "image/png" }, { alt: "A map" });
    expect(pngUpload.status).toBe(201);
    const servedPng = Buffer.from(await (await serve(...keyOf(pngUpload.body.item.url).split("/"))).arrayBuffer());
    expect((await sharp(servedPng).metadata()).xmp).toBeUndefined();
    expect(leftovers()).toEqual([]);
  });

  it("streams a large PDF to disk as it arrives, never holding the upload in memory", async () => {
    const size = 40 * 1024 * 1024;
    const { request, probe } = streamedUpload("Large report.pdf", "application/pdf", size);
    const response = await app.mediaApi.POST(request);
    expect(response.status).toBe(201);
    const { item } = await response.json();
    expect(item).toMatchObject({ kind: "PDF", sizeBytes: size });
    expect(probe.finished).toBe(true);
    // The reader stayed within a few chunks of the disk, never the 40 MB of the whole file.
    expect(probe.maxAheadOfDisk).toBeLessThan(4 * 1024 * 1024);
    const stored = path.join(dataDir, "media", ...keyOf(item.url).split("/"));
    expect(fs.statSync(stored).size).toBe(size);
    expect(leftovers()).toEqual([]);
    // Out of the way of the listing tests below.
    await testDatabase.db.media.delete({ where: { id: item.id } });
    fs.rmSync(stored);
  });

  it("stores a PDF without alt text", async () => {
    const { status, body } = await upload({ contents: PDF, name: "Annual report.pdf", type: "application/pdf" });
    expect(status).toBe(201);
    expect(body.item).toMatchObject({
      kind: "PDF",
      mimeType: "application/pdf",
      width: null,
      height: null,
      variants: [],
    });
    const served = await serve(...keyOf(body.item.url).split("/"));
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toBe('inline; filename="Annual_report.pdf"');
    // A sandbox policy would stop browsers' PDF viewers from showing it.
    expect(served.headers.get("content-security-policy")).toBeNull();
  });
});

describe("POST /api/admin/media: what is refused", () => {
  it("refuses text renamed .jpg", async () => {
    const body = await expectRefused(
      { contents: "just some words, not a photograph\n", name: "photo.jpg", type: "image/jpeg" },
      { alt: "A photo" },
      415,
      /not a JPEG, PNG, GIF, WebP or AVIF image, a PDF, or an MP3, M4A, Ogg/,
    );
    expect(body.fieldErrors.file).toMatch(/not a JPEG, PNG, GIF, WebP or AVIF image, a PDF, or an MP3, M4A, Ogg/);
  });

  it("refuses a PDF that claims to be a PNG", async () => {
    await expectRefused(
      { contents: PDF, name: "chart.png", type: "image/png" },
      { alt: "A chart" },
      415,
      /contents are a PDF, not the image/,
    );
  });

  it("refuses the other kind when the picker asks for one", async () => {
    await expectRefused(
      { contents: PDF, name: "brief.pdf", type: "application/pdf" },
      { kind: "IMAGE" },
      415,
      /This file is a PDF; choose an image here/,
    );
    await expectRefused(
      { contents: await png(40, 40, "#abcdef"), name: "a.png", type: "image/png" },
      { kind: "PDF", alt: "A" },
      415,
      /choose a PDF here/,
    );
  });

  it("refuses SVG, which can carry scripts", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    await expectRefused(
      { contents: svg, name: "logo.svg", type: "image/svg+xml" },
      { alt: "Logo" },
      415,
      /SVG files cannot be uploaded/,
    );
  });

  it("refuses an image with a valid header but damaged contents", async () => {
    const damaged = Buffer.concat([(await png(800, 600)).subarray(0, 40), Buffer.alloc(200, 7)]);
    await expectRefused(
      { contents: damaged, name: "broken.png", type: "image/png" },
      { alt: "Broken" },
      422,
      /could not be read/,
    );
  });

  it("refuses a JPEG cut short, though its header and first rows are sound", async () => {
    // Noise, so that the compressed data is long and the cut falls well inside it.
    const noise = Buffer.alloc(800 * 600 * 3);
    for (let index = 0; index < noise.length; index++) noise[index] = (index * 2654435761) >>> 13;
    const photo = await sharp(noise, { raw: { width: 800, height: 600, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
    await expectRefused(
      { contents: photo.subarray(0, Math.floor(photo.length * 0.6)), name: "cut.jpg", type: "image/jpeg" },
      { alt: "Cut short" },
      422,
      /could not be read/,
    );
  });

  it("requires alt text for images", async () => {
    const body = await expectRefused(
      { contents: await png(50, 50, "#5a1f1f"), name: "brick.png", type: "image/png" },
      { alt: "   " },
      400,
      /alt text is required/,
    );
    expect(body.fieldErrors.alt).toMatch(/alt text is required/);
  });

  it("refuses images over 15 MB and requests over the largest allowed size", async () => {
    const oversize = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(15 * 1024 * 1024 + 1),
    ]);
    await expectRefused(
      { contents: oversize, name: "huge.png", type: "image/png" },
      { alt: "Huge" },
      413,
      /images may be up to 15 MB/,
    );

    const request = await uploadRequest({ contents: PDF, name: "a.pdf", type: "application/pdf" });
    const declaredHuge = new Request(request.url, {
      method: "POST",
      body: await request.arrayBuffer(),
      headers: { ...Object.fromEntries(request.headers), "content-length": String(110 * 1024 * 1024) },
    });
    const response = await app.mediaApi.POST(declaredHuge);
    expect(response.status).toBe(413);
  });

  it("refuses a decompression bomb (10,000 × 10,000 pixels in a few kilobytes) from its header, with 413", async () => {
    const bomb = pixelBomb(10_000, 10_000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000 });
    const before = await testDatabase.db.media.count();
    const { status, body } = await upload({ contents: bomb, name: "bomb.png", type: "image/png" }, { alt: "Bomb" });
    expect(status).toBe(413);
    expect(body.message).toBe(
      "The image is too large: 10,000 × 10,000 pixels. Images may be up to 40 megapixels (for example 8,000 × 5,000); scale it down and upload it again.",
    );
    expect(body.fieldErrors.file).toBe(body.message);
    expect(await testDatabase.db.media.count()).toBe(before);
    expect(leftovers()).toEqual([]);
    // Just over the limit is refused too; a large ordinary photo is not.
    expect(
      (await upload({ contents: pixelBomb(8000, 5001), name: "b.png", type: "image/png" }, { alt: "B" })).status,
    ).toBe(413);
  });

  it("stops reading an upload once its file passes the largest size, whatever Content-Length says", async () => {
    const { request, probe } = streamedUpload("Endless.pdf", "application/pdf", 200 * 1024 * 1024);
    // A client that declares a small body and sends a huge one.
    const lying = new Request(request.url, {
      method: "POST",
      body: request.body,
      duplex: "half",
      headers: { ...Object.fromEntries(request.headers), "content-length": "1000" },
    } as RequestInit);
    const response = await app.mediaApi.POST(lying);
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/PDFs may be up to 50 MB/);
    expect(probe.finished).toBe(false);
    expect(probe.pulled).toBeLessThan(110 * 1024 * 1024);
    expect(leftovers()).toEqual([]);
  });

  it("answers a missing file or a non-multipart body with a 4xx, never a 500", async () => {
    const noFile = await app.mediaApi.POST(await uploadRequest(null, { alt: "Nothing" }));
    expect(noFile.status).toBe(400);
    const json = await app.mediaApi.POST(
      new Request(`${SITE_URL}/api/admin/media`, {
        method: "POST",
        body: "{}",
        headers: { origin: SITE_URL, "content-type": "application/json", "content-length": "2" },
      }),
    );
    expect(json.status).toBe(415);
    const garbled = await app.mediaApi.POST(
      new Request(`${SITE_URL}/api/admin/media`, {
        method: "POST",
        body: "nonsense",
        headers: { origin: SITE_URL, "content-type": "multipart/form-data; boundary=x", "content-length": "8" },
      }),
    );
    expect(garbled.status).toBe(400);
  });
});

describe("GET /api/admin/media", () => {
  async function list(query: string) {
    const response = await app.mediaApi.GET(new Request(`${SITE_URL}/api/admin/media${query}`));
    return { status: response.status, body: await response.json() };
  }

  it("lists newest first, filters by kind and text, and pages with a cursor", async () => {
    const all = await list("");
    expect(all.status).toBe(200);
    const ids = all.body.items.map((item: { id: number }) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const pdfs = await list("?kind=PDF");
    expect(pdfs.body.items.map((item: { kind: string }) => item.kind)).toEqual(["PDF"]);
    const found = await list("?q=HARBOUR");
    expect(found.body.items.map((item: { filename: string }) => item.filename)).toEqual(["Harbour at dusk.png"]);
    expect((await list("?q=busan")).body.items).toHaveLength(1);

    const first = await list("?limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[1].id);
    const everything = await list("?limit=100");
    expect(everything.body.nextCursor).toBeNull();
  });

  it("answers a bad query with 400", async () => {
    expect((await list("?kind=VIDEO")).status).toBe(400);
    expect((await list("?cursor=abc")).status).toBe(400);
  });
});

describe("editing and deleting", () => {
  async function newImage(colour: string) {
    await signInAs("author");
    const { body } = await upload(
      { contents: await png(120, 80, colour), name: `${colour}.png`, type: "image/png" },
      { alt: `Colour ${colour}` },
    );
    return body.item as { id: number; url: string; alt: string };
  }

  function detailsForm(values: Record<string, string>) {
    const form = new FormData();
    for (const [name, value] of Object.entries(values)) form.set(name, value);
    return form;
  }

  it("saves alt text, caption and credit, keeping alt text required, and refreshes the public pages featuring it", async () => {
    const item = await newImage("#111111");
    const type = await testDatabase.db.publicationType.create({
      data: { slug: "brief", name: "Brief", pluralName: "Briefs" },
    });
    const featuring = {
      typeId: type.id,
      bodyJson: {},
      bodyHtml: "<p>x</p>",
      title: "Featuring",
      featuredImageId: item.id,
    };
    await testDatabase.db.publication.create({
      data: { ...featuring, slug: "featuring-public", status: "PUBLISHED", publishedAt: new Date(Date.now() - 60_000) },
    });
    await testDatabase.db.publication.create({ data: { ...featuring, slug: "featuring-draft" } });
    const refused = await app.update.updateMediaDetails(item.id, detailsForm({ alt: "", caption: "c", credit: "" }));
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { alt: expect.stringMatching(/alt text is required/) },
    });
    const saved = await app.update.updateMediaDetails(
      item.id,
      detailsForm({ alt: "Black square", caption: "A caption", credit: "Credit" }),
    );
    expect(saved).toMatchObject({ ok: true, item: { alt: "Black square", caption: "A caption", credit: "Credit" } });
    // The public page showing the image's alt text changes; nothing else does.
    expect(revalidated.filter((entry) => entry.startsWith("tag:"))).toEqual(["tag:publication:featuring-public"]);
  });

  it("lets authors change only their own uploads, and refuses anonymous callers", async () => {
    const item = await newImage("#222222");
    await signInAs("otherAuthor");
    expect(await app.update.updateMediaDetails(item.id, detailsForm({ alt: "Mine now" }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/uploaded this file/),
    });
    expect(await app.remove.deleteMedia(item.id)).toMatchObject({ ok: false });
    await signInAs(null);
    expect(await app.remove.deleteMedia(item.id)).toEqual({
      ok: false,
      status: 401,
      message: "Your session has ended. Sign in again to continue.",
    });
    await signInAs("editor");
    expect(await app.update.updateMediaDetails(item.id, detailsForm({ alt: "Edited by an editor" }))).toMatchObject({
      ok: true,
    });
  });

  it("refuses to delete a file a publication uses, saying how many", async () => {
    const item = await newImage("#333333");
    const type = await testDatabase.db.publicationType.create({
      data: { slug: "report", name: "Report", pluralName: "Reports" },
    });
    const base = { typeId: type.id, bodyJson: {}, title: "A report" };
    await testDatabase.db.publication.create({
      data: { ...base, slug: "featured-use", bodyHtml: "<p>x</p>", featuredImageId: item.id },
    });
    await testDatabase.db.publication.create({
      data: { ...base, slug: "body-use", bodyHtml: `<p><img src="${item.url}.w480.webp" alt=""></p>` },
    });
    const refused = await app.remove.deleteMedia(item.id);
    expect(refused).toEqual({
      ok: false,
      status: 409,
      message: "“#333333.png” is used by 2 publications. Remove it from those publications first.",
    });
    expect(await testDatabase.db.media.findUnique({ where: { id: item.id } })).not.toBeNull();
  });

  it("deletes an unused file, its renditions and its row, with an audit entry", async () => {
    await signInAs("author");
    const { body } = await upload(
      { contents: await png(1200, 600, "#444444"), name: "grey.png", type: "image/png" },
      { alt: "Grey" },
    );
    const keys = [body.item.url, ...body.item.variants.map((variant: { url: string }) => variant.url)].map(keyOf);
    const files = keys.map((key) => path.join(dataDir, "media", ...key.split("/")));
    expect(files.every((file) => fs.existsSync(file))).toBe(true);

    expect(await app.remove.deleteMedia(body.item.id)).toEqual({ ok: true, message: "“grey.png” was deleted." });
    expect(await testDatabase.db.media.findUnique({ where: { id: body.item.id } })).toBeNull();
    expect(files.some((file) => fs.existsSync(file))).toBe(false);
    expect((await serve(...keys[0]!.split("/"))).status).toBe(404);
    const audit = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "media.delete", entityId: String(body.item.id) },
    });
    expect(audit.actorId).toBe(staff.author.id);
  });
});

describe("GET /media/[...key]", () => {
  it("serves nothing outside the media folder, whatever the key", async () => {
    fs.writeFileSync(path.join(dataDir, "secret.txt"), "secret");
    fs.mkdirSync(path.join(dataDir, "media", "uploads"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "media", "uploads", "stray.png"), "not registered");
    const attempts = [
      ["..", "secret.txt"],
      ["uploads", "..", "..", "secret.txt"],
      ["uploads", "../../secret.txt"],
      ["uploads", "..%2f..%2fsecret.txt"],
      ["%2e%2e", "secret.txt"],
      ["/etc", "passwd"],
      ["uploads", "..\\..\\secret.txt"],
      ["uploads", "stray.png"],
      ["uploads", "nothing.png.w480.webp"],
      ["Uploads", "x.png"],
    ];
    for (const key of attempts) {
      const response = await serve(...key);
      expect(response.status, key.join("/")).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
  });

  it("serves a rendition only when its original lists it", async () => {
    const { body } = await upload(
      { contents: await png(1000, 700, "#0b4f8a"), name: "blue.png", type: "image/png" },
      { alt: "Blue" },
    );
    const unlisted = `${keyOf(body.item.url)}.w1600.webp`;
    fs.writeFileSync(path.join(dataDir, "media", ...unlisted.split("/")), "planted");
    expect((await serve(...unlisted.split("/"))).status).toBe(404);
  });
});

describe("audio in the library", () => {
  const samples = [
    { name: "Panel.mp3", type: "audio/mpeg", contents: mp3WithId3("Panel"), mimeType: "audio/mpeg" },
    { name: "Interview.m4a", type: "audio/x-m4a", contents: m4aHead(), mimeType: "audio/mp4" },
    { name: "Lecture.ogg", type: "audio/ogg", contents: oggVorbisHead(), mimeType: "audio/ogg" },
    { name: "Briefing.opus", type: "", contents: oggOpusHead(), mimeType: "audio/ogg" },
    { name: "Room tone.wav", type: "audio/wav", contents: wavSample(), mimeType: "audio/wav" },
  ];

  it("stores each format by its bytes as kind AUDIO, without alt text or renditions, and lists it by kind", async () => {
    const ids: number[] = [];
    for (const sample of samples) {
      const { status, body } = await upload(sample, { caption: `${sample.name} caption` });
      expect(status, sample.name).toBe(201);
      expect(body.item).toMatchObject({ kind: "AUDIO", mimeType: sample.mimeType, width: null, variants: [] });
      expect(body.item.sizeBytes).toBe(sample.contents.length);
      ids.push(body.item.id);
      const served = await serve(...keyOf(body.item.url).split("/"));
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe(sample.mimeType);
      expect(served.headers.get("accept-ranges")).toBe("bytes");
      expect(Buffer.from(await served.arrayBuffer()).equals(sample.contents)).toBe(true);
    }
    const response = await app.mediaApi.GET(new Request(`${SITE_URL}/api/admin/media?kind=AUDIO&limit=100`));
    const listed = (await response.json()).items as Array<{ id: number; kind: string }>;
    expect(listed.every((item) => item.kind === "AUDIO")).toBe(true);
    expect(listed.map((item) => item.id)).toEqual(expect.arrayContaining(ids));
    const images = await app.mediaApi.GET(new Request(`${SITE_URL}/api/admin/media?kind=IMAGE&limit=100`));
    expect(((await images.json()).items as Array<{ id: number }>).some((item) => ids.includes(item.id))).toBe(false);
  });

  it("refuses audio that is not, audio dressed as another kind, and audio where the picker asks for a PDF", async () => {
    await expectRefused({ contents: "just words", name: "talk.mp3", type: "audio/mpeg" }, {}, 415, /MP3, M4A, Ogg/);
    await expectRefused(
      { contents: PDF, name: "talk.mp3", type: "audio/mpeg" },
      {},
      415,
      /contents are a PDF, not the audio file/,
    );
    await expectRefused(
      { contents: wavSample(), name: "slides.pdf", type: "application/pdf" },
      {},
      415,
      /contents are a WAV audio file, not the PDF/,
    );
    await expectRefused(
      { contents: mp3WithId3(), name: "talk.mp3", type: "audio/mpeg" },
      { kind: "PDF" },
      415,
      /This file is an MP3 audio file; choose a PDF here/,
    );
    await expectRefused(
      { contents: PDF, name: "a.pdf", type: "application/pdf" },
      { kind: "AUDIO" },
      415,
      /choose an audio file here/,
    );
  });
});

describe("GET and HEAD /media/[...key]: byte ranges", () => {
  // 16 KB of WAV whose bytes differ from place to place, so a wrong offset shows.
  const contents = (() => {
    const wav = wavSample();
    const bytes = Buffer.concat([wav, Buffer.alloc(16 * 1024 - wav.length)]);
    for (let index = 44; index < bytes.length; index++) bytes[index] = (index * 7) % 251;
    return bytes;
  })();
  const size = contents.length;
  let url = "";

  beforeAll(async () => {
    await signInAs("author");
    const { body } = await upload({ contents, name: "Ranges.wav", type: "audio/wav" });
    url = body.item.url;
  });

  async function part(headers: Record<string, string>) {
    const response = await serveWith(url, headers);
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it("answers bytes=a-b, bytes=a- and bytes=-n with 206 and Content-Range", async () => {
    const cases: Array<[string, number, number]> = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, size - 1],
      ["bytes=-500", size - 500, size - 1],
      ["bytes=5-5", 5, 5],
      ["bytes=1000-999999999", 1000, size - 1],
      ["bytes=-999999999", 0, size - 1],
      ["bytes=0-99999999999999999999999", 0, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const { response, bytes } = await part({ range });
      expect(response.status, range).toBe(206);
      expect(response.headers.get("content-range"), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get("content-length"), range).toBe(String(end - start + 1));
      expect(response.headers.get("accept-ranges")).toBe("bytes");
      expect(response.headers.get("content-type")).toBe("audio/wav");
      expect(bytes.equals(contents.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("answers 416 with the size for a range outside the file", async () => {
    for (const range of [
      `bytes=${size}-`,
      `bytes=${size + 10}-${size + 20}`,
      "bytes=-0",
      "bytes=99999999999999999999-",
    ]) {
      const { response } = await part({ range });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range"), range).toBe(`bytes */${size}`);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("sends the whole file (200) for several ranges, other units and malformed headers, never a 5xx", async () => {
    for (const range of [
      "bytes=0-1,5-6",
      "bytes=-1,0-0,999999999999-",
      `bytes=${"0-,".repeat(500)}0-`,
      "bytes=5-2",
      "bytes=abc",
      "bytes=--1",
      "bytes=1-2-3",
      "items=0-10",
      "bytes",
      "=",
      `bytes=${"9".repeat(300)}-`,
    ]) {
      const { response, bytes } = await part({ range });
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-range"), range).toBeNull();
      expect(bytes.length, range).toBe(size);
    }
  });

  it("honours a range under If-Range only for the same version, and answers If-None-Match with 304", async () => {
    const whole = await part({});
    const etag = whole.response.headers.get("etag")!;
    const lastModified = whole.response.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await part({ range: "bytes=0-9", "if-range": etag })).response.status).toBe(206);
    expect((await part({ range: "bytes=0-9", "if-range": lastModified })).response.status).toBe(206);
    for (const stale of ['"another-version"', `W/${etag}`, "Thu, 01 Jan 1970 00:00:00 GMT", "garbage"]) {
      const { response, bytes } = await part({ range: "bytes=0-9", "if-range": stale });
      expect(response.status, stale).toBe(200);
      expect(bytes.length).toBe(size);
    }
    const cached = await part({ "if-none-match": `"nope", ${etag}` });
    expect(cached.response.status).toBe(304);
    expect(cached.bytes.length).toBe(0);
    expect((await part({ "if-none-match": '"nope"' })).response.status).toBe(200);
  });

  it("answers HEAD with the headers a GET would have, and no body", async () => {
    const head = await serveWith(url, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(size));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    expect(head.body).toBeNull();
    const ranged = await serveWith(url, { range: "bytes=-10" }, "HEAD");
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(ranged.body).toBeNull();
    expect((await serveWith(url, { range: `bytes=${size}-` }, "HEAD")).status).toBe(416);
  });

  it("serves ranges of images and PDFs too, and nothing for keys it does not know", async () => {
    const { body } = await upload({ contents: PDF, name: "ranged.pdf", type: "application/pdf" });
    const { response, bytes } = await (async () => {
      const answer = await serveWith(body.item.url, { range: "bytes=0-4" });
      return { response: answer, bytes: Buffer.from(await answer.arrayBuffer()) };
    })();
    expect(response.status).toBe(206);
    expect(bytes.toString("latin1")).toBe("%PDF-");
    for (const key of ["uploads/../../secret.txt", "uploads/nothing.wav", "%2e%2e/secret.txt"]) {
      const answer = await app.mediaRoute.GET(
        new Request(`${SITE_URL}/media/${key}`, { headers: { range: "bytes=0-" } }),
        {
          params: Promise.resolve({ key: key.split("/") }),
        },
      );
      expect(answer.status, key).toBe(404);
    }
  });
});
