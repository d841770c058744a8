/**
 * Site search speed on archives of several sizes, each in its own scratch database on the
 * same server, beside a naive baseline measured in the same run.
 *
 *   npx tsx bench/search.ts [--sizes 6262,100000,1000000] [--rounds 3] [--baseline-queries N]
 *                           [--skip-build] [--fresh] [--drop] [--typos 200] [--typo-seed 16] [--typos-only]
 *
 * For each size: the archive is seeded with the demo generator (seedDemoArchive in bulk:
 * COPY, worker threads generating, search rows left for the build), the search index is
 * built from scratch as `npm run search:reindex` builds it in the background (build time,
 * with --build-concurrency statements at once) and measured (its size, and its ratio to the
 * text it indexes), then the site's server (server.ts) serves that database
 * and a fixed mix of 200 queries (with facet filters, sorts and pages; facets and snippets
 * in every answer) is sent one at a time to GET /api/search, after one warm-up round (warm
 * cache). Printed: the server's time per request (its Server-Timing header), the latency
 * the client saw (HTTP, JSON included), and the /search page's latency (HTML rendered) for
 * one round.
 * The baseline runs the same queries as ILIKE '%word%' over titles and bodies (count and
 * newest 20 in one statement): all of them up to 10,000 publications, 20 at 100,000, 4
 * at a million (each reads every body), beside the server times of the same queries.
 *
 * Then the typo set (bench/support/typo-set.ts): --typos misspellings (one transposition,
 * deletion, insertion or substitution, drawn with --typo-seed) of title words and author
 * names, searched through the engine, and the share finding the intended item in the top
 * 10. --typos-only runs that alone (no server).
 *
 * --crowd measures instead what a crowd gets from the /search page (HTML), through the same
 * server: 20 connections at once, for --seconds each (default 15), first with 20 common
 * queries in rotation ("sanctions", "north korea", "supply chain"…) with the result cache on
 * (SEARCH_RESULT_CACHE, as in production) and off, then a long tail where every request is a
 * different query, with the cache off. Printed: pages per second, p50 and p99 latency.
 * Targets: the crowd at ≥ 250 pages/s with p99 ≤ 150 ms (cache on); the long tail at ≥ 50
 * pages/s with p99 ≤ 500 ms.
 *
 *   npx tsx bench/search.ts --crowd --sizes 6262 [--seconds 15] [--connections 20]
 *
 * Scratch databases (quire_bench_search_<size>) are kept for the next run, since seeding a
 * million publications takes long: --fresh re-creates them, --drop removes them at the end.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import type { SearchRequest } from "@/lib/search/engine";
import { searchHref } from "@/lib/search/query";
import { AUTHORS } from "@/scripts/demo/catalog";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { dropDatabase, ensureDatabaseExists } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { rebuildSearchIndex } from "@/lib/search/reindex";
import { startBenchServer, type BenchServer } from "./support/next-server";
import { embeddedPostgresPid, treeCpuMs } from "./support/process-cpu";
import { printTypoSet, runTypoSet } from "./support/typo-set";

const argsSchema = z.object({
  sizes: z
    .string()
    .default("6262,100000,1000000")
    .transform((value) => value.split(",").map((size) => Number(size.trim())))
    .pipe(z.array(z.number().int().min(100).max(5_000_000)).min(1)),
  rounds: z.coerce.number().int().min(1).max(50).default(3),
  /** Default: the whole mix up to 10,000 publications, fewer above (each naive query reads every body: ~1 s at 6,262). */
  baselineQueries: z.coerce.number().int().min(0).max(1000).optional(),
  skipBuild: z.boolean().default(false),
  fresh: z.boolean().default(false),
  drop: z.boolean().default(false),
  buildConcurrency: z.coerce.number().int().min(1).max(16).default(2),
  typos: z.coerce.number().int().min(0).max(10_000).default(200),
  typoSeed: z.coerce.number().int().min(0).default(16),
  typosOnly: z.boolean().default(false),
  crowd: z.boolean().default(false),
  seconds: z.coerce.number().min(1).max(600).default(15),
  connections: z.coerce.number().int().min(1).max(200).default(20),
});

type Category = "common" | "rare" | "phrase" | "two words" | "author" | "typo" | "no results";

/** The fixed mix: words of the demo archive's vocabulary, its authors, typos and nonsense. */
const MIX: Record<Category, string[]> = {
  common: [
    "korea",
    "policy",
    "sanctions",
    "nuclear",
    "alliance",
    "economy",
    "trade",
    "security",
    "china",
    "japan",
    "seoul",
    "washington",
    "missile",
    "election",
    "inflation",
    "exports",
    "semiconductor",
    "defense",
    "diplomacy",
    "government",
    "market",
    "energy",
    "climate",
    "technology",
    "supply",
    "growth",
    "deterrence",
    "summit",
    "pyongyang",
    "military",
    "regime",
    "reform",
    "investment",
    "president",
    "minister",
    "tariffs",
    "industry",
    "cooperation",
    "strategy",
    "crisis",
  ],
  rare: [
    "Nordpolitik",
    "Kestrel",
    "Hoeryong",
    "Malligyong",
    "Boramae",
    "Kalma",
    "Obsidian",
    "Yellowhammer",
    "Kafkaesque",
    "Panglossian",
    "Hobbesian",
    "quixotic",
    "Sisyphean",
    "labyrinthine",
    "feckless",
    "Wassenaar",
    "Yeonpyeong",
    "Cheonan",
    "Saemangeum",
    "Jacaranda",
    "Kittiwake",
    "Xylem",
    "Verdigris",
    "Hwanggumpyong",
    "Samjiyon",
    "Ulleung",
    "Goseong",
    "Sinpo",
    "Tumen",
    "Ryugyong",
    "Masikryong",
    "Hyunmoo-5",
    "Hwasong-18",
    "Chollima-1",
    "김정은",
    "평양",
    "北京",
    "Rüdiger",
    "Martínez",
    "Müller",
  ],
  phrase: [
    '"north korea"',
    '"south korea"',
    '"united states"',
    '"supply chain"',
    '"extended deterrence"',
    '"free trade agreement"',
    '"national assembly"',
    '"ruling party"',
    '"human rights"',
    '"nuclear weapons"',
    '"bank of korea"',
    '"interest rates"',
    '"export controls"',
    '"indo-pacific strategy"',
    '"six-party talks"',
    '"sunshine policy"',
    '"korean peninsula"',
    '"missile launches"',
    '"trade deficit"',
    '"low fertility"',
    '"korea discount"',
    '"inflation reduction act"',
    '"chips act"',
    '"camp david"',
    '"joint declaration"',
    '"armistice agreement"',
    '"korean war"',
    '"arduous march"',
    '"youth unemployment"',
    '"economic security"',
  ],
  "two words": [
    "nuclear talks",
    "sanctions russia",
    "alliance burden",
    "trade china",
    "semiconductor exports",
    "election polls",
    "defense budget",
    "missile test",
    "energy transition",
    "climate policy",
    "housing prices",
    "labor reform",
    "pension reform",
    "tourism project",
    "shipbuilding orders",
    "battery supply",
    "japan relations",
    "tariff exemptions",
    "currency policy",
    "military exercises",
    "cyber attacks",
    "food security",
    "drone strikes",
    "satellite launch",
    "export growth",
    "chaebol reform",
    "kim jong",
    "sanctions -russia",
    "korea or japan",
    '"nuclear test" -missile',
  ],
  author: AUTHORS.slice(0, 30).map((author) => author.name),
  typo: [
    "sanctons",
    "nucelar",
    "alliannce",
    "pyongyng",
    "semiconducter",
    "diplomcy",
    "econmy",
    "inflaton",
    "deterence",
    "misile",
    "tarrifs",
    "chaebul",
    "unifcation",
    "Rudiger Halstein",
    "Eleanor Whitfeld",
    "Kang Minji",
    "Daniel Okafro",
    "Haruka Morrita",
    "Thomas Brightwatr",
    "Margret Lindqvist",
  ],
  "no results": [
    "xylophone quasar",
    "qwertyuiop",
    "zzzzzzz",
    "flibbertigibbet",
    "supercalifragilistic",
    "asdfgh jkl",
    "blorptastic",
    "snozzberry",
    "quuxification",
    "wibblewobble",
  ],
};

type MixEntry = { category: Category; request: SearchRequest };

/** Every 10th request filters by topic, every 7th sorts by date, every 11th asks for page 2. */
function buildMix(): MixEntry[] {
  const entries = Object.entries(MIX).flatMap(([category, queries]) =>
    queries.map((query) => ({ category: category as Category, query })),
  );
  return entries.map(({ category, query }, index) => ({
    category,
    request: {
      query,
      filters: index % 10 === 9 ? { category: "north-korea" } : {},
      sort: index % 7 === 6 ? "newest" : "relevance",
      page: index % 11 === 10 ? 2 : 1,
    },
  }));
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string" },
      rounds: { type: "string" },
      "baseline-queries": { type: "string" },
      "skip-build": { type: "boolean" },
      "build-concurrency": { type: "string" },
      fresh: { type: "boolean" },
      drop: { type: "boolean" },
      typos: { type: "string" },
      "typo-seed": { type: "string" },
      "typos-only": { type: "boolean" },
      crowd: { type: "boolean" },
      seconds: { type: "string" },
      connections: { type: "string" },
    },
  });
  const args = argsSchema.parse({
    sizes: values.sizes,
    rounds: values.rounds,
    baselineQueries: values["baseline-queries"],
    skipBuild: values["skip-build"],
    buildConcurrency: values["build-concurrency"],
    fresh: values.fresh,
    drop: values.drop,
    typos: values.typos,
    typoSeed: values["typo-seed"],
    typosOnly: values["typos-only"],
    crowd: values.crowd,
    seconds: values.seconds,
    connections: values.connections,
  });
  const server = await useDatabase();
  const mix = buildMix();
  console.log(
    `Query mix: ${mix.length} requests (${Object.entries(MIX)
      .map(([category, queries]) => `${queries.length} ${category}`)
      .join(", ")}).`,
  );
  for (const size of args.sizes) {
    await benchSize(server.url, size, mix, args);
  }
});

async function benchSize(
  serverUrl: string,
  size: number,
  mix: MixEntry[],
  args: z.infer<typeof argsSchema>,
): Promise<void> {
  const name = `quire_bench_search_${size}`;
  console.log(`\n=== ${size.toLocaleString("en-US")} publications (database ${name}) ===`);
  if (args.fresh) await dropDatabase(serverUrl, name);
  const url = await scratchDatabase(serverUrl, name);
  const seeded = await seedDemoArchive(url, { count: size, bulk: true, log: (line) => console.log(line) });
  if (seeded.created > 0) {
    console.log(
      `seeding:        ${seeded.created.toLocaleString("en-US")} publications in ${seeded.seconds.toFixed(0)} s (${(seeded.created / seeded.seconds).toFixed(0)}/s, COPY, search rows left to the build)`,
    );
  } else {
    console.log(`seeding:        already seeded (${seeded.total.toLocaleString("en-US")} publications)`);
  }

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows: missing } = await admin.query<{ missing: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "Publication" p WHERE NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."publicationId" = p.id)) AS missing`,
    );
    if (!args.skipBuild || missing[0]!.missing) {
      const report = await rebuildSearchIndex({ connectionString: url, concurrency: args.buildConcurrency });
      const { seconds } = report;
      console.log(
        `index build:    ${seconds.total.toFixed(1)} s (as npm run search:reindex, ${args.buildConcurrency} at once: rows ${seconds.rows.toFixed(1)} s, indexes ${seconds.indexes.toFixed(1)} s, swap ${seconds.swap.toFixed(1)} s, vocabulary ${seconds.vocabulary.toFixed(1)} s)`,
      );
    }
    await admin.query(`VACUUM ANALYZE "SearchDocument"`);
    await admin.query(`VACUUM ANALYZE "SearchTerm"`);
    await admin.query(`VACUUM ANALYZE "Publication"`);
    await printSizes(admin);
  } finally {
    await admin.end();
  }
  if (args.typosOnly) {
    await typoSet(url, args);
    if (args.drop) await dropDatabase(serverUrl, name);
    return;
  }

  if (args.crowd) {
    await benchCrowd(url, args);
    if (args.drop) await dropDatabase(serverUrl, name);
    return;
  }
  const server = await startBenchServer(url);
  try {
    for (const entry of mix) await timedSearch(server.base, entry); // warm-up: caches, plans, V8
    const timings: Timing[] = [];
    for (let round = 0; round < args.rounds; round++) {
      for (const entry of mix) timings.push(await timedSearch(server.base, entry));
    }
    console.log(
      `GET /api/search, one request at a time, ${mix.length} requests × ${args.rounds} rounds after a warm-up round (load ${loadAverage()}):`,
    );
    console.log(`  server time (Server-Timing)  ${summarize(timings.map((timing) => timing.serverMs))}`);
    for (const category of Object.keys(MIX) as Category[]) {
      console.log(
        `    ${category.padEnd(26)} ${summarize(timings.filter((timing) => timing.category === category).map((timing) => timing.serverMs))}`,
      );
    }
    console.log(`  latency seen by the client   ${summarize(timings.map((timing) => timing.ms))}`);
    // A page past the last (page 2 of a query with no results) answers 404, as on the site.
    const pages: number[] = [];
    for (const entry of mix) {
      const url = `${server.base}${searchHref(entry.request)}`;
      pages.push(entry.request.page > 1 ? (await timedGetAllowingNotFound(url)).ms : (await timedGet(url)).ms);
    }
    console.log(`GET /search (the HTML page), ${mix.length} requests: ${summarize(pages)}`);
    // The first measured round's server time of each query, beside one naive run of it.
    const serverMs = new Map(mix.map((entry, index) => [entry, timings[index]!.serverMs]));
    await baseline(
      url,
      mix,
      serverMs,
      args.baselineQueries ?? (size <= 10_000 ? mix.length : Math.max(4, Math.round(2_000_000 / size))),
    );
  } finally {
    server.stop();
  }
  await typoSet(url, args);
  if (args.drop) await dropDatabase(serverUrl, name);
}

async function typoSet(url: string, args: z.infer<typeof argsSchema>): Promise<void> {
  if (args.typos === 0) return;
  const engine = createPostgresSearchEngine({ connectionString: url, maxConnections: 2 });
  try {
    printTypoSet(await runTypoSet(url, engine, { count: args.typos, seed: args.typoSeed }), args.typoSeed);
  } finally {
    await engine.close();
  }
}

/** The crowd's queries: what a newsletter sends many readers to search for at once. */
const CROWD_QUERIES = [
  "sanctions",
  "north korea",
  "supply chain",
  "nuclear",
  "alliance",
  "trade",
  "china",
  "japan",
  "missile",
  "election",
  "inflation",
  "semiconductor",
  "deterrence",
  "summit",
  "pyongyang",
  "tariffs",
  "human rights",
  "export controls",
  "energy",
  "climate",
];

/** Twenty connections, each sending its next request when the last one answered, for `seconds`. */
async function load(
  server: BenchServer,
  nextPath: () => string,
  args: { seconds: number; connections: number },
): Promise<{
  pages: number;
  perSecond: number;
  latencies: number[];
  serverCpuMs: number;
  databaseCpuMs: number | null;
}> {
  const base = server.base;
  const latencies: number[] = [];
  const postgres = embeddedPostgresPid();
  const cpuBefore = { server: treeCpuMs(server.pid), database: postgres ? treeCpuMs(postgres) : 0 };
  const started = performance.now();
  const until = started + args.seconds * 1000;
  await Promise.all(
    Array.from({ length: args.connections }, async () => {
      while (performance.now() < until) latencies.push((await timedGet(`${base}${nextPath()}`)).ms);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    pages: latencies.length,
    perSecond: latencies.length / elapsed,
    latencies,
    serverCpuMs: treeCpuMs(server.pid) - cpuBefore.server,
    databaseCpuMs: postgres ? treeCpuMs(postgres) - cpuBefore.database : null,
  };
}

/**
 * Pages/s and latency, and CPU per page: the server's (server.ts and Next.js) and the embedded
 * database's, which stay meaningful when other work on a shared machine slows the clock figures.
 */
function crowdLine(label: string, result: Awaited<ReturnType<typeof load>>): string {
  const perPage = (ms: number) => (ms / Math.max(result.pages, 1)).toFixed(2);
  const cpu = `CPU per page: server ${perPage(result.serverCpuMs)} ms${result.databaseCpuMs === null ? "" : `, database ${perPage(result.databaseCpuMs)} ms`}`;
  return `  ${label.padEnd(44)} ${result.perSecond.toFixed(0).padStart(5)} pages/s (${result.pages} pages), p50 ${percentile(result.latencies, 50).toFixed(1)} ms, p99 ${percentile(result.latencies, 99).toFixed(1)} ms; ${cpu} (load before ${loadAverage()})`;
}

async function benchCrowd(url: string, args: z.infer<typeof argsSchema>): Promise<void> {
  const crowdPath = (() => {
    let next = 0;
    return () => searchHref({ query: CROWD_QUERIES[next++ % CROWD_QUERIES.length]!, filters: {} });
  })();
  console.log(
    `GET /search (HTML), ${args.connections} connections at once, ${args.seconds} s each; ${CROWD_QUERIES.length} queries in rotation:`,
  );
  for (const cache of ["on", "off"] as const) {
    const server = await startBenchServer(url, { SEARCH_RESULT_CACHE: cache, QUIRE_WORKERS: "off" });
    try {
      // Warm-up: each query asked for twice (the second is the one cached), V8 and the plans warmed.
      for (let round = 0; round < 3; round++) {
        for (const query of CROWD_QUERIES) await timedGet(`${server.base}${searchHref({ query, filters: {} })}`);
      }
      console.log(crowdLine(`crowd, result cache ${cache}`, await load(server, crowdPath, args)));
      if (cache === "off") {
        // Every request a query of its own: two of the common words, in every order, then with a topic.
        const words = MIX.common;
        const longTail: string[] = [];
        for (const first of words)
          for (const second of words) if (first !== second) longTail.push(`${first} ${second}`);
        let next = 0;
        const tailPath = () => {
          const index = next++;
          const query = longTail[index % longTail.length]!;
          const again = Math.floor(index / longTail.length) % 2 === 1;
          return searchHref({ query, filters: again ? { category: "north-korea" } : {} });
        };
        const result = await load(server, tailPath, args);
        console.log(crowdLine("long tail (every query different), cache off", result));
        if (result.pages > longTail.length * 2)
          console.log("  (the long tail repeated some queries: raise its vocabulary)");
      }
    } finally {
      server.stop();
      await exited(server.pid); // its last search counts are written before the database stops
    }
  }
}

async function exited(pid: number): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Timing = { category: Category; ms: number; serverMs: number };

async function timedGet(url: string): Promise<{ ms: number; response: Response }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - started, response };
}

async function timedGetAllowingNotFound(url: string): Promise<{ ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok && response.status !== 404) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - started };
}

async function timedSearch(base: string, entry: MixEntry): Promise<Timing> {
  const { ms, response } = await timedGet(`${base}/api${searchHref(entry.request)}`);
  const serverMs = Number(response.headers.get("server-timing")?.match(/\bsearch;dur=([\d.]+)/)?.[1]);
  if (!Number.isFinite(serverMs)) throw new Error("GET /api/search sent no Server-Timing");
  return { category: entry.category, ms, serverMs };
}

function loadAverage(): string {
  return `${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")} on ${os.cpus().length} cores`;
}

async function printSizes(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; bytes: string }>(`
    SELECT 'table (heap)' AS name, pg_relation_size('"SearchDocument"') AS bytes
    UNION ALL SELECT 'table (TOAST: body vectors)', pg_total_relation_size(reltoastrelid) FROM pg_class WHERE oid = '"SearchDocument"'::regclass
    UNION ALL SELECT 'index ' || indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index WHERE indrelid = '"SearchDocument"'::regclass
    UNION ALL SELECT 'vocabulary ("SearchTerm", with its indexes)', pg_total_relation_size('"SearchTerm"')
    UNION ALL SELECT 'archive ("Publication", for scale)', pg_total_relation_size('"Publication"')`);
  const search = rows.filter((row) => !row.name.startsWith("archive")).reduce((sum, row) => sum + Number(row.bytes), 0);
  // What is indexed, as stored: the bytes of the public publications' titles, summaries and body HTML.
  const { rows: text } = await client.query<{ bytes: string }>(
    `SELECT sum(octet_length(title) + octet_length(summary) + octet_length("bodyHtml"))::bigint AS bytes
       FROM "Publication" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL`,
  );
  const textBytes = Number(text[0]!.bytes);
  const searchDocument = rows
    .filter((row) => row.name.startsWith("table") || row.name.startsWith("index"))
    .reduce((sum, row) => sum + Number(row.bytes), 0);
  console.log(
    `index size:     ${megabytes(search)} in all, ${(search / textBytes).toFixed(2)}x the stored text it indexes (${megabytes(textBytes)}: titles, summaries and body HTML); "SearchDocument" with its indexes ${megabytes(searchDocument)}, ${(searchDocument / textBytes).toFixed(2)}x:`,
  );
  for (const row of rows) console.log(`  ${row.name.padEnd(52)} ${megabytes(Number(row.bytes)).padStart(10)}`);
}

/**
 * The naive way: ILIKE '%word%' on title and body for each word (a quoted phrase as one
 * pattern, "-word" as NOT), the count and the newest 20 in one statement, no facets or
 * snippets. On `count` of the mix's queries spread evenly over it, beside the server
 * time the same queries took through /api/search.
 */
async function baseline(url: string, mix: MixEntry[], serverMs: Map<MixEntry, number>, count: number): Promise<void> {
  if (count === 0) return;
  const step = Math.max(1, Math.floor(mix.length / count));
  const subset = mix.filter((_, index) => index % step === 0).slice(0, count);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const naive: number[] = [];
  try {
    await client.query(`SET jit = off`);
    for (const entry of subset) {
      const { where, values } = ilikeCondition(entry.request.query);
      const started = performance.now();
      await client.query(
        `SELECT p.id, p.title, count(*) OVER () AS total FROM "Publication" p WHERE ${where} ORDER BY p."publishedAt" DESC LIMIT 20`,
        values,
      );
      naive.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  const ours = subset.map((entry) => serverMs.get(entry)!);
  console.log(`naive ILIKE baseline on ${subset.length} of the mix's ${mix.length} queries (load ${loadAverage()}):`);
  console.log(`  ILIKE (SQL only)             ${summarize(naive)}`);
  console.log(`  /api/search, same queries    ${summarize(ours)}`);
  console.log(
    `  ratio:                       ${(percentile(naive, 50) / percentile(ours, 50)).toFixed(0)}x at the median, ${(percentile(naive, 95) / percentile(ours, 95)).toFixed(0)}x at p95`,
  );
}

function ilikeCondition(query: string): { where: string; values: string[] } {
  const values: string[] = [];
  const conditions = [`p.status = 'PUBLISHED'`, `p."deletedAt" IS NULL`, `p."publishedAt" <= now()`];
  for (const [, negated, phrase, word] of query.matchAll(/(-?)(?:"([^"]+)"|(\S+))/g)) {
    const text = (phrase ?? word ?? "").replace(/[%_\\]/g, "");
    if (!text || text.toLowerCase() === "or") continue;
    values.push(`%${text}%`);
    const test = `(p.title ILIKE $${values.length} OR p."bodyHtml" ILIKE $${values.length})`;
    conditions.push(negated ? `NOT ${test}` : test);
  }
  return { where: conditions.join(" AND "), values };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function summarize(values: number[]): string {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  const format = (value: number) => `${value.toFixed(1)} ms`;
  return `p50 ${format(percentile(values, 50))}, p95 ${format(percentile(values, 95))}, p99 ${format(percentile(values, 99))}, max ${format(Math.max(...values))}, mean ${format(mean)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function scratchDatabase(serverUrl: string, name: string): Promise<string> {
  await ensureDatabaseExists(withDatabase(serverUrl, "postgres"), name);
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  return url;
}
