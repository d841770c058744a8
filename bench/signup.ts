/**
 * Signups per second with their emails queued, from distinct clients, against the site's
 * server (server.ts, production build, job workers on, SMTP to a local sink in a child
 * process), in a scratch database (quire_bench_signup, re-created each run).
 *
 * Every request comes on its own TCP connection from its own loopback source address
 * (127.x.y.z: Linux routes all of 127.0.0.0/8 to the loopback interface), and the server,
 * trusting no proxy, takes the client's address from the connection: it sees distinct
 * clients and the per-IP limit (20 per address per 10 minutes) never applies; every request
 * carries a distinct email, so the per-address limit does not either.
 * autocannon cannot bind source addresses, hence the small client here (a socket bound to
 * `localAddress`, the request written by hand): a fixed number of requests in flight, each
 * timed from the connection's start to the response's end.
 *
 * Rows, each after a 2 s warm-up with its own addresses:
 *   1. GET /api/health: the reference, a route handler with one query, under the same load.
 *   2. POST /api/subscribe, a new subscriber each: validate, store the subscriber, its consent,
 *      topics, history and its email in one statement, wake the job; answer.
 *   3. POST /api/subscribe from one address: the per-IP limit answering 429 to a flood.
 *   4. POST /api/subscribe behind a front proxy, as deployed (README, "Behind a proxy"): the
 *      proxy (127.0.0.1, trusted with TRUSTED_PROXIES) keeps its connections to the server
 *      open and names each reader in X-Forwarded-For, so the server sees distinct clients
 *      without paying for a new connection each time.
 * Then what happened past the hourly budget of signup emails (set to --budget): signups
 * stored, emails sent, emails waiting, and when the job comes back for them.
 *
 *   npx tsx --conditions=react-server bench/signup.ts [--duration 10] [--connections 32] [--budget 100]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { onExit, runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";
import { startBenchServer } from "./support/next-server";

const argsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(300).default(10),
  connections: z.coerce.number().int().min(1).max(1000).default(32),
  budget: z.coerce.number().int().min(1).max(1_000_000).default(100),
});

const BENCH_DATABASE = "quire_bench_signup";

/** The SMTP sink, in its own process so that receiving does not compete with the server's event loop. */
const SMTP_SINK = `
const { SMTPServer } = require("smtp-server");
let received = 0;
const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false, onData(stream, _session, callback) {
  stream.on("data", () => undefined);
  stream.on("end", () => { received++; callback(); });
} });
server.listen(0, "127.0.0.1", () => process.send({ port: server.server.address().port }));
process.on("message", () => process.send({ received }));`;

/** Loopback source addresses, each used once: 127.1.0.1, 127.1.0.2, … (never 127.0.x.x). */
function addresses() {
  let next = 0;
  return () => {
    const n = next++;
    return `127.${1 + (Math.floor(n / (254 * 256)) % 254)}.${Math.floor(n / 254) % 256}.${1 + (n % 254)}`;
  };
}

/**
 * CPU time (ms) of processes, from /proc: the machine these benchmarks run on is shared,
 * so besides requests per second each row says what a request costs in CPU, which other
 * processes' load does not change much.
 */
const CLOCK_TICKS_PER_SECOND = 100;

function processTimes(): Map<number, { parent: number; cpuMs: number }> {
  const times = new Map<number, { parent: number; cpuMs: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      times.set(Number(entry), { parent: Number(fields[1]), cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND });
    } catch {
      // Gone meanwhile.
    }
  }
  return times;
}

/** CPU ms so far of `root` and its descendants. */
function treeCpuMs(root: number): number {
  const times = processTimes();
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, { parent }] of times)
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree].reduce((total, pid) => total + (times.get(pid)?.cpuMs ?? 0), 0);
}

type Sample = { status: number; ms: number };

/** The front proxy's connections to the server: kept open, as nginx's `keepalive` does. */
const proxyConnections = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One request: on a new connection from `localAddress`, or (`forwardedFor`) as the front
 * proxy sends it, on one of its open connections with the reader's address in X-Forwarded-For.
 */
function request(
  base: URL,
  options: { method: "GET" | "POST"; path: string; body?: string; localAddress: string; forwardedFor?: boolean },
): Promise<Sample> {
  if (!options.forwardedFor) return requestOnNewConnection(base, options);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method,
        path: options.path,
        agent: proxyConnections,
        localAddress: "127.0.0.1",
        headers: {
          ...(options.body
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(options.body) }
            : {}),
          "x-forwarded-for": options.localAddress,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(options.body);
  });
}

/**
 * The request written by hand on a fresh socket with `Connection: close`, timed until the
 * server has sent the whole answer and closed. node:http's client costs several times the
 * CPU per new connection, and on two cores the client's CPU is taken from the server.
 */
function requestOnNewConnection(
  base: URL,
  options: { method: "GET" | "POST"; path: string; body?: string; localAddress: string },
): Promise<Sample> {
  const started = performance.now();
  const body = options.body ?? "";
  const head =
    `${options.method} ${options.path} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n` +
    (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : "") +
    "\r\n";
  return new Promise((resolve) => {
    let status = 0;
    const socket = net.connect(
      { host: base.hostname, port: Number(base.port), localAddress: options.localAddress },
      () => socket.write(head + body),
    );
    // "HTTP/1.1 201 Created": the status is the second word of the first chunk.
    socket.once("data", (chunk: Buffer) => (status = Number(chunk.toString("latin1", 9, 12)) || 0));
    socket.on("data", () => undefined);
    socket.on("error", () => (status = 0));
    socket.on("close", () => resolve({ status, ms: performance.now() - started }));
  });
}

type Load = {
  method: "GET" | "POST";
  path: string;
  body?: (n: number) => string;
  sameAddress?: string;
  /** Sent through the trusted front proxy's open connections. */
  viaProxy?: boolean;
};
type Figures = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
  count: number;
  /** CPU ms per request: the Next server (with its job workers), and the database's backends. */
  serverCpuMs?: number;
  databaseCpuMs?: number;
};

/** `connections` requests in flight for `seconds`; every request a new connection, unless through the proxy. */
async function run(
  base: URL,
  load: Load,
  seconds: number,
  connections: number,
  nextAddress: () => string,
  counter: { n: number },
): Promise<Figures> {
  const samples: Sample[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const n = counter.n++;
        samples.push(
          await request(base, {
            method: load.method,
            path: load.path,
            body: load.body?.(n),
            localAddress: load.sameAddress ?? nextAddress(),
            forwardedFor: load.viaProxy,
          }),
        );
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const statuses = new Map<number, number>();
  for (const sample of samples) statuses.set(sample.status, (statuses.get(sample.status) ?? 0) + 1);
  return {
    requestsPerSecond: samples.length / elapsed,
    p50: quantile(0.5),
    p99: quantile(0.99),
    statuses,
    count: samples.length,
  };
}

runCommand(async () => {
  const { values } = parseArgs({
    options: { duration: { type: "string" }, connections: { type: "string" }, budget: { type: "string" } },
  });
  const args = argsSchema.parse(values);
  const server = await useDatabase();
  const databaseUrl = withDatabase(server.url, BENCH_DATABASE);
  await recreateDatabase(server.url, BENCH_DATABASE);
  await migrateDatabase(databaseUrl);
  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  onExit(() => void database.end().catch(() => undefined));
  await database.query(
    `INSERT INTO "Category" (slug, name, "updatedAt") VALUES ('trade', 'Trade', now()), ('security', 'Security', now()), ('energy', 'Energy', now())`,
  );
  await database.query(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('mail.signupMailsPerHour', $1, now())`,
    [JSON.stringify(args.budget)],
  );

  const sink = spawn(process.execPath, ["-e", SMTP_SINK], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  onExit(() => void sink.kill("SIGTERM"));
  const smtpPort = await new Promise<number>((resolve) =>
    sink.once("message", (message) => resolve((message as { port: number }).port)),
  );
  const smtpReceived = () =>
    new Promise<number>((resolve) => {
      sink.once("message", (message) => resolve((message as { received: number }).received));
      sink.send("count");
    });

  // Only 127.0.0.1, the front proxy of the last row, is trusted: every other client's address
  // is taken from its connection, and a forwarding header it sends is dropped.
  const site = await startBenchServer(databaseUrl, {
    TRUSTED_PROXIES: "127.0.0.1",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "Bench Institute <news@bench.example.org>",
  });
  const base = new URL(site.base);

  const nextAddress = addresses();
  const counter = { n: 0 };
  const signup = (n: number) =>
    JSON.stringify({ email: `reader-${n}@example.org`, firstName: "Reader", topics: ["trade", "energy"] });
  const loads: Array<[string, Load]> = [
    ["GET /api/health (reference: one query)", { method: "GET", path: "/api/health" }],
    ["POST /api/subscribe, distinct clients", { method: "POST", path: "/api/subscribe", body: signup }],
    [
      "POST /api/subscribe, one client (429s)",
      { method: "POST", path: "/api/subscribe", body: signup, sameAddress: "127.0.0.2" },
    ],
    [
      "POST /api/subscribe, behind a front proxy",
      { method: "POST", path: "/api/subscribe", body: signup, viaProxy: true },
    ],
  ];
  const rows: Array<[string, Figures]> = [];
  let signupsAnswered = 0;
  const loadStarted = new Date();
  const backends = async () =>
    (
      await database.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [BENCH_DATABASE],
      )
    ).rows.map((row) => row.pid);
  for (const [name, load] of loads) {
    const warmUp = await run(base, load, 2, args.connections, nextAddress, counter);
    const serverBefore = treeCpuMs(site.pid);
    const timesBefore = processTimes();
    const figures = await run(base, load, args.duration, args.connections, nextAddress, counter);
    // Backends present before count their difference; those that started during the run, whole.
    const after = await backends();
    const serverAfter = treeCpuMs(site.pid);
    const timesAfter = processTimes();
    const databaseCpu = after.reduce(
      (total, pid) => total + (timesAfter.get(pid)?.cpuMs ?? 0) - (timesBefore.get(pid)?.cpuMs ?? 0),
      0,
    );
    figures.serverCpuMs = (serverAfter - serverBefore) / figures.count;
    figures.databaseCpuMs = databaseCpu / figures.count;
    if (load.path === "/api/subscribe" && !load.sameAddress)
      signupsAnswered += (warmUp.statuses.get(200) ?? 0) + (figures.statuses.get(200) ?? 0);
    rows.push([name, figures]);
  }

  // What happened past the budget: give the job a moment to send what the budget allows.
  const mailState = async () =>
    (
      await database.query<{ subscribers: number; sent: number; waiting: number; claimed: number }>(`
        SELECT (SELECT count(*)::int FROM "Subscriber") AS subscribers,
               (SELECT count(*)::int FROM "SignupMail" WHERE "sentAt" IS NOT NULL) AS sent,
               (SELECT count(*)::int FROM "SignupMail" WHERE "sentAt" IS NULL AND "failedAt" IS NULL) AS waiting,
               (SELECT count(*)::int FROM "SignupMail" WHERE "claimedAt" > now() - interval '1 hour') AS claimed`)
    ).rows[0]!;
  let state = await mailState();
  for (let waited = 0; waited < 60_000 && state.sent < Math.min(args.budget, state.subscribers); waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await mailState();
  }
  const resume = (
    await database.query<{ start_after: Date }>(
      `SELECT start_after FROM pgboss.job WHERE name = 'subscribers.signup-mail' AND state = 'created' AND singleton_key = 'later'`,
    )
  ).rows[0];
  const received = await smtpReceived();

  console.log("");
  console.log(
    `${args.connections} requests in flight, ${args.duration} s per row after a 2 s warm-up; every request a new connection from its own 127.x.y.z address (the last row: kept-open connections from a trusted proxy, the reader's address in X-Forwarded-For):`,
  );
  console.log(
    "".padEnd(42) +
      "req/s".padStart(8) +
      "p50 ms".padStart(9) +
      "p99 ms".padStart(9) +
      "CPU ms/req: server".padStart(20) +
      "database".padStart(10) +
      "  answers",
  );
  for (const [name, figures] of rows) {
    const answers = [...figures.statuses].map(([status, count]) => `${status || "error"}: ${count}`).join(", ");
    console.log(
      name.padEnd(42) +
        figures.requestsPerSecond.toFixed(0).padStart(8) +
        figures.p50.toFixed(1).padStart(9) +
        figures.p99.toFixed(1).padStart(9) +
        (figures.serverCpuMs ?? 0).toFixed(2).padStart(20) +
        (figures.databaseCpuMs ?? 0).toFixed(2).padStart(10) +
        `  ${answers}`,
    );
  }
  const load = (await fs.promises.readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
  console.log(
    `(load average ${load} on ${(await import("node:os")).availableParallelism()} CPUs; with a core of its own, one server process answers at most 1000 / "server" requests per second)`,
  );
  console.log("");
  console.log(`Past the budget of ${args.budget.toLocaleString("en-US")} signup emails per hour:`);
  console.log(`  signups answered 200 (thanks):  ${signupsAnswered.toLocaleString("en-US")}`);
  console.log(`  subscribers stored:             ${state.subscribers.toLocaleString("en-US")}`);
  console.log(
    `  emails sent:                    ${state.sent.toLocaleString("en-US")} (the SMTP sink received ${received.toLocaleString("en-US")})`,
  );
  console.log(`  emails waiting (deferred):      ${state.waiting.toLocaleString("en-US")}`);
  console.log(
    `  the job comes back for them at: ${resume ? `${resume.start_after.toISOString()} (${((resume.start_after.getTime() - loadStarted.getTime()) / 60_000).toFixed(1)} min after the load began), and every minute` : "(nothing scheduled)"}`,
  );
  proxyConnections.destroy();
  site.stop();
  sink.kill("SIGTERM");
  await database.end();
});
