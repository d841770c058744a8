/**
 * The full export and the WXR file:
 * - every Prisma model is exported or deliberately left out (lib/export/kinds.ts);
 * - npm run export → npm run import:quire into an empty site gives the same publications,
 *   authors, topics, series, redirects, subscribers, events and media files;
 * - no credential is in the archive (a known password hash, second-factor secret, recovery code);
 * - the importer refuses a site with content, and a damaged file, changing nothing;
 * - the WXR file is well-formed XML with WXR 1.2's namespaces and elements, and text holding
 *   "]]>" survives its CDATA sections.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { EXPORT_KINDS, LEFT_OUT } from "@/lib/export/kinds";
import type { DatabaseClient } from "@/lib/db-client";
import { createTestDatabase, isolatedTestDatabase, type TestDatabase } from "./support/database";
import { runScript, STACK_FRAME } from "./support/run-script";
import type { SiteSecrets } from "./support/site-content";

const source = isolatedTestDatabase();
const folders: string[] = [];
const targets: Array<{ drop(): Promise<void> }> = [];
let sourceDir: string;
let secrets: SiteSecrets;
let archive: string;
let trickyTitle: string;

function temporaryDir(label: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `quire-export-${label}-`));
  folders.push(folder);
  return folder;
}

async function migratedEmptySite(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  targets.push(database);
  return database;
}

beforeAll(async () => {
  sourceDir = temporaryDir("source");
  process.env.QUIRE_DATA_DIR = sourceDir;
  const content = await import("./support/site-content");
  trickyTitle = content.TRICKY_TITLE;
  secrets = await content.seedSiteContent(source.db, source.url);
  // The old site's staff edited search's starter synonyms: one removed, one of their own added.
  await source.db.searchSynonym.deleteMany({ where: { id: (await source.db.searchSynonym.findFirstOrThrow()).id } });
  await source.db.searchSynonym.create({
    data: { term: "KORUS", alternatives: ["Korea–U.S. Free Trade Agreement"], twoWay: true },
  });
  archive = path.join(temporaryDir("out"), "export.tar.gz");
  const run = await runScript("export.ts", ["--out", archive], { DATABASE_URL: source.url, QUIRE_DATA_DIR: sourceDir });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}, 180_000);

afterAll(async () => {
  for (const target of targets) await target.drop();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe("what the export holds", () => {
  it("names every model of the schema: exported, or left out with a reason", () => {
    const models = Object.values(Prisma.ModelName) as string[];
    const exported = EXPORT_KINDS.map((kind) => kind.model);
    const leftOut = Object.keys(LEFT_OUT);
    const forgotten = models.filter((model) => !exported.includes(model) && !leftOut.includes(model));
    expect(forgotten, "add each to EXPORT_KINDS or LEFT_OUT in lib/export/kinds.ts").toEqual([]);
    expect(exported.filter((model) => leftOut.includes(model))).toEqual([]);
    expect([...exported, ...leftOut].filter((model) => !models.includes(model))).toEqual([]);
    expect(new Set(EXPORT_KINDS.map((kind) => kind.kind)).size).toBe(EXPORT_KINDS.length);
  });

  it("holds no password hash, second-factor secret or recovery code", () => {
    const text = gunzipSync(fs.readFileSync(archive)).toString("latin1");
    expect(text).toContain("manifest.json");
    expect(text).toContain("editor-with-secrets@example.org");
    expect(text).not.toContain(secrets.passwordHash);
    expect(text).not.toContain("$argon2id$");
    expect(text).not.toContain(secrets.twoFactorSecret);
    expect(text).not.toContain("SECRET-CIPHERTEXT-MARKER");
    expect(text).not.toContain(secrets.recoveryCodeHash);
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("sessionVersion");
  });
});

async function publicationsOf(db: DatabaseClient) {
  return db.publication.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      bodyJson: true,
      bodyHtml: true,
      status: true,
      publishedAt: true,
      deletedAt: true,
      type: { select: { slug: true } },
      series: { select: { slug: true } },
      featuredImage: { select: { storageKey: true, alt: true } },
      authors: { orderBy: { position: "asc" }, select: { author: { select: { slug: true } } } },
      categories: { orderBy: { categoryId: "asc" }, select: { category: { select: { slug: true } } } },
      event: {
        select: { startsAt: true, speakers: { select: { name: true } }, registrations: { select: { email: true } } },
      },
    },
  });
}

async function siteOf(db: DatabaseClient) {
  return {
    publications: await publicationsOf(db),
    authors: await db.author.findMany({ orderBy: { id: "asc" } }),
    topics: await db.category.findMany({ orderBy: { id: "asc" } }),
    series: await db.series.findMany({ orderBy: { id: "asc" } }),
    redirects: await db.redirect.findMany({ orderBy: { id: "asc" } }),
    subscribers: await db.subscriber.findMany({
      orderBy: { id: "asc" },
      select: { email: true, status: true, consentAt: true, consentIp: true, consentVersion: true, topics: true },
    }),
    suppressions: await db.suppression.findMany(),
    pages: await db.page.findMany({ orderBy: { id: "asc" } }),
    media: await db.media.findMany({ orderBy: { id: "asc" }, omit: { uploadedById: true } }),
    synonyms: await db.searchSynonym.findMany({
      orderBy: { term: "asc" },
      select: { term: true, alternatives: true, twoWay: true },
    }),
  };
}

function mediaHashes(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (!fs.existsSync(folder)) return hashes;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    hashes[path.relative(folder, full)] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return hashes;
}

describe("npm run import:quire", () => {
  it("reads the export into an empty site: the same publications, authors, topics, redirects, media and synonyms", async () => {
    const target = await migratedEmptySite();
    // The new site's first admin, who also wrote in the old one, keeps their account.
    await target.db.user.create({
      data: { email: "editor-with-secrets@example.org", name: "Already Here", role: "ADMIN", passwordHash: "x" },
    });
    const targetDir = temporaryDir("target");
    const run = await runScript("import-quire.ts", [archive], { DATABASE_URL: target.url, QUIRE_DATA_DIR: targetDir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 matched by email");

    expect(await siteOf(target.db)).toEqual(await siteOf(source.db));
    expect(mediaHashes(path.join(targetDir, "media"))).toEqual(mediaHashes(path.join(sourceDir, "media")));
    const imported = await target.db.user.findUniqueOrThrow({
      where: { email: "editor-with-secrets@example.org" },
      select: { name: true, role: true, twoFactor: true },
    });
    expect(imported).toEqual({ name: "Already Here", role: "ADMIN", twoFactor: null });
    // New rows are numbered after the imported ones; search found the imported publications.
    const created = await target.db.redirect.create({ data: { fromPath: "/after-import", toPath: "/" } });
    expect(created.id).toBeGreaterThan(Math.max(...(await source.db.redirect.findMany()).map((row) => row.id)));
    expect(await target.db.searchDocument.count()).toBe(await source.db.searchDocument.count());

    // Now the site has content: a second import is refused and changes nothing.
    const before = await target.db.publication.count();
    const again = await runScript("import-quire.ts", [archive], {
      DATABASE_URL: target.url,
      QUIRE_DATA_DIR: targetDir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("This site is not empty");
    expect(again.stderr).not.toMatch(STACK_FRAME);
    expect(await target.db.publication.count()).toBe(before);
  });

  it("refuses a damaged archive, naming the file and line, and writes nothing", async () => {
    // The same archive with one publication's status changed to a value that does not exist.
    const tarBytes = gunzipSync(fs.readFileSync(archive));
    const at = tarBytes.indexOf('"status":"PUBLISHED"');
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.from(tarBytes);
    damaged.write('"status":"PUBLISHEX"', at, "latin1");
    const file = path.join(temporaryDir("damaged"), "damaged.tar.gz");
    fs.writeFileSync(file, gzipSync(damaged));

    const target = await migratedEmptySite();
    const run = await runScript("import-quire.ts", [file], {
      DATABASE_URL: target.url,
      QUIRE_DATA_DIR: temporaryDir("t"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nothing was imported: data\/publications\.jsonl, line 1: status: /);
    expect(await target.db.publication.count()).toBe(0);
    expect(await target.db.author.count()).toBe(0);
  });
});

describe("npm run export -- --format wxr", () => {
  let xml: string;
  let file: string;
  beforeAll(async () => {
    file = path.join(temporaryDir("wxr"), "site.xml");
    const run = await runScript("export.ts", ["--format", "wxr", "--out", file], {
      DATABASE_URL: source.url,
      QUIRE_DATA_DIR: sourceDir,
      SITE_URL: "https://think.example.org",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    xml = fs.readFileSync(file, "utf8");
  });

  it("is well-formed XML with WXR 1.2's namespaces and channel elements", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    for (const namespace of [
      'xmlns:wp="http://wordpress.org/export/1.2/"',
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
      'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
      'xmlns:dc="http://purl.org/dc/elements/1.1/"',
      'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    ])
      expect(xml).toContain(namespace);
    const channel = new XMLParser({ ignoreAttributes: false, cdataPropName: false }).parse(xml).rss.channel;
    expect(channel["wp:wxr_version"]).toBe(1.2);
    expect(channel["wp:base_site_url"]).toBe("https://think.example.org");
    expect(channel["wp:author"].length).toBe(40);
    expect(channel["wp:category"].length).toBe(8);
    expect(channel["wp:tag"].length).toBeGreaterThan(0);
  });

  it("has an item for every publication and media file, with the elements WordPress's importer reads", async () => {
    const channel = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml).rss.channel;
    const items = channel.item as Array<Record<string, unknown>>;
    const posts = items.filter((item) => item["wp:post_type"] === "post");
    const attachments = items.filter((item) => item["wp:post_type"] === "attachment");
    expect(posts.length).toBe(await source.db.publication.count());
    const pages = items.filter((item) => item["wp:post_type"] === "page");
    expect(pages.map((page) => [page["wp:post_name"], page.link])).toEqual([
      ["about", "https://think.example.org/about"],
      ["staff", "https://think.example.org/about/staff"],
    ]);
    expect(pages[1]!["wp:post_parent"]).toBe(pages[0]!["wp:post_id"]);
    expect(attachments.length).toBe(await source.db.media.count());
    for (const post of posts)
      for (const element of [
        "title",
        "link",
        "pubDate",
        "dc:creator",
        "guid",
        "content:encoded",
        "excerpt:encoded",
        "wp:post_id",
        "wp:post_date_gmt",
        "wp:post_name",
        "wp:status",
        "wp:post_type",
      ])
        expect(post, element).toHaveProperty([element]);
    for (const attachment of attachments)
      expect(String(attachment["wp:attachment_url"])).toMatch(/^https:\/\/think\.example\.org\/media\//);
  });

  it('keeps text holding "]]>" intact through CDATA', async () => {
    const items = new XMLParser({ parseTagValue: false }).parse(xml).rss.channel.item as Array<Record<string, string>>;
    const tricky = items.find((item) => item["wp:post_name"] === "tricky-text")!;
    const stored = await source.db.publication.findUniqueOrThrow({ where: { slug: "tricky-text" } });
    expect(tricky.title).toBe(trickyTitle);
    expect(tricky["content:encoded"]).toBe(stored.bodyHtml);
    expect(tricky["excerpt:encoded"]).toBe(stored.summary);
    expect(xml).toContain("]]]]><![CDATA[>");
  });

  it("reads back with Quire's own WordPress importer: the same publications, statuses, topics, authors and pages", async () => {
    const target = await migratedEmptySite();
    const { importWordPress } = await import("@/lib/wordpress/import");
    const now = new Date();
    const result = await importWordPress(target.db, fs.createReadStream(file), { now });
    expect(result.counts.failed).toBe(0);

    const publications = async (db: DatabaseClient) =>
      (
        await db.publication.findMany({
          select: { title: true, slug: true, status: true, publishedAt: true, deletedAt: true, keywords: true },
        })
      )
        .map((row) => ({
          title: row.title,
          slug: row.slug,
          public: row.status === "PUBLISHED" && row.deletedAt === null && (row.publishedAt ?? now) <= now,
        }))
        .sort((a, b) => a.slug.localeCompare(b.slug));
    const exported = await publications(source.db);
    const imported = await publications(target.db);
    expect(imported).toEqual(exported);
    const tricky = await target.db.publication.findUniqueOrThrow({ where: { slug: "tricky-text" } });
    expect(tricky.keywords).toEqual(expect.arrayContaining(["sanctions", "Korean Peninsula"]));

    const names = async (rows: Promise<Array<{ name: string }>>) => (await rows).map((row) => row.name).sort();
    expect(await names(target.db.category.findMany())).toEqual(await names(source.db.category.findMany()));
    expect(await names(target.db.author.findMany())).toEqual(await names(source.db.author.findMany()));
    const pages = async (db: DatabaseClient) =>
      (await db.page.findMany({ orderBy: { path: "asc" } })).map((page) => [page.path, page.title, page.status]);
    expect(await pages(target.db)).toEqual(await pages(source.db));
  });
});
