/**
 * WordPress import speed and memory: the importer (batches, a savepoint and one statement
 * per new post) against a naive baseline (one round trip per row: each publication, author
 * link, topic link, mapping row and redirect its own Prisma call), in the same run, on
 * scratch databases of the same server. Media are excluded unless --uploads is given.
 *
 *   npx tsx --conditions=react-server bench/import-wordpress.ts [--file full-export.xml.gz] [--uploads DIR] [--baseline-sample 300]
 *
 * Peak memory is sampled every 50 ms while the import runs; "flat in the file's size"
 * means the full export's peak is about the sample's.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { dropDatabase, recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";

const FIXTURES = "/work/shared/fixtures/wordpress";

const argsSchema = z.object({
  file: z.string().default(`${FIXTURES}/full-export.xml.gz`),
  sample: z.string().default(`${FIXTURES}/sample-export.xml`),
  uploads: z.string().optional(),
  baselineSample: z.coerce.number().int().min(10).max(10_000).default(300),
});

type Measured = { items: number; seconds: number; peakRssMiB: number; startRssMiB: number };

function sampleMemory(): { stop: () => { peak: number; start: number } } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return { peak: Math.max(peak, process.memoryUsage().rss), start };
    },
  };
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      sample: { type: "string" },
      uploads: { type: "string" },
      "baseline-sample": { type: "string" },
    },
  });
  const args = argsSchema.parse({
    file: values.file,
    sample: values.sample,
    uploads: values.uploads,
    baselineSample: values["baseline-sample"],
  });
  const server = await useDatabase();
  process.env.DATABASE_URL = server.url;
  const { importWordPress } = await import("@/lib/wordpress/import");
  const { uploadsMediaImporter } = await import("@/lib/wordpress/media");

  async function measure(name: string, file: string, uploads?: string): Promise<Measured> {
    const url = await scratchDatabase(server.url, name);
    const db = createDatabaseClient(url, { maxConnections: 2 });
    try {
      let importMedia = null;
      if (uploads) {
        const admin = await db.user.create({
          data: { email: "bench@example.org", passwordHash: "!", role: "ADMIN" },
          select: { id: true, email: true, name: true, role: true },
        });
        // The media library writes through the app's client: point it at this database.
        process.env.DATABASE_URL = url;
        importMedia = uploadsMediaImporter(uploads, admin);
      }
      global.gc?.();
      const memory = sampleMemory();
      const started = performance.now();
      const result = await importWordPress(db, fs.createReadStream(file), { importMedia });
      const seconds = (performance.now() - started) / 1000;
      const { peak, start } = memory.stop();
      if (result.counts.failed > 0) console.warn(`${name}: ${result.counts.failed} items failed`);
      return { items: result.counts.items, seconds, peakRssMiB: peak / 1024 / 1024, startRssMiB: start / 1024 / 1024 };
    } finally {
      await db.$disconnect();
      await dropDatabase(server.url, name);
    }
  }

  const small = await measure("quire_bench_wp_sample", args.sample);
  const full = await measure("quire_bench_wp_full", args.file);
  const withMedia = args.uploads ? await measure("quire_bench_wp_media", args.file, args.uploads) : null;
  const naive = await naiveBaseline(server.url, args.sample, args.baselineSample);

  const rate = (measured: Measured) => measured.items / measured.seconds;
  const line = (label: string, measured: Measured) =>
    console.log(
      `${label.padEnd(28)} ${measured.items.toLocaleString("en-US")} items in ${measured.seconds.toFixed(1)} s ` +
        `(${rate(measured).toFixed(0)} items/s), peak RSS ${measured.peakRssMiB.toFixed(0)} MiB (from ${measured.startRssMiB.toFixed(0)} MiB)`,
    );
  console.log("");
  line("importer, sample (1.5 MB):", small);
  line(`importer, full (${(fs.statSync(args.file).size / 1024 / 1024).toFixed(0)} MB file):`, full);
  if (withMedia) line("importer, full with media:", withMedia);
  else
    console.log(
      "importer, full with media:   not measured (no --uploads folder given; the fixtures carry no media files)",
    );
  console.log(
    `naive baseline:              ${naive.items} posts in ${naive.seconds.toFixed(1)} s (${(naive.items / naive.seconds).toFixed(0)} items/s), one round trip per row`,
  );
  console.log(`speed-up:                    ${(rate(full) / (naive.items / naive.seconds)).toFixed(1)}x`);
  console.log(
    `memory, full vs sample:      +${(full.peakRssMiB - small.peakRssMiB).toFixed(0)} MiB peak for a ${(fs.statSync(args.file).size / fs.statSync(args.sample).size).toFixed(0)}x larger file`,
  );
});

async function scratchDatabase(serverUrl: string, name: string): Promise<string> {
  await recreateDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  return url;
}

/**
 * The same posts written the way a typical import script would: the same conversion, then
 * one Prisma call per row, each its own round trip, with a lookup before each insert.
 */
async function naiveBaseline(
  serverUrl: string,
  file: string,
  count: number,
): Promise<{ items: number; seconds: number }> {
  const name = "quire_bench_wp_naive";
  const url = await scratchDatabase(serverUrl, name);
  const db: DatabaseClient = createDatabaseClient(url, { maxConnections: 1 });
  const { readWxr } = await import("@/lib/wordpress/wxr-reader");
  const { convertWordPressBody } = await import("@/lib/wordpress/content");
  const { parseBodyDocument } = await import("@/lib/content/schema");
  const { renderBody } = await import("@/lib/content/body");
  const { slugFor, summaryFromExcerpt, wordPressGmtDate } = await import("@/lib/wordpress/mapping");
  try {
    const type = await db.publicationType.create({
      data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
    });
    const authors = new Map<string, number>();
    const categories = new Map<string, number>();
    let items = 0;
    const started = performance.now();
    for await (const record of readWxr(fs.createReadStream(file))) {
      if (record.kind === "author") {
        const author = await db.author.create({
          data: { name: record.author.displayName, slug: `a-${record.author.login}` },
        });
        authors.set(record.author.login, author.id);
      } else if (record.kind === "term" && record.term.taxonomy === "category") {
        const category = await db.category.create({ data: { name: record.term.name, slug: record.term.slug } });
        categories.set(record.term.slug, category.id);
      } else if (record.kind === "item" && record.item.postType === "post" && items < count) {
        const item = record.item;
        const already = await db.wordPressItem.findUnique({
          where: { kind_wordPressId: { kind: "post", wordPressId: String(item.postId) } },
        });
        if (already) continue;
        const parsed = parseBodyDocument(convertWordPressBody(item.content, { resolveImage: () => null }).doc);
        if (!parsed.ok) continue;
        const body = renderBody(parsed.doc);
        const publication = await db.publication.create({
          data: {
            slug: `${slugFor(item)}-${item.postId}`,
            title: item.title,
            summary: summaryFromExcerpt(item.excerpt),
            bodyJson: parsed.doc as object,
            bodyHtml: body.bodyHtml,
            wordCount: body.wordCount,
            status: item.status === "publish" ? "PUBLISHED" : "DRAFT",
            publishedAt: wordPressGmtDate(item.postDateGmt),
            typeId: type.id,
          },
        });
        const authorId = authors.get(item.creator);
        if (authorId)
          await db.publicationAuthor.create({ data: { publicationId: publication.id, authorId, position: 0 } });
        for (const term of item.terms.filter((entry) => entry.domain === "category")) {
          const categoryId = categories.get(term.nicename);
          if (categoryId) await db.publicationCategory.create({ data: { publicationId: publication.id, categoryId } });
        }
        await db.wordPressItem.create({
          data: { kind: "post", wordPressId: String(item.postId), targetId: publication.id, sourceHash: "-" },
        });
        await db.redirect.create({
          data: { fromPath: `/?p=${item.postId}`, toPath: `/publications/${publication.slug}` },
        });
        items++;
      }
    }
    return { items, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.$disconnect();
    await dropDatabase(serverUrl, name);
  }
}
