/**
 * What a rate-limit check costs: the hand-written in-memory limiter the site used before
 * (the baseline, copied below as it was), rate-limiter-flexible in memory (the default),
 * and rate-limiter-flexible in PostgreSQL (RATE_LIMIT_STORE=postgres, shared by servers),
 * plus the sign-in lockout's admit-and-fail cycle in both stores.
 *
 *   npx tsx bench/rate-limit.ts [--checks 20000] [--concurrency 32] [--keys 1000]
 *
 * Each store runs in its own process (the store is chosen when the environment is read),
 * against a scratch database (quire_bench_rate_limit) on the usual server. Printed per
 * case: checks per second one at a time (with p50/p99 latency) and with `concurrency`
 * checks in flight, as a request handler sees them.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { dropDatabase, recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";

const argsSchema = z.object({
  checks: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  concurrency: z.coerce.number().int().min(1).max(512).default(32),
  keys: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  child: z.enum(["memory", "postgres"]).optional(),
  database: z.string().optional(),
});
type Args = z.infer<typeof argsSchema>;

/** The limiter of lib/http/rate-limit.ts before rate-limiter-flexible (commit 89afc3b), unchanged. */
class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}
  attempt(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    while (this.hits.size > this.maxKeys) {
      const stalest = this.hits.keys().next().value;
      if (stalest === undefined) break;
      this.hits.delete(stalest);
    }
    return true;
  }
}

type Figures = { case: string; sequentialPerSecond: number; p50Ms: number; p99Ms: number; concurrentPerSecond: number };

const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;

async function measure(label: string, args: Args, check: (index: number) => Promise<unknown>): Promise<Figures> {
  for (let index = 0; index < Math.min(500, args.checks); index++) await check(index); // warm-up
  const latencies: number[] = [];
  const started = performance.now();
  for (let index = 0; index < args.checks; index++) {
    const before = performance.now();
    await check(index);
    latencies.push(performance.now() - before);
  }
  const sequentialSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  let next = 0;
  const concurrentStart = performance.now();
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      while (next < args.checks) await check(next++);
    }),
  );
  const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
  return {
    case: label,
    sequentialPerSecond: Math.round(args.checks / sequentialSeconds),
    p50Ms: Number(percentile(latencies, 0.5).toFixed(3)),
    p99Ms: Number(percentile(latencies, 0.99).toFixed(3)),
    concurrentPerSecond: Math.round(args.checks / concurrentSeconds),
  };
}

/** One store's cases, in a process of its own. */
async function child(args: Args): Promise<Figures[]> {
  process.env.DATABASE_URL = args.database;
  process.env.RATE_LIMIT_STORE = args.child;
  const { RateLimit, ProgressiveLockout, closeRateLimitStore } = await import("@/lib/http/rate-limit");
  // Generous limits, so every check does the full work of an allowed attempt.
  const limit = new RateLimit(`bench-${args.child}`, 1_000_000, 600);
  const key = (index: number) => `203.0.${Math.floor((index % args.keys) / 256)}.${index % 256}`;
  const figures = [await measure(`rate-limiter-flexible, ${args.child}`, args, (index) => limit.attempt(key(index)))];
  const lockout = new ProgressiveLockout(`bench-lockout-${args.child}`, {
    failuresBeforeLock: 1_000_000,
    stepsMinutes: [1],
    forgetAfterSeconds: 3600,
  });
  figures.push(
    await measure(`sign-in lockout (admit + failed), ${args.child}`, args, async (index) => {
      const verdict = await lockout.admit(`person-${index % args.keys}@example.org|address:${key(index)}`);
      if (verdict.ok) await lockout.failed(verdict.admission);
    }),
  );
  await closeRateLimitStore();
  return figures;
}

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      checks: { type: "string" },
      concurrency: { type: "string" },
      keys: { type: "string" },
      child: { type: "string" },
      database: { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  if (args.child) {
    process.stdout.write(`${JSON.stringify(await child(args))}\n`);
    return 0;
  }

  const server = await useDatabase();
  const name = "quire_bench_rate_limit";
  await recreateDatabase(server.url, name);
  const url = withDatabase(server.url, name);
  await migrateDatabase(url);

  const baseline = new SlidingWindowLimiter(1_000_000, 600_000);
  const rows: Figures[] = [
    await measure("baseline: hand-written limiter, memory", args, async (index) =>
      baseline.attempt(`203.0.${Math.floor((index % args.keys) / 256)}.${index % 256}`),
    ),
  ];
  for (const store of ["memory", "postgres"] as const) {
    const run = spawnSync(
      "npx",
      ["tsx", "bench/rate-limit.ts", "--child", store, "--database", url, ...process.argv.slice(2)],
      { encoding: "utf8", maxBuffer: 10 * 1024 * 1024 },
    );
    if (run.status !== 0) throw new Error(`The ${store} run failed:\n${run.stderr}`);
    rows.push(...(JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Figures[]));
  }
  await dropDatabase(server.url, name);

  console.log(`\n${args.checks} checks over ${args.keys} keys; one at a time, then ${args.concurrency} in flight.\n`);
  console.table(
    rows.map((row) => ({
      case: row.case,
      "checks/s (one at a time)": row.sequentialPerSecond,
      "p50 ms": row.p50Ms,
      "p99 ms": row.p99Ms,
      [`checks/s (${args.concurrency} in flight)`]: row.concurrentPerSecond,
    })),
  );
  return 0;
});
