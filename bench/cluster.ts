/**
 * The cluster (scripts/lib/cluster.ts, as `npm run cluster` runs it) under load, beside
 * nginx serving the same HTML from disk, in the same run, with wrk at the same connections:
 *
 * 1. through the front cache (Varnish): the publication page, the home page and archive
 *    page 1, requests/s and p99, and their share of nginx's requests/s. Both are asked as a
 *    browser asks (Accept-Encoding: gzip), and nginx serves the very bytes the front sent
 *    (gzip_static); without it the front would unzip its stored copy on every request,
 *    which no reader's browser makes it do;
 * 2. publish-to-visible at the front: from the editor's Publish request until the front
 *    serves the publication (and its unpublish until the front answers 404), several rounds;
 * 3. the front cache off (every request passed to the app servers): home and archive page 1
 *    with 1 and then 2 app servers, and each server's resident memory afterwards.
 *
 * On a shared machine the figures move with whatever else runs: the load average is
 * printed with them.
 *
 *   npx tsx bench/cluster.ts [--duration 10] [--connections 50] [--port 8410]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { z } from "zod";
import { createDatabaseClient } from "@/lib/db-client";
import { createStaffAccount } from "@/lib/auth/accounts";
import { onExit, runCommand, UsageError } from "../scripts/lib/cli";
import { missingClusterPackages, missingPackagesMessage, startCluster, type Cluster } from "../scripts/lib/cluster";
import { buildIfChanged, nextEnvironment } from "../scripts/lib/next-build";
import { stopChild } from "../scripts/lib/processes";
import { signIn, transition } from "../tests/support/staff-http";
import { openBenchDatabase } from "./support/next-server";

const argsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(300).default(10),
  connections: z.coerce.number().int().min(1).max(1000).default(50),
  port: z.coerce.number().int().min(1024).max(65000).default(8410),
});

const SECRET = "bench-only-secret-long-enough-for-validation";
const STAFF_EMAIL = "cluster-bench@example.org";
const STAFF_PASSWORD = "cluster-bench-password-1";
const ROUNDS = 5;

type Figures = { requestsPerSecond: number; p99: number; non2xx: number };

runCommand(async () => {
  const { values } = parseArgs({
    options: { duration: { type: "string" }, connections: { type: "string" }, port: { type: "string" } },
  });
  const args = argsSchema.parse(values);
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new UsageError(missingPackagesMessage(missing));
  for (const tool of ["nginx", "wrk"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0)
      throw new UsageError(`The benchmark needs ${tool} (Debian package ${tool}).`);
  }

  const database = await openBenchDatabase();
  await buildIfChanged({
    ...nextEnvironment({ DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET }),
    NODE_ENV: "production",
  });
  const db = createDatabaseClient(database.url, { maxConnections: 2 });
  onExit(() => db.$disconnect());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-cluster-bench-"));
  fs.chmodSync(workDir, 0o755); // nginx's workers run as another user
  onExit(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const current: { cluster: Cluster | null } = { cluster: null };
  const start = async (instances: number, frontCache: boolean) => {
    await current.cluster?.stop();
    current.cluster = await startCluster({
      instances,
      frontPort: args.port,
      redisPort: args.port + instances + 1,
      databaseUrl: database.url,
      secret: SECRET,
      workDir: path.join(workDir, `${instances}-${frontCache}`),
      frontCache,
      // Jobs would write while we measure.
      env: { QUIRE_WORKERS: "off" },
    });
    return current.cluster;
  };
  onExit(() => current.cluster?.stop());

  // 1. Through the front cache, beside nginx.
  let running = await start(2, true);
  const home = await (await fetch(`${running.front}/`)).text();
  const slug = home.match(/href="\/publications\/([a-z0-9-]+)"/)?.[1];
  if (!slug) throw new Error("No publication link on the home page; is the archive seeded?");
  const pages = [
    { name: "publication", path: `/publications/${slug}` },
    { name: "home", path: "/" },
    { name: "archive page 1", path: "/publications" },
  ];
  const nginxRoot = path.join(workDir, "nginx-root");
  fs.mkdirSync(nginxRoot, { recursive: true });
  for (const [index, page] of pages.entries()) {
    const gzipped = await fetchRaw(`${running.front}${page.path}`);
    if (gzipped.contentEncoding !== "gzip") throw new Error(`The front did not gzip ${page.path}.`);
    fs.writeFileSync(path.join(nginxRoot, `page-${index}.html.gz`), gzipped.body);
    fs.writeFileSync(path.join(nginxRoot, `page-${index}.html`), zlib.gunzipSync(gzipped.body));
  }
  const nginxPort = args.port + 20;
  const nginx = startNginx(workDir, nginxRoot, nginxPort);
  onExit(() => stopChild(nginx, 5000));
  await waitUntilAnswers(`http://127.0.0.1:${nginxPort}/page-0.html`);
  for (const index of pages.keys()) {
    const served = await fetchRaw(`http://127.0.0.1:${nginxPort}/page-${index}.html`);
    if (
      served.contentEncoding !== "gzip" ||
      served.body.length !== fs.statSync(path.join(nginxRoot, `page-${index}.html.gz`)).size
    )
      throw new Error("nginx does not serve the front's gzipped bytes (gzip_static).");
  }

  const cached: Array<{ name: string; front: Figures; nginx: Figures; xCache: string | null }> = [];
  for (const instance of running.instances)
    for (const page of pages) await (await fetch(`${instance}${page.path}`)).arrayBuffer();
  for (const [index, page] of pages.entries()) {
    const frontUrl = `${running.front}${page.path}`;
    const nginxUrl = `http://127.0.0.1:${nginxPort}/page-${index}.html`;
    await wrk(frontUrl, 2, args.connections, BROWSER_ENCODINGS);
    await wrk(nginxUrl, 2, args.connections, BROWSER_ENCODINGS);
    const xCache = (await fetch(frontUrl)).headers.get("x-cache");
    cached.push({
      name: page.name,
      front: await wrk(frontUrl, args.duration, args.connections, BROWSER_ENCODINGS),
      nginx: await wrk(nginxUrl, args.duration, args.connections, BROWSER_ENCODINGS),
      xCache,
    });
  }
  await stopChild(nginx, 5000);

  // 2. Publish-to-visible at the front.
  const draft = await preparedDraft(db);
  const staffCookie = await signIn(running.instances[0]!, STAFF_EMAIL, STAFF_PASSWORD);
  const address = `${running.front}/publications/${draft.slug}`;
  const publishToVisible: number[] = [];
  const unpublishToGone: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await fetch(`${running.front}/`); // the home page cached at the front, to be purged
    let startedAt = performance.now();
    await transition(running.instances[round % 2]!, staffCookie, draft.id, "publish");
    while ((await fetch(address)).status !== 200);
    publishToVisible.push(performance.now() - startedAt);
    await fetch(address); // now cached at the front
    startedAt = performance.now();
    await transition(running.instances[(round + 1) % 2]!, staffCookie, draft.id, "unpublish");
    while ((await fetch(address)).status !== 404);
    unpublishToGone.push(performance.now() - startedAt);
  }

  // 3. The front cache off: 1 and 2 app servers.
  const uncached: Array<{ instances: number; home: Figures; archive: Figures; rssMb: number[] }> = [];
  for (const instances of [1, 2]) {
    running = await start(instances, false);
    const homeUrl = `${running.front}/`;
    const archiveUrl = `${running.front}/publications`;
    // Each server renders (or loads) both pages once before the load: a first render on a
    // busy machine takes longer than a warm-up run.
    for (const instance of running.instances)
      for (const pagePath of ["/", "/publications"]) await (await fetch(`${instance}${pagePath}`)).arrayBuffer();
    await wrk(homeUrl, 3, args.connections);
    await wrk(archiveUrl, 3, args.connections);
    const homeFigures = await wrk(homeUrl, args.duration, args.connections);
    const archiveFigures = await wrk(archiveUrl, args.duration, args.connections);
    uncached.push({
      instances,
      home: homeFigures,
      archive: archiveFigures,
      rssMb: running.processes.map((child) => residentMb(child.pid!)),
    });
  }
  await current.cluster?.stop();
  current.cluster = null;

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`\n${args.connections} connections, ${args.duration} s each (wrk, 2 threads), after a warm-up.`);
  console.log(
    `load average (1/5/15 min) at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} on ${os.cpus().length} cores (shared machine: figures are noisy)\n`,
  );
  console.log("Through the front cache (2 app servers), beside nginx serving the same HTML:");
  console.log(
    "page".padEnd(18) +
      "front req/s".padStart(13) +
      "p99 ms".padStart(9) +
      "nginx req/s".padStart(13) +
      "p99 ms".padStart(9) +
      "share".padStart(8) +
      "  X-Cache",
  );
  for (const row of cached) {
    console.log(
      row.name.padEnd(18) +
        row.front.requestsPerSecond.toFixed(0).padStart(13) +
        row.front.p99.toFixed(1).padStart(9) +
        row.nginx.requestsPerSecond.toFixed(0).padStart(13) +
        row.nginx.p99.toFixed(1).padStart(9) +
        `${((row.front.requestsPerSecond / row.nginx.requestsPerSecond) * 100).toFixed(0)}%`.padStart(8) +
        `  ${row.xCache}` +
        (row.front.non2xx + row.nginx.non2xx > 0 ? `  (non-2xx: ${row.front.non2xx}/${row.nginx.non2xx})` : ""),
    );
  }
  console.log(`(targets: ≥ 50 % of nginx's requests/s, p99 ≤ 20 ms)\n`);
  console.log(
    `Publish to visible at the front: median ${median(publishToVisible).toFixed(0)} ms, max ${Math.max(...publishToVisible).toFixed(0)} ms ` +
      `(${ROUNDS} rounds, target ≤ 1 s); unpublish to gone: median ${median(unpublishToGone).toFixed(0)} ms, ` +
      `max ${Math.max(...unpublishToGone).toFixed(0)} ms.\n`,
  );
  console.log("Front cache off (every request rendered or served by the app servers' shared cache):");
  console.log(
    "servers".padEnd(9) +
      "home req/s".padStart(12) +
      "p99 ms".padStart(9) +
      "archive req/s".padStart(15) +
      "p99 ms".padStart(9) +
      "  resident memory per server",
  );
  for (const row of uncached) {
    console.log(
      String(row.instances).padEnd(9) +
        row.home.requestsPerSecond.toFixed(0).padStart(12) +
        row.home.p99.toFixed(1).padStart(9) +
        row.archive.requestsPerSecond.toFixed(0).padStart(15) +
        row.archive.p99.toFixed(1).padStart(9) +
        `  ${row.rssMb.map((mb) => `${mb.toFixed(0)} MB`).join(", ")}`,
    );
  }
  console.log(`(a second server must not make it worse; target p99 ≤ 100 ms for home and archive)`);
});

/** A draft the rounds publish and unpublish, and the staff account that does it. */
async function preparedDraft(db: ReturnType<typeof createDatabaseClient>) {
  if (!(await db.user.findUnique({ where: { email: STAFF_EMAIL } })))
    await createStaffAccount(db, {
      email: STAFF_EMAIL,
      name: "Cluster Bench",
      role: "EDITOR",
      password: STAFF_PASSWORD,
    });
  const type = await db.publication.findFirstOrThrow({
    where: { status: "PUBLISHED", type: { slug: { not: "event" } } },
    select: { typeId: true },
  });
  const slug = "cluster-bench-publish-to-visible";
  const existing = await db.publication.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (existing) {
    await db.publication.update({ where: { id: existing.id }, data: { status: "DRAFT", publishedAt: null } });
    return existing;
  }
  return db.publication.create({
    data: {
      slug,
      title: "Publish to visible",
      summary: "The cluster benchmark publishes and unpublishes this.",
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Measured.</p>",
      typeId: type.typeId,
    },
    select: { id: true, slug: true },
  });
}

/** nginx serving `root` on loopback, in the foreground, with files of its own under `workDir`. */
function startNginx(workDir: string, root: string, port: number): ChildProcess {
  const prefix = path.join(workDir, "nginx");
  fs.mkdirSync(path.join(prefix, "logs"), { recursive: true });
  const config = path.join(prefix, "nginx.conf");
  fs.writeFileSync(
    config,
    `worker_processes 2;
pid ${prefix}/nginx.pid;
error_log stderr warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    default_type text/html;
    gzip_static on;
  }
}
`,
  );
  const binary = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  return spawn(binary, ["-p", prefix, "-c", config], { stdio: ["ignore", "inherit", "inherit"] });
}

/** The body exactly as sent (fetch would unzip it), asked with the browser's encodings. */
function fetchRaw(url: string): Promise<{ contentEncoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ contentEncoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

async function waitUntilAnswers(url: string): Promise<void> {
  for (let attempts = 0; ;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (++attempts > 100) throw new Error(`${url} does not answer.`);
  }
}

/** wrk's requests/s and p99 (ms) for `url`. */
/** What Chromium sends: the front serves its stored gzip as is. */
const BROWSER_ENCODINGS = "Accept-Encoding: gzip, deflate, br, zstd";

function wrk(url: string, duration: number, connections: number, header?: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const headerArguments = header ? ["-H", header] : [];
    const child = spawn("wrk", ["-t2", `-c${connections}`, `-d${duration}s`, "--latency", ...headerArguments, url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => {
      const requests = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
      const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\b/m.exec(output);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1];
      if (!requests || !p99) return reject(new Error(`Could not read wrk's output:\n${output}`));
      const scale = p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1;
      resolve({ requestsPerSecond: Number(requests), p99: Number(p99[1]) * scale, non2xx: Number(non2xx ?? 0) });
    });
  });
}

function residentMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
