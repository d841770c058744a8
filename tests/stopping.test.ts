/**
 * `npm start` stops everything it started, however it is stopped: Ctrl-C in a terminal
 * (SIGINT to the whole process group), SIGTERM to the process group, and SIGTERM to the
 * npm process alone (what `kill PID` or a process manager sends; npm then exits without
 * passing the signal on). Each time the site stops gracefully (its server says "Stopped."),
 * then the embedded PostgreSQL; no process is left and the port is free.
 *
 * Real `npm start` on a scratch data directory with no demo archive (QUIRE_DEMO_CONTENT=false);
 * the first start builds the site if its sources changed since the last build.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isPortFree } from "../scripts/lib/processes";
import { mergeEnvironment } from "./support/run-script";

const projectRoot = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-stopping-"));
fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
const lockFile = path.join(dataDir, "postgres/postmaster.pid");
/** Every process a test saw, to end whatever a failed test left behind (orphans included). */
const seen = new Set<number>();

type Run = { npm: ChildProcess; port: number; output: () => string };

/** Alive and not a zombie (an orphan's exit is reaped by whoever adopted it, maybe later). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every process descended from `root` (by parent pid), read from /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

function postgresPid(): number {
  return Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
}

function describeProcess(pid: number): string {
  try {
    return `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`;
  } catch {
    return `${pid} (gone)`;
  }
}

async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  run: Run,
  timeoutMs: number,
  detail: () => string = () => "",
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting until ${what}. ${detail()}\nOutput:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startNpm(): Promise<Run> {
  const port = await freePort();
  const npm = spawn("npm", ["start"], {
    cwd: projectRoot,
    // Its own process group, as in a terminal: a group signal reaches npm, its shell and Node.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: mergeEnvironment({
      DATABASE_URL: undefined,
      NODE_ENV: undefined,
      QUIRE_DATA_DIR: dataDir,
      PORT: String(port),
      SITE_URL: undefined,
      NEXTAUTH_URL: undefined,
      NEXTAUTH_SECRET: undefined,
      QUIRE_DEMO_CONTENT: "false",
      ADMIN_EMAIL: "stopping@example.org",
      ADMIN_PASSWORD: "a-long-enough-password-for-stopping",
      QUIRE_SHUTDOWN_SECONDS: "10",
    }),
  });
  seen.add(npm.pid!);
  let output = "";
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const run = { npm, port, output: () => output };
  await waitUntil(
    async () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      try {
        return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
      } catch {
        return false;
      }
    },
    "the site answers /api/health",
    run,
    // The first start may create the cluster, migrate and build.
    900_000,
  );
  return run;
}

describe("stopping npm start", () => {
  afterAll(() => {
    // Whatever a failed test left behind.
    for (const pid of seen) if (running(pid)) process.kill(pid, "SIGKILL");
    if (fs.existsSync(lockFile) && running(postgresPid())) process.kill(postgresPid(), "SIGINT");
    else fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["Ctrl-C (SIGINT to the process group)", (run: Run) => process.kill(-run.npm.pid!, "SIGINT")],
    ["SIGTERM to the process group", (run: Run) => process.kill(-run.npm.pid!, "SIGTERM")],
    ["SIGTERM to the npm process alone", (run: Run) => process.kill(run.npm.pid!, "SIGTERM")],
  ])(
    "%s stops the site and the database, and frees the port",
    async (_way, stop) => {
      const run = await startNpm();
      const processes = [run.npm.pid!, ...descendants(run.npm.pid!)];
      for (const pid of processes) seen.add(pid);
      const database = postgresPid();
      expect(processes.length).toBeGreaterThanOrEqual(3); // npm, its shell, Node (and the site's server)
      expect(running(database)).toBe(true);

      stop(run);

      await waitUntil(
        () => [...processes, database].every((pid) => !running(pid)),
        "every process npm start started has exited",
        run,
        60_000,
        () => `Still running: ${[...processes, database].filter(running).map(describeProcess).join("; ")}`,
      );
      expect(run.output()).toContain("Stopped.");
      expect(fs.existsSync(lockFile)).toBe(false);
      expect(await isPortFree(run.port)).toBe(true);
    },
    1_000_000,
  );
});
