/**
 * The embedded PostgreSQL's life cycle, on a cluster of its own in a scratch directory:
 * data survives a clean stop (Ctrl-C), a killed command (kill -9, server left orphaned) and
 * a crashed server (stale postmaster.pid).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive } from "../scripts/lib/processes";
import { mergeEnvironment, scriptCommand } from "./support/run-script";

const projectRoot = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-embedded-"));
fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
const lockFile = path.join(dataDir, "postgres/postmaster.pid");

type Running = { child: ChildProcess; output: () => string; url: string };

async function startDatabaseCommand(): Promise<Running> {
  const child = spawn(process.execPath, scriptCommand("db-start.ts"), {
    cwd: projectRoot,
    env: mergeEnvironment({ DATABASE_URL: undefined, QUIRE_DATA_DIR: dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`The database command did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { port, password } = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as {
    port: number;
    password: string;
  };
  return {
    child,
    output: () => output,
    url: `postgresql://quire:${encodeURIComponent(password)}@127.0.0.1:${port}/quire`,
  };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("close", () => resolve()));
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function serverPid(): number {
  return Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
}

async function waitUntil(condition: () => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the embedded database", () => {
  afterAll(async () => {
    if (fs.existsSync(lockFile) && isAlive(serverPid())) {
      process.kill(serverPid(), "SIGINT");
      await waitUntil(() => !fs.existsSync(lockFile), "the server stopped");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps data across a clean stop, a killed command and a crashed server", async () => {
    // First start: a new cluster, on a port derived from this data directory.
    const first = await startDatabaseCommand();
    expect(first.output()).toContain("Creating the embedded PostgreSQL cluster");
    await query(first.url, "CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('first')");

    // Ctrl-C: the command stops the server it started.
    first.child.kill("SIGINT");
    await exited(first.child);
    expect(fs.existsSync(lockFile)).toBe(false);

    // kill -9 of the command leaves the server running; the next start adopts it.
    const second = await startDatabaseCommand();
    expect(await query(second.url, "SELECT name FROM survivors")).toEqual([{ name: "first" }]);
    second.child.kill("SIGKILL");
    await exited(second.child);
    const orphan = serverPid();
    expect(isAlive(orphan)).toBe(true);

    const third = await startDatabaseCommand();
    expect(third.output()).toContain(`Adopting the embedded PostgreSQL left running (pid ${orphan})`);
    await query(third.url, "INSERT INTO survivors VALUES ('third')");

    // The server itself crashes: its lock file is left behind, naming a dead process.
    third.child.kill("SIGKILL");
    await exited(third.child);
    process.kill(orphan, "SIGKILL");
    await waitUntil(() => !isAlive(orphan), "the server died");
    expect(fs.existsSync(lockFile)).toBe(true);

    const fourth = await startDatabaseCommand();
    expect(fourth.output()).toContain("Starting the embedded PostgreSQL");
    expect(await query(fourth.url, "SELECT name FROM survivors ORDER BY name")).toEqual([
      { name: "first" },
      { name: "third" },
    ]);
    fourth.child.kill("SIGINT");
    await exited(fourth.child);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 240_000);
});
