/**
 * WordPress import speed and memory: the importer (batches, a savepoint and one statement
 * per batch of new posts, search rows built once per batch) against a naive baseline (one
 * round trip per row: each publication, author link, topic link, mapping row and redirect
 * its own Prisma call, search rows by the live triggers), in the same run, on scratch
 * databases of the same server. The full export is imported twice: media excluded, and
 * media included. For the latter, unless --uploads names a copy of wp-content/uploads for
 * --file, the bench makes one: every item's body gets an image (a Gutenberg image block;
 * every other one names a resized copy, whose original is what comes in) drawn from
 * --media-files generated JPEGs (1024 × 683) that no attachment item names, besides the
 * export's own attachment, so each file is imported once however many posts use it. The
 * import stores originals only; their renditions are then made the way the job queue makes
 * them (media.make-renditions), and the bench prints both the import's items/s and when every
 * rendition exists.
 *
 *   npx tsx --conditions=react-server bench/import-wordpress.ts [--file full-export.xml.gz] [--uploads DIR] [--media-files 600] [--baseline-sample 300]
 *
 * Besides wall-clock time (noisy on a shared machine) it prints the CPU time the import
 * cost: this process's and the embedded PostgreSQL's (all its processes, exited backends
 * included), which a busy machine slows down but does not inflate. Memory: RSS and the
 * JavaScript heap after a forced collection at each quarter of the file; "flat in the
 * file's size" means the full export's quarters stay level and near the sample's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { DATA_DIR, dropDatabase, recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";

const FIXTURES = "/work/shared/fixtures/wordpress";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const argsSchema = z.object({
  file: z.string().default(`${FIXTURES}/full-export.xml.gz`),
  sample: z.string().default(`${FIXTURES}/sample-export.xml`),
  uploads: z.string().optional(),
  mediaFiles: z.coerce.number().int().min(1).max(10_000).default(600),
  baselineSample: z.coerce.number().int().min(10).max(10_000).default(300),
});

type Quarter = { percent: number; rssMiB: number; heapMiB: number; heapTotalMiB: number; externalMiB: number };
type Measured = {
  items: number;
  media: number;
  seconds: number;
  peakRssMiB: number;
  startRssMiB: number;
  nodeCpu: number;
  databaseCpu: number | null;
  quarters: Quarter[];
  /** Media-included run: the images' renditions, made after the import as the job does (lib/media/renditions.ts). */
  renditions: { images: number; seconds: number; cpu: number } | null;
};

const MiB = 1024 * 1024;

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

/** CPU seconds used so far by the embedded PostgreSQL: the postmaster, its live processes, and those that exited. */
function databaseCpuSeconds(): number | null {
  const lockFile = path.join(DATA_DIR, "postgres", "postmaster.pid");
  if (process.env.DATABASE_URL_GIVEN || !fs.existsSync(lockFile)) return null;
  const postmaster = Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
  const ticksPerSecond = 100;
  const fieldsOf = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    } catch {
      return null;
    }
  };
  const own = fieldsOf(postmaster);
  if (!own) return null;
  // utime, stime, cutime, cstime are fields 14-17 of /proc/PID/stat (11-14 after the name).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = fieldsOf(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      sample: { type: "string" },
      uploads: { type: "string" },
      "media-files": { type: "string" },
      "baseline-sample": { type: "string" },
    },
  });
  const args = argsSchema.parse({
    file: values.file,
    sample: values.sample,
    uploads: values.uploads,
    mediaFiles: values["media-files"],
    baselineSample: values["baseline-sample"],
  });
  if (process.env.DATABASE_URL) process.env.DATABASE_URL_GIVEN = "1";
  const server = await useDatabase();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bench-wp-"));
  try {
    await benchmark(server.url, args, workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

async function benchmark(serverUrl: string, args: z.infer<typeof argsSchema>, workDir: string): Promise<void> {
  // The media library writes through the app's client, made when its module loads: point
  // it at the media run's database (and its files at a scratch folder) before loading it.
  const mediaDatabase = "quire_bench_wp_media";
  const mediaUrl = await scratchDatabase(serverUrl, mediaDatabase);
  process.env.DATABASE_URL = mediaUrl;
  process.env.QUIRE_DATA_DIR = path.join(workDir, "data");
  const { importWordPress } = await import("@/lib/wordpress/import");
  const { uploadsMediaImporter } = await import("@/lib/wordpress/media");

  let mediaExport = { file: args.file, uploads: args.uploads };
  if (!args.uploads) {
    console.log(`Making an export with body images and ${args.mediaFiles} image files in ${workDir}…`);
    mediaExport = await exportWithImages(args.file, workDir, args.mediaFiles);
  }

  async function measure(name: string, file: string, uploads?: string): Promise<Measured> {
    const url = uploads ? mediaUrl : await scratchDatabase(serverUrl, name);
    const db = createDatabaseClient(url, { maxConnections: 2 });
    try {
      let importMedia = null;
      if (uploads) {
        const admin = await db.user.create({
          data: { email: "bench@example.org", passwordHash: "!", role: "ADMIN" },
          select: { id: true, email: true, name: true, role: true },
        });
        importMedia = uploadsMediaImporter(uploads, admin);
      }
      const totalBytes = fs.statSync(file).size;
      const quarters: Quarter[] = [];
      collectGarbage();
      const memory = sampleMemory();
      const cpuBefore = process.cpuUsage();
      const databaseBefore = databaseCpuSeconds();
      const started = performance.now();
      const result = await importWordPress(db, fs.createReadStream(file), {
        importMedia,
        onProgress: ({ bytesRead }) => {
          const percent = Math.min(100, Math.floor((bytesRead / totalBytes) * 4) * 25);
          if (percent > 0 && !quarters.some((quarter) => quarter.percent === percent)) {
            collectGarbage();
            const usage = process.memoryUsage();
            quarters.push({
              percent,
              rssMiB: usage.rss / MiB,
              heapMiB: usage.heapUsed / MiB,
              heapTotalMiB: usage.heapTotal / MiB,
              externalMiB: usage.external / MiB,
            });
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const databaseAfter = databaseCpuSeconds();
      const { peak, start } = memory.stop();
      if (result.counts.failed > 0) console.warn(`${name}: ${result.counts.failed} items failed`);
      // The import leaves the images' renditions to the job queue: made here the way the job
      // makes them, batch after batch, to report when every rendition exists.
      let renditions: Measured["renditions"] = null;
      if (uploads) {
        const { makePendingRenditions } = await import("@/lib/media/renditions");
        const { mediaStorage } = await import("@/lib/media/configured-storage");
        const { MAX_IMAGE_PIXELS } = await import("@/lib/media/upload");
        const renditionsCpuBefore = process.cpuUsage();
        let images = 0;
        for (;;) {
          const { made } = await makePendingRenditions(db, mediaStorage, {
            limit: 20,
            limitInputPixels: MAX_IMAGE_PIXELS,
          });
          if (made === 0) break;
          images += made;
        }
        const renditionsCpu = process.cpuUsage(renditionsCpuBefore);
        renditions = {
          images,
          seconds: (performance.now() - started) / 1000 - seconds,
          cpu: (renditionsCpu.user + renditionsCpu.system) / 1e6,
        };
      }
      return {
        items: result.counts.items,
        media: result.counts.media,
        seconds,
        peakRssMiB: peak / MiB,
        startRssMiB: start / MiB,
        nodeCpu: (cpu.user + cpu.system) / 1e6,
        databaseCpu: databaseBefore !== null && databaseAfter !== null ? databaseAfter - databaseBefore : null,
        quarters,
        renditions,
      };
    } finally {
      await db.$disconnect();
      if (uploads) await (await import("@/lib/db")).db.$disconnect();
      await dropDatabase(serverUrl, name);
    }
  }

  const small = await measure("quire_bench_wp_sample", args.sample);
  const full = await measure("quire_bench_wp_full", args.file);
  const withMedia = await measure(mediaDatabase, mediaExport.file, mediaExport.uploads);
  const naive = await naiveBaseline(serverUrl, args.sample, args.baselineSample);

  const rate = (measured: Measured) => measured.items / measured.seconds;
  const cpuOf = (measured: Measured) => measured.nodeCpu + (measured.databaseCpu ?? 0);
  const line = (label: string, measured: Measured) => {
    console.log(
      `${label.padEnd(36)} ${measured.items.toLocaleString("en-US")} items${measured.media > 0 ? ` (${measured.media} media files)` : ""} in ${measured.seconds.toFixed(1)} s ` +
        `(${rate(measured).toFixed(0)} items/s), peak RSS ${measured.peakRssMiB.toFixed(0)} MiB (from ${measured.startRssMiB.toFixed(0)} MiB)`,
    );
    console.log(
      `${"".padEnd(36)} CPU: import ${measured.nodeCpu.toFixed(1)} s + database ` +
        `${measured.databaseCpu === null ? "not measured (external server)" : `${measured.databaseCpu.toFixed(1)} s`}` +
        ` = ${((cpuOf(measured) * 1000) / measured.items).toFixed(2)} ms per item ` +
        `(${(measured.items / cpuOf(measured)).toFixed(0)} items per CPU-second)`,
    );
    if (measured.renditions)
      console.log(
        `${"".padEnd(36)} then the renditions of ${measured.renditions.images} images (the job media.make-renditions, after the import): ` +
          `${measured.renditions.seconds.toFixed(1)} s (CPU ${measured.renditions.cpu.toFixed(1)} s); every rendition exists ` +
          `${(measured.seconds + measured.renditions.seconds).toFixed(1)} s after the import began`,
      );
    if (measured.quarters.length > 0)
      console.log(
        `${"".padEnd(36)} after each quarter (RSS / heap used after GC / heap reserved / external): ` +
          measured.quarters
            .map(
              (quarter) =>
                `${quarter.percent}% ${quarter.rssMiB.toFixed(0)}/${quarter.heapMiB.toFixed(0)}/${quarter.heapTotalMiB.toFixed(0)}/${quarter.externalMiB.toFixed(0)} MiB`,
            )
            .join(", "),
      );
  };
  console.log("");
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  line("importer, sample (1.5 MB):", small);
  line(`importer, full (${(fs.statSync(args.file).size / MiB).toFixed(0)} MB file):`, full);
  line(
    args.uploads ? "importer, full with media (--uploads):" : `importer, full with ${args.mediaFiles} body images:`,
    withMedia,
  );
  console.log(
    `naive baseline:                      ${naive.items} posts in ${naive.seconds.toFixed(1)} s (${(naive.items / naive.seconds).toFixed(0)} items/s), one round trip per row`,
  );
  console.log(`speed-up:                            ${(rate(full) / (naive.items / naive.seconds)).toFixed(1)}x`);
  console.log(
    `memory, full vs sample:              +${(full.peakRssMiB - small.peakRssMiB).toFixed(0)} MiB peak for a ${(fs.statSync(args.file).size / fs.statSync(args.sample).size).toFixed(0)}x larger file`,
  );
}

/**
 * The export with an image in every item's body (the first line of each content:encoded),
 * and an uploads folder holding those files, `count` generated JPEGs, plus every file the
 * export's attachments name (_wp_attached_file). Streamed: the 45 MB file is never held whole.
 */
async function exportWithImages(
  source: string,
  workDir: string,
  count: number,
): Promise<{ file: string; uploads: string }> {
  const sharp = (await import("sharp")).default;
  const uploads = path.join(workDir, "uploads");
  const file = path.join(workDir, "export-with-images.xml");
  const input = fs.createReadStream(source);
  const lines = readline.createInterface({
    input: source.endsWith(".gz") ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  const attached = new Set<string>();
  let site = "";
  let item = 0;
  let inAttachedFile = false;
  await pipeline(
    (async function* () {
      for await (const line of lines) {
        site ||= line.match(/<wp:base_site_url>(?:<!\[CDATA\[)?([^<\]]+)/)?.[1] ?? "";
        if (inAttachedFile) {
          const value = line.match(/<wp:meta_value>(?:<!\[CDATA\[)?([^<\]]+)/)?.[1];
          if (value) attached.add(value);
          inAttachedFile = false;
        }
        if (/<wp:meta_key>(?:<!\[CDATA\[)?_wp_attached_file\b/.test(line)) inAttachedFile = true;
        const marker = "<content:encoded><![CDATA[";
        const at = line.indexOf(marker);
        if (at < 0) {
          yield `${line}\n`;
          continue;
        }
        const number = item++ % count;
        const name = item % 2 === 0 ? `photo-${number}-768x512.jpg` : `photo-${number}.jpg`;
        const image = `<!-- wp:image --><figure class="wp-block-image"><img src="${site}/wp-content/uploads/bench/${name}" alt="Photo ${number}"/></figure><!-- /wp:image -->`;
        yield `${line.slice(0, at + marker.length)}${image}${line.slice(at + marker.length)}\n`;
      }
    })(),
    fs.createWriteStream(file),
  );
  fs.mkdirSync(path.join(uploads, "bench"), { recursive: true });
  const width = 1024;
  const height = 683;
  const pixels = Buffer.alloc(width * height * 3);
  for (let number = 0; number < count; number++) {
    // A pattern of its own for each file, so that no two have the same bytes.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const offset = (y * width + x) * 3;
        pixels[offset] = (x + number * 7) & 255;
        pixels[offset + 1] = (y * 3 + number) & 255;
        pixels[offset + 2] = ((x ^ y) + number * 13) & 255;
      }
    // The pattern repeats every 256 files: the number's bits as black and white 8 × 8 squares
    // along the top (which survive JPEG's compression), so no two files decode alike.
    for (let bit = 0; bit < 16; bit++)
      for (let y = 0; y < 8; y++)
        pixels.fill((number >> bit) & 1 ? 255 : 0, (y * width + bit * 8) * 3, (y * width + bit * 8 + 8) * 3);
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 80 })
      .toFile(path.join(uploads, "bench", `photo-${number}.jpg`));
  }
  for (const relative of attached) {
    const target = path.join(uploads, relative);
    if (!target.startsWith(uploads + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#336699" } })
      .jpeg()
      .toFile(target);
  }
  return { file, uploads };
}

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
