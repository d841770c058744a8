/**
 * What every benchmark starts from: the embedded database, migrated and holding the demo
 * archive, and the site's server (server.ts, production build) on a free local port, stopped on exit.
 */
import { onExit, useDatabase } from "../../scripts/lib/cli";
import { seedDatabase } from "../../scripts/lib/first-run";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfChanged, nextEnvironment, startSite } from "../../scripts/lib/next-build";
import { freePort, waitForHealth } from "../../scripts/lib/processes";

/** `pid`: the server process (its job workers run in it), for benches that measure its CPU time. */
export type BenchServer = { base: string; pid: number; stop(): void };

export async function openBenchDatabase() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the CLI's database helper, not a React hook
  const database = await useDatabase();
  await migrateDatabase(database.url);
  await seedDatabase(database.url, { onlyIfEmpty: true });
  return database;
}

/** A production server's environment for `databaseUrl`, answering at `base`. */
function benchEnvironment(databaseUrl: string, base: string, extra: Record<string, string> = {}) {
  return {
    ...nextEnvironment({
      DATABASE_URL: databaseUrl,
      SITE_URL: base,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-only-secret-long-enough-for-validation",
      // A line per request would flood the terminal under load.
      LOG_LEVEL: process.env.LOG_LEVEL || "warn",
      ...extra,
    }),
    NODE_ENV: "production" as const,
  };
}

/**
 * Builds when sources changed (against `databaseUrl`), then serves that database; `extra`
 * adds to the environment (an SMTP server, a sender).
 */
export async function startBenchServer(databaseUrl: string, extra: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchEnvironment(databaseUrl, base, extra);
  await buildIfChanged(env);
  const server = startSite({ port, hostname: "127.0.0.1" }, env);
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  onExit(stop);
  await waitForHealth(base);
  return { base, pid: server.pid!, stop };
}

/**
 * The same build served by plain `next start`, without server.ts in front (no client
 * address resolution, no security headers or Content-Security-Policy nonce): the reference
 * for what the server's own work costs per request.
 */
export async function startBareNext(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchEnvironment(databaseUrl, base, { QUIRE_WORKERS: "off" });
  const next = path.resolve("node_modules/next/dist/bin/next");
  const server = spawn(process.execPath, [next, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env,
    stdio: "inherit",
  });
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  onExit(stop);
  await waitForHealth(base);
  return { base, pid: server.pid!, stop };
}
