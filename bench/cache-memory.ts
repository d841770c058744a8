/**
 * The server's memory under cache-filling traffic, beside its baseline in the same run:
 * `next start` on the embedded database with the demo archive (6,262 publications), then
 *
 *   1. baseline: after the real pages a reader would open first;
 *   2. after N made-up archive addresses (/publications/view/<junk>, ?page=<huge>,
 *      filters naming nothing), each answered 404 and never cached;
 *   3. after N valid filter combinations (type × topic × author × series × year, each a
 *      page the site's own filter form can lead to), every one rendered and cached until
 *      the page cache reaches PAGE_CACHE_MAX_BYTES, then the least recently used go.
 *
 * Memory is measured after each quarter of a phase (to tell a plateau from growth): the
 * process's resident set (RSS), V8 heap and buffers after a full garbage collection (the
 * server runs with --expose-gc; tests/support/page-cache-probe.mjs asks over IPC), next to
 * what the page cache holds and the size of Next.js's own map of page lifetimes (which the
 * handler prunes alongside). Target: no growth beyond the byte cap.
 *
 *   npx tsx bench/cache-memory.ts [--count 20000] [--max-bytes 256MB] [--concurrency 8] [--only made-up|valid]
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { parseByteSize } from "../lib/byte-size.mjs";
import { runCommand } from "../scripts/lib/cli";
import { startTestServer, type TestServer } from "../tests/support/next-server";
import { openBenchDatabase } from "./support/next-server";

const argsSchema = z.object({
  count: z.coerce.number().int().min(10).max(200_000).default(20_000),
  only: z.enum(["made-up", "valid"]).optional(),
  "max-bytes": z
    .string()
    .default("256MB")
    .refine((value) => parseByteSize(value) !== null, "a size such as 256MB"),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
});

const MB = 1024 * 1024;

/** Memory is measured after each of this many steps of a phase, to tell a plateau from growth. */
const STEPS = 4;

type Row = { phase: string; requests: number; statuses: string; seconds: number } & Memory;

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: "string" },
      only: { type: "string" },
      "max-bytes": { type: "string" },
      concurrency: { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  const database = await openBenchDatabase();
  const terms = await readTerms(database.url);
  const server = await startTestServer(database.url, { PAGE_CACHE_MAX_BYTES: args["max-bytes"] }, { exposeGc: true });
  const rows: Row[] = [];
  const measure = async (phase: string, paths: string[]) => {
    const size = Math.ceil(paths.length / STEPS);
    let sent = 0;
    for (let step = 0; step < paths.length; step += size) {
      const chunk = paths.slice(step, step + size);
      const figures = await load(server, chunk, args.concurrency);
      sent += chunk.length;
      rows.push({ phase: `${phase} ${sent.toLocaleString("en-US")}`, ...figures, ...(await memory(server)) });
      console.log(formatRow(rows.at(-1)!));
    }
  };
  try {
    const real = [
      "/",
      "/publications",
      "/publications?page=2",
      `/publications?category=${terms.categories[0]}`,
      `/categories/${terms.categories[0]}`,
      `/authors/${terms.authors[0]}`,
      "/search?q=korea",
    ];
    rows.push({
      phase: "baseline (the first real pages)",
      ...(await load(server, real, 1)),
      ...(await memory(server)),
    });
    console.log(HEADER);
    console.log(formatRow(rows[0]!));
    if (args.only !== "valid") await measure("made-up addresses", madeUpAddresses(args.count, terms));
    if (args.only !== "made-up") await measure("valid filter combinations", filterCombinations(args.count, terms));
  } finally {
    if (serverErrors.length > 0) {
      console.log(
        `\n${serverErrors.length} answered 5xx, e.g. ${serverErrors.slice(0, 5).join(", ")}; the server said:`,
      );
      console.log(server.output());
    }
    await server.stop();
  }

  const cap = parseByteSize(args["max-bytes"])!;
  console.log(
    `\nServer memory (PAGE_CACHE_MAX_BYTES = ${(cap / MB).toFixed(0)} MB; ${args.concurrency} concurrent requests; ` +
      "memory after a full garbage collection)\n",
  );
  console.log(HEADER);
  for (const row of rows) console.log(formatRow(row));
  const baseline = rows[0]!;
  const growth = (row: Row, key: "rss" | "heapUsed" | "external") => ((row[key] - baseline[key]) / MB).toFixed(0);
  for (const [label, row] of [
    ["made-up addresses", rows.findLast((candidate) => candidate.phase.startsWith("made-up"))],
    ["valid combinations", rows.findLast((candidate) => candidate.phase.startsWith("valid"))],
  ] as const) {
    if (!row) continue;
    console.log(
      `Over the baseline, after the ${label}: RSS +${growth(row, "rss")} MB, heap +${growth(row, "heapUsed")} MB, ` +
        `buffers +${growth(row, "external")} MB; page cache ${(row.cacheBytes / MB).toFixed(1)} MB of ${(cap / MB).toFixed(0)} MB.`,
    );
  }
  console.log(
    "Reference (the issue, before the fix): 600 made-up addresses took the server from 280 MB to 671 MB RSS; " +
      "every one answered 200 and stayed cached, up to 20,000 entries of any size.",
  );
  return 0;
});

const HEADER =
  "phase".padEnd(36) +
  "requests".padStart(9) +
  "  statuses".padEnd(22) +
  "time s".padStart(7) +
  "RSS MB".padStart(8) +
  "heap MB".padStart(9) +
  "buffers MB".padStart(11) +
  "cache MB".padStart(10) +
  "entries".padStart(9) +
  "Next's lifetimes".padStart(18);

function formatRow(row: Row): string {
  return (
    row.phase.padEnd(36) +
    String(row.requests).padStart(9) +
    `  ${row.statuses}`.padEnd(22) +
    row.seconds.toFixed(0).padStart(7) +
    (row.rss / MB).toFixed(0).padStart(8) +
    (row.heapUsed / MB).toFixed(0).padStart(9) +
    (row.external / MB).toFixed(0).padStart(11) +
    (row.cacheBytes / MB).toFixed(1).padStart(10) +
    String(row.cacheEntries).padStart(9) +
    String(row.frameworkLifetimes ?? "?").padStart(18)
  );
}

type Terms = { types: string[]; categories: string[]; authors: string[]; series: string[]; years: number[] };

async function readTerms(databaseUrl: string): Promise<Terms> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const slugs = async (table: string) =>
      (await client.query<{ slug: string }>(`SELECT slug FROM "${table}" ORDER BY slug`)).rows.map((row) => row.slug);
    const years = await client.query<{ year: number }>(
      `SELECT DISTINCT extract(year FROM "publishedAt")::int AS year FROM "Publication"
        WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" <= now() ORDER BY 1 DESC`,
    );
    return {
      types: await slugs("PublicationType"),
      categories: await slugs("Category"),
      authors: await slugs("Author"),
      series: await slugs("Series"),
      years: years.rows.map((row) => row.year),
    };
  } finally {
    await client.end();
  }
}

/** Addresses nobody's link leads to: every one a different key. */
function madeUpAddresses(count: number, terms: Terms): string[] {
  return Array.from({ length: count }, (_, index) => {
    switch (index % 4) {
      case 0:
        return `/publications/view/junk-${index}-${"x".repeat(index % 200)}`;
      case 1:
        return `/publications?page=${400 + index}`; // past the last page (314 pages of 20)
      case 2:
        return `/publications?category=${terms.categories[index % terms.categories.length]}&author=no-one-${index}`;
      default: // a key as proxy.ts writes it, for a year before the archive (2011 on)
        return `/publications/view/${encodeURIComponent(`year=${1900 + (index % 90)}&page=${index}`)}`;
    }
  });
}

/** Every combination the filter form can make, in a fixed order, as many as asked for. */
function filterCombinations(count: number, terms: Terms): string[] {
  const optional = <T>(list: T[]) => [undefined, ...list];
  const urls: string[] = [];
  for (const year of optional(terms.years))
    for (const series of optional(terms.series))
      for (const type of optional(terms.types))
        for (const category of optional(terms.categories))
          for (const author of optional(terms.authors)) {
            const params = new URLSearchParams();
            if (type) params.set("type", type);
            if (category) params.set("category", category);
            if (author) params.set("author", author);
            if (series) params.set("series", series);
            if (year) params.set("year", String(year));
            const query = params.toString();
            if (!query) continue;
            urls.push(`/publications?${query}`);
            if (urls.length === count) return urls;
          }
  return urls;
}

/** Addresses that answered 5xx, to print with the server's output. */
const serverErrors: string[] = [];

async function load(server: TestServer, paths: string[], concurrency: number) {
  const started = performance.now();
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const response = await fetch(`${server.base}${path}`, { redirect: "manual" });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) serverErrors.push(path);
      }
    }),
  );
  return {
    requests: paths.length,
    statuses: [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(" "),
    seconds: (performance.now() - started) / 1000,
  };
}

type Memory = {
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap held by JavaScript objects: buffers (RSC payloads among them). */
  external: number;
  cacheBytes: number;
  cacheEntries: number;
  frameworkLifetimes: number | null;
};

async function memory(server: TestServer): Promise<Memory> {
  const usage = await server.memory();
  const cache = await server.pageCache();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
    cacheBytes: cache.bytes,
    cacheEntries: cache.entries,
    frameworkLifetimes: cache.frameworkLifetimes,
  };
}
