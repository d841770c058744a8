/**
 * The production server, for tests that need the real thing (the hostile-input suite, the
 * page cache under junk addresses): the build, made when the sources changed (one build at
 * a time across test files), then the site's server (server.ts) on a free port against a test database,
 * with an IPC channel to its page cache (page-cache-probe.mjs, preloaded).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfChanged, nextEnvironment, siteServerArguments } from "../../scripts/lib/next-build";
import { freePort, isAlive, waitForHealth } from "../../scripts/lib/processes";

export type PageCacheStats = {
  entries: number;
  bytes: number;
  maxBytes: number;
  keys: string[];
  /** Entries in Next.js's own map of page lifetimes (see the cache handler). */
  frameworkLifetimes: number | null;
};

export type TestServer = {
  base: string;
  /** What the server's page cache holds now. */
  pageCache(): Promise<PageCacheStats>;
  /** The server's memory, after a full garbage collection when started with `exposeGc`. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server's resident memory, from /proc (Linux). */
  rssBytes(): number;
  /** What the server printed (the last 200 lines). */
  output(): string;
  stop(): Promise<void>;
};

/** The server's NEXTAUTH_SECRET, for tests that sign links the server must accept. */
export const TEST_SERVER_SECRET = "a-test-server-secret-that-is-long-enough";
const PROBE = path.resolve("tests/support/page-cache-probe.mjs");

/** Builds if needed (against `databaseUrl`: the build renders the home page), then serves that database. */
export async function startTestServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  options: { exposeGc?: boolean } = {},
): Promise<TestServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...nextEnvironment({
      DATABASE_URL: databaseUrl,
      SITE_URL: base,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: TEST_SERVER_SECRET,
      // Background jobs would change the database while a test compares it.
      QUIRE_WORKERS: "off",
      ...extraEnv,
    }),
    NODE_ENV: "production" as const,
  };
  await withBuildLock(() => buildIfChanged(env));

  const child = spawn(
    process.execPath,
    [
      ...(options.exposeGc ? ["--expose-gc"] : []),
      "--import",
      PROBE,
      ...siteServerArguments({ port, hostname: "127.0.0.1" }),
    ],
    {
      env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n"));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  try {
    await waitForHealth(base);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${lines.join("\n")}`);
  }

  let questions = 0;
  return {
    base,
    pageCache: () => ask<PageCacheStats>(child, "quire:page-cache", ++questions),
    memory: () => ask<NodeJS.MemoryUsage>(child, "quire:memory", ++questions),
    rssBytes: () => residentBytes(child.pid!),
    output: () => lines.join("\n"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A question to page-cache-probe.mjs in the server, and its answer. */
function ask<T>(child: ChildProcess, type: string, id: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string; id?: number; stats?: T }) => {
      if (message?.type !== type || message.id !== id) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message.stats!);
    };
    const onExit = () => reject(new Error("The server exited before answering."));
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ type, id });
  });
}

function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}

/**
 * The production build, made when the sources changed (against `databaseUrl`: the build
 * renders the home page), one build at a time across test files: for tests that start
 * servers of their own (tests/cluster.test.ts).
 */
export async function buildSiteOnce(databaseUrl: string): Promise<void> {
  const env = {
    ...nextEnvironment({ DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: TEST_SERVER_SECRET, QUIRE_WORKERS: "off" }),
    NODE_ENV: "production" as const,
  };
  await withBuildLock(() => buildIfChanged(env));
}

/**
 * Runs `build` while holding a lock shared by every test process of this checkout, so two
 * test files never build into the same .next at once. A lock left by a process that died
 * is taken over.
 */
async function withBuildLock<T>(build: () => Promise<T>): Promise<T> {
  const lock = path.join(
    os.tmpdir(),
    `quire-build-${createHash("sha256").update(process.cwd()).digest("hex").slice(0, 16)}`,
  );
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lock, "pid"), "utf8")) || 0;
      } catch {
        // released just now, or its owner is still writing its pid
      }
      if (owner && !isAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await lockReleased(lock);
    }
  }
  try {
    return await build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Resolves when the lock directory is gone (or after a while, to look again at its owner). */
function lockReleased(lock: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = fs.watch(path.dirname(lock), () => {
      if (!fs.existsSync(lock)) done();
    });
    const timer = setTimeout(done, 5_000);
    function done() {
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
    if (!fs.existsSync(lock)) done();
  });
}
