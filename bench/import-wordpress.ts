/**
 * WordPress import speed and memory: the importer (batches, a savepoint and one statement
 * per batch of new posts, search rows built once per batch) against a naive baseline (one
 * round trip per row: each publication, author link, topic link, mapping row and redirect
 * its own Prisma call, search rows by the live triggers), in the same run, on scratch
 * databases of the same server. Media are excluded unless --uploads is given.
 *
 *   npx tsx --conditions=react-server bench/import-wordpress.ts [--file full-export.xml.gz] [--uploads DIR] [--baseline-sample 300]
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
  baselineSample: z.coerce.number().int().min(10).max(10_000).default(300),
});

type Quarter = { percent: number; rssMiB: number; heapMiB: number };
type Measured = {
  items: number;
  seconds: number;
  peakRssMiB: number;
  startRssMiB: number;
  nodeCpu: number;
  databaseCpu: number | null;
  quarters: Quarter[];
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
      "baseline-sample": { type: "string" },
    },
  });
  const args = argsSchema.parse({
    file: values.file,
    sample: values.sample,
    uploads: values.uploads,
    baselineSample: values["baseline-sample"],
  });
  if (process.env.DATABASE_URL) process.env.DATABASE_URL_GIVEN = "1";
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
            quarters.push({ percent, rssMiB: usage.rss / MiB, heapMiB: usage.heapUsed / MiB });
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const databaseAfter = databaseCpuSeconds();
      const { peak, start } = memory.stop();
      if (result.counts.failed > 0) console.warn(`${name}: ${result.counts.failed} items failed`);
      return {
        items: result.counts.items,
        seconds,
        peakRssMiB: peak / MiB,
        startRssMiB: start / MiB,
        nodeCpu: (cpu.user + cpu.system) / 1e6,
        databaseCpu: databaseBefore !== null && databaseAfter !== null ? databaseAfter - databaseBefore : null,
        quarters,
      };
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
  const cpuOf = (measured: Measured) => measured.nodeCpu + (measured.databaseCpu ?? 0);
  const line = (label: string, measured: Measured) => {
    console.log(
      `${label.padEnd(36)} ${measured.items.toLocaleString("en-US")} items in ${measured.seconds.toFixed(1)} s ` +
        `(${rate(measured).toFixed(0)} items/s), peak RSS ${measured.peakRssMiB.toFixed(0)} MiB (from ${measured.startRssMiB.toFixed(0)} MiB)`,
    );
    console.log(
      `${"".padEnd(36)} CPU: import ${measured.nodeCpu.toFixed(1)} s + database ` +
        `${measured.databaseCpu === null ? "not measured (external server)" : `${measured.databaseCpu.toFixed(1)} s`}` +
        ` = ${((cpuOf(measured) * 1000) / measured.items).toFixed(2)} ms per item ` +
        `(${(measured.items / cpuOf(measured)).toFixed(0)} items per CPU-second)`,
    );
    if (measured.quarters.length > 0)
      console.log(
        `${"".padEnd(36)} after each quarter (RSS / heap after GC): ` +
          measured.quarters
            .map((quarter) => `${quarter.percent}% ${quarter.rssMiB.toFixed(0)}/${quarter.heapMiB.toFixed(0)} MiB`)
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
  if (withMedia) line("importer, full with media:", withMedia);
  else
    console.log(
      "importer, full with media:           not measured (no --uploads folder given; the fixtures carry no media files)",
    );
  console.log(
    `naive baseline:                      ${naive.items} posts in ${naive.seconds.toFixed(1)} s (${(naive.items / naive.seconds).toFixed(0)} items/s), one round trip per row`,
  );
  console.log(`speed-up:                            ${(rate(full) / (naive.items / naive.seconds)).toFixed(1)}x`);
  console.log(
    `memory, full vs sample:              +${(full.peakRssMiB - small.peakRssMiB).toFixed(0)} MiB peak for a ${(fs.statSync(args.file).size / fs.statSync(args.sample).size).toFixed(0)}x larger file`,
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
