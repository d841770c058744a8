/**
 * Public reader throughput against the site's server (server.ts) on the embedded database
 * with the demo archive, beside two references measured in the same run: the publication page's HTML
 * served from memory by a bare Node HTTP server (the physical ceiling) and a minimal
 * static page served by the same server (the framework's floor). The publication
 * page is measured twice: served from the page cache, and rendered (every request a
 * different publication, so each is a cache miss that reads the database). The site's
 * server (server.ts) is measured against plain `next start` on the same build, in turns,
 * for what its own work per request costs (client address, headers, script nonce).
 *
 *   npx tsx bench/reader.ts [--duration 15] [--connections 50]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { z } from "zod";
import { onExit, runCommand } from "../scripts/lib/cli";
import { EVENT_TYPE_SLUG } from "../lib/format/paths";
import { DATA_DIR } from "../scripts/lib/database";
import { freePort, waitForHealth } from "../scripts/lib/processes";
import { clientJavaScriptGzipped } from "./support/client-javascript";
import { openBenchDatabase, startBareNext, startBenchServer } from "./support/next-server";

const argsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(300).default(15),
  connections: z.coerce.number().int().min(1).max(1000).default(50),
});

type Figures = { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number };

runCommand(async () => {
  const { values } = parseArgs({ options: { duration: { type: "string" }, connections: { type: "string" } } });
  const args = argsSchema.parse(values);
  const database = await openBenchDatabase();

  const server = await startBenchServer(database.url);
  const base = server.base;

  const home = await (await fetch(`${base}/`)).text();
  const slug = home.match(/href="\/publications\/([a-z0-9-]+)"/)?.[1];
  if (!slug) throw new Error("No publication link on the home page; is the archive seeded?");
  const publicationPath = `/publications/${slug}`;
  const publicationHtml = await (await fetch(`${base}${publicationPath}`)).text();

  // The ceiling: the same HTML saved to disk and served by a bare Node server in its own
  // process (in this one it would compete with the load generator for the event loop).
  const htmlFile = path.join(DATA_DIR, "bench-publication.html");
  fs.writeFileSync(htmlFile, publicationHtml);
  const staticPort = await freePort();
  const staticServer = spawn(process.execPath, ["-e", STATIC_SERVER, htmlFile, String(staticPort)], {
    stdio: "inherit",
  });
  onExit(() => {
    staticServer.kill("SIGTERM");
  });
  await waitForHealth(`http://127.0.0.1:${staticPort}`, "/");

  // An event's page: the first one /events links to (registration and view are not events).
  const eventsHtml = await (await fetch(`${base}/events`)).text();
  const eventPath = [...eventsHtml.matchAll(/href="(\/events\/[a-z0-9-]+)"/g)]
    .map((match) => match[1]!)
    .find((href) => !/^\/events\/(registration|view)$/.test(href));
  if (!eventPath) throw new Error("No event link on /events; is the archive seeded?");

  const bare = await startBareNext(database.url);
  const targets = [
    { name: "static file server (ceiling)", url: `http://127.0.0.1:${staticPort}/` },
    { name: "next start hello (floor)", url: `${base}/bench/hello` },
    { name: "home", url: `${base}/` },
    { name: "archive page 1", url: `${base}/publications` },
    { name: "archive page 200", url: `${base}/publications?page=200` },
    { name: "publication", url: `${base}${publicationPath}` },
    // The experts directory: unfiltered, and one topic's cached view (target p99 ≤ 100 ms).
    { name: "experts", url: `${base}/experts` },
    { name: "experts by topic", url: `${base}/experts?topic=security` },
    // Events: the listing and one event's page (target p99 ≤ 100 ms).
    { name: "events", url: `${base}/events` },
    { name: "an event", url: `${base}${eventPath}` },
  ];
  const figures: Figures[] = [];
  for (const target of targets) {
    await load(target.url, 3, args.connections); // warm-up: caches, JIT
    figures.push({ name: target.name, ...(await load(target.url, args.duration, args.connections)) });
  }
  // server.ts against plain next start, in alternating rounds (a load that changes meanwhile
  // weighs on both alike); the requests of all rounds together.
  const comparisons: Array<[string, string]> = [
    ["home", "/"],
    ["archive page 1", "/publications"],
    ["publication", publicationPath],
  ];
  const versus: Array<{ page: string; site: number; bare: number }> = [];
  for (const [page, pagePath] of comparisons) {
    await load(`${bare.base}${pagePath}`, 3, args.connections);
    let site = 0;
    let bareCount = 0;
    for (let round = 0; round < 4; round++) {
      const seconds = Math.max(1, Math.round(args.duration / 4));
      site += (await load(`${base}${pagePath}`, seconds, args.connections)).requestsPerSecond * seconds;
      bareCount += (await load(`${bare.base}${pagePath}`, seconds, args.connections)).requestsPerSecond * seconds;
    }
    versus.push({ page, site, bare: bareCount });
  }
  // Cache misses: each request a publication not yet rendered (warm-up on other ones).
  const unseen = (await publishedSlugs(database.url)).filter((other) => other !== slug);
  const warmUp = unseen.splice(0, 300);
  await loadPaths(base, warmUp, 3, args.connections);
  const misses = await loadPaths(base, unseen, args.duration, args.connections);
  figures.push({ name: "publication (cache miss)", ...misses });

  console.log(
    `\n${args.connections} connections, ${args.duration} s each, after a 3 s warm-up; publication: ${publicationPath}`,
  );
  console.log(
    `load average (1/5/15 min) at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} on ${os.cpus().length} cores\n`,
  );
  console.log(
    "page".padEnd(32) + "req/s".padStart(10) + "p50 ms".padStart(10) + "p99 ms".padStart(10) + "errors".padStart(9),
  );
  for (const row of figures) {
    console.log(
      row.name.padEnd(32) +
        row.requestsPerSecond.toFixed(0).padStart(10) +
        String(row.p50).padStart(10) +
        String(row.p99).padStart(10) +
        String(row.errors).padStart(9),
    );
  }
  const byName = (name: string) => figures.find((row) => row.name === name)!;
  const publication = byName("publication");
  console.log("");
  for (const { page, site, bare: bareCount } of versus) {
    console.log(
      `${`${page}: server.ts vs next start:`.padEnd(33)} ${((site / bareCount) * 100).toFixed(0)}% of the requests/s (alternating rounds)`,
    );
  }
  console.log(
    `publication vs framework floor:  ${((publication.requestsPerSecond / byName("next start hello (floor)").requestsPerSecond) * 100).toFixed(0)}% (target ≥ 50%)`,
  );
  console.log(
    `publication vs static ceiling:   ${((publication.requestsPerSecond / byName("static file server (ceiling)").requestsPerSecond) * 100).toFixed(1)}% (target ≥ 5%)`,
  );
  console.log(
    `archive page 200 vs page 1:      ${((byName("archive page 200").requestsPerSecond / byName("archive page 1").requestsPerSecond) * 100).toFixed(0)}% of the requests/s`,
  );
  console.log(
    `publication client JavaScript:   ${((await clientJavaScriptGzipped(base, publicationHtml)) / 1024).toFixed(1)} KB gzipped (target < 80 KB)`,
  );
  const helloHtml = await (await fetch(`${base}/bench/hello`)).text();
  console.log(
    `framework's own (hello page):    ${((await clientJavaScriptGzipped(base, helloHtml)) / 1024).toFixed(1)} KB gzipped`,
  );
  console.log(`publication HTML:                ${(Buffer.byteLength(publicationHtml) / 1024).toFixed(1)} KB`);
  const archiveHtml = await (await fetch(`${base}/publications`)).text();
  console.log(`archive page 1 HTML:             ${(Buffer.byteLength(archiveHtml) / 1024).toFixed(1)} KB`);
});

/** Every published publication's slug, in a fixed random order. */
async function publishedSlugs(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string }>(
      // Events live at /events/[slug]: their /publications/ address only redirects there.
      `SELECT slug FROM "Publication" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" <= now()
        AND "typeId" NOT IN (SELECT id FROM "PublicationType" WHERE slug = $1) ORDER BY md5(slug)`,
      [EVENT_TYPE_SLUG],
    );
    return rows.map((row) => row.slug);
  } finally {
    await client.end();
  }
}

/** Requests each of `slugs` once, in order, for up to `duration` seconds (stopping when they run out). */
async function loadPaths(base: string, slugs: string[], duration: number, connections: number) {
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        requests: [
          { setupRequest: (request) => ({ ...request, path: `/publications/${slugs[next++ % slugs.length]}` }) },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    const timer = setInterval(() => {
      if (next >= slugs.length) instance.stop();
    }, 50);
    instance.on("done", () => clearInterval(timer));
  });
  if (next > slugs.length) console.warn(`Cache-miss run ran out of publications: ${next - slugs.length} were hits.`);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function load(url: string, duration: number, connections: number) {
  const result = await autocannon({ url, connections, duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const STATIC_SERVER = `
const [file, port] = process.argv.slice(1);
const body = require("node:fs").readFileSync(file);
require("node:http").createServer((request, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
  response.end(body);
}).listen(Number(port), "127.0.0.1");`;
