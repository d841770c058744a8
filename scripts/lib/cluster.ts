/**
 * Several app servers on one machine behind a front cache, sharing one Redis: what
 * `npm run cluster` starts, and what tests/cluster.test.ts and bench/cluster.ts start the
 * same way. The database is the caller's (migrated, and the site built, before this runs).
 *
 *   Redis      redis-server (Debian package redis-server), the page cache, the rate
 *              limits and the mail pace; maxmemory with volatile-lru, so tag times (no
 *              expiry) are never evicted
 *   app 1..N   server.ts, the production build, each on its own loopback port
 *   front      varnishd (Debian packages varnish, varnish-modules for xkey) running
 *              deploy/varnish/default.vcl, with this cluster's backends and purge token
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { nextEnvironment, siteServerArguments, siteStopGraceMs } from "./next-build";
import { stopChild } from "./processes";

/** What the cluster runs, and the Debian package each comes from. */
const REQUIREMENTS = [
  { what: "redis-server", kind: "binary", debianPackage: "redis-server" },
  { what: "varnishd", kind: "binary", debianPackage: "varnish" },
  { what: "libvmod_xkey.so", kind: "vmod", debianPackage: "varnish-modules" },
] as const;

const BINARY_DIRS = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin", "/sbin"];

function findBinary(name: string): string | null {
  for (const dir of BINARY_DIRS) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Where Debian (any architecture) and a source install keep Varnish's modules. */
function vmodDirs(): string[] {
  const dirs = ["/usr/lib/varnish/vmods", "/usr/local/lib/varnish/vmods"];
  try {
    for (const entry of fs.readdirSync("/usr/lib")) {
      if (entry.endsWith("-linux-gnu")) dirs.push(path.join("/usr/lib", entry, "varnish/vmods"));
    }
  } catch {
    // no /usr/lib
  }
  return dirs;
}

/** The Debian packages the cluster needs that this machine lacks (none: it can run). */
export function missingClusterPackages(): string[] {
  return REQUIREMENTS.filter((requirement) =>
    requirement.kind === "binary"
      ? findBinary(requirement.what) === null
      : !vmodDirs().some((dir) => fs.existsSync(path.join(dir, requirement.what))),
  ).map((requirement) => requirement.debianPackage);
}

/** The message for missing packages: what to install, and how. */
export function missingPackagesMessage(missing: string[]): string {
  return (
    `The cluster needs Debian packages this machine lacks: ${missing.join(", ")}.\n` +
    `Install them with: sudo apt-get install -y ${missing.join(" ")}`
  );
}

export type ClusterOptions = {
  /** App servers (1 or more). */
  instances: number;
  /** The front's port; the app servers take the ports after it unless `instancePorts`. */
  frontPort: number;
  instancePorts?: number[];
  redisPort: number;
  databaseUrl: string;
  /** NEXTAUTH_SECRET, the same on every server. */
  secret: string;
  /** Redis's and Varnish's working files go under here. */
  workDir: string;
  /** Extra environment for the app servers. */
  env?: Record<string, string>;
  /** false: the front passes every request to the app servers (the benchmark's "front cache off"). */
  frontCache?: boolean;
  /** Print what each process says (the command) rather than keep it for `output()` (tests). */
  inheritOutput?: boolean;
};

export type Cluster = {
  front: string;
  instances: string[];
  redisUrl: string;
  purgeToken: string;
  /** The app servers' processes, in order (a test may stop one). */
  processes: ChildProcess[];
  /** Resolves when any process of the cluster exits on its own. */
  exited: Promise<string>;
  /** The last lines every process printed. */
  output(): string;
  stop(): Promise<void>;
};

const DEFAULT_VCL = path.resolve("deploy/varnish/default.vcl");
const SHIPPED_VCL_DIR = path.resolve("deploy/varnish");

/**
 * Starts Redis, the app servers and Varnish, each waited for until it says it is ready;
 * if any fails to start, what did start is stopped and the error thrown.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new Error(missingPackagesMessage(missing));
  const instancePorts =
    options.instancePorts ?? Array.from({ length: options.instances }, (_, index) => options.frontPort + 1 + index);
  const front = `http://127.0.0.1:${options.frontPort}`;
  const redisUrl = `redis://127.0.0.1:${options.redisPort}`;
  const purgeToken = randomBytes(24).toString("base64url");
  const lines: string[] = [];
  const started: Array<{ child: ChildProcess; graceMs: number }> = [];
  let stopping = false;

  const launch = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv, graceMs: number) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        if (options.inheritOutput) console.log(`[${label}] ${line}`);
        lines.push(`[${label}] ${line}`);
      }
      if (lines.length > 400) lines.splice(0, lines.length - 400);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    started.push({ child, graceMs });
    return child;
  };

  const stop = async () => {
    stopping = true;
    // The front first (no new requests), then the app servers, then Redis.
    for (const { child, graceMs } of [...started].reverse()) await stopChild(child, graceMs);
  };

  try {
    fs.mkdirSync(options.workDir, { recursive: true });
    const redisDir = path.join(options.workDir, "redis");
    fs.mkdirSync(redisDir, { recursive: true });
    const redis = launch(
      "redis",
      findBinary("redis-server")!,
      redisArguments(options.redisPort, redisDir),
      process.env,
      5000,
    );
    await saysReady(redis, /Ready to accept connections/, "Redis");

    const appEnv = {
      ...nextEnvironment({
        DATABASE_URL: options.databaseUrl,
        NEXTAUTH_SECRET: options.secret,
        NEXTAUTH_URL: front,
        SITE_URL: front,
        REDIS_URL: redisUrl,
        RATE_LIMIT_STORE: "redis",
        FRONT_CACHE_PURGE_URL: front,
        FRONT_CACHE_PURGE_TOKEN: purgeToken,
        // Varnish (on loopback) adds the reader's address to X-Forwarded-For.
        TRUSTED_PROXIES: "loopback",
        ...options.env,
      }),
      NODE_ENV: "production" as const,
    };
    const apps = instancePorts.map((port, index) =>
      launch(
        `app${index + 1}`,
        process.execPath,
        siteServerArguments({ port, hostname: "127.0.0.1" }),
        appEnv,
        siteStopGraceMs(appEnv),
      ),
    );
    // Ready when it answers its health check (whatever LOG_LEVEL lets it print).
    await Promise.all(
      apps.map((child, index) =>
        answersHealth(child, `http://127.0.0.1:${instancePorts[index]}`, `App server ${index + 1}`),
      ),
    );

    const vclDir = path.join(options.workDir, "varnish-vcl");
    fs.mkdirSync(vclDir, { recursive: true });
    fs.writeFileSync(path.join(vclDir, "backends.vcl"), backendsVcl(instancePorts, options.frontCache !== false));
    fs.writeFileSync(
      path.join(vclDir, "purge-token.vcl"),
      `sub quire_check_purge_token {\n    if (req.http.X-Purge-Token != "${purgeToken}") {\n        return (synth(403, "Forbidden"));\n    }\n}\n`,
    );
    const varnish = launch(
      "varnish",
      findBinary("varnishd")!,
      [
        "-F",
        "-j",
        "none",
        "-a",
        `127.0.0.1:${options.frontPort}`,
        "-f",
        DEFAULT_VCL,
        "-p",
        `vcl_path=${vclDir}:${SHIPPED_VCL_DIR}:/etc/varnish:/usr/share/varnish/vcl`,
        "-n",
        path.join(options.workDir, "varnish"),
        "-s",
        "malloc,256m",
      ],
      process.env,
      5000,
    );
    await saysReady(varnish, /Child launched OK/, "Varnish");
    // Its worker accepts connections a moment after saying so: ready once a request gets through.
    await answersHealth(varnish, front, "Varnish");
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${lines.slice(-60).join("\n")}`);
  }

  const exited = new Promise<string>((resolve) => {
    for (const { child } of started) {
      child.once("exit", (code, signal) => {
        if (!stopping) resolve(`a cluster process (pid ${child.pid}) exited (${signal ?? code})`);
      });
    }
  });

  return {
    front,
    instances: instancePorts.map((port) => `http://127.0.0.1:${port}`),
    redisUrl,
    purgeToken,
    processes: started.slice(1, 1 + instancePorts.length).map(({ child }) => child),
    exited,
    output: () => lines.join("\n"),
    stop,
  };
}

/**
 * Redis as the cluster runs it: loopback only, nothing written to disk, bounded in memory,
 * evicting only keys that expire (page entries and rate-limit windows; tag times never).
 */
function redisArguments(port: number, dir: string): string[] {
  return [
    ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
    ...["--save", "", "--appendonly", "no"],
    ...["--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru"],
  ];
}

/** Redis alone, as in the cluster (for tests of the Redis stores); resolves once it is ready. */
export async function startRedis(port: number, dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const binary = findBinary("redis-server");
  if (!binary) throw new Error(missingPackagesMessage(["redis-server"]));
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(binary, redisArguments(port, dir), { stdio: ["ignore", "pipe", "pipe"] });
  await saysReady(child, /Ready to accept connections/, "Redis");
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child, 5000) };
}

/** The app servers as Varnish backends, in the round-robin director the VCL uses. */
function backendsVcl(ports: number[], frontCache: boolean): string {
  const backends = ports.map(
    (port, index) =>
      `backend app${index + 1} {\n    .host = "127.0.0.1";\n    .port = "${port}";\n    .first_byte_timeout = 120s;\n}\n`,
  );
  const init = `sub vcl_init {\n    new app = directors.round_robin();\n${ports
    .map((_, index) => `    app.add_backend(app${index + 1});\n`)
    .join("")}}\n`;
  // Runs before default.vcl's own vcl_recv: every request goes to the app servers.
  const passAll = frontCache
    ? ""
    : `sub vcl_recv {\n    if (req.method != "PURGE") {\n        set req.backend_hint = app.backend();\n        return (pass);\n    }\n}\n`;
  return `# Written by npm run cluster for this run.\n${backends.join("\n")}\n${init}${passAll}`;
}

/** Resolves once the server at `base` answers /api/health with 200; rejects if it exits first. */
async function answersHealth(child: ChildProcess, base: string, name: string): Promise<void> {
  let exited: string | null = null;
  const onExit = (code: number | null, signal: string | null) => (exited = String(signal ?? code));
  child.once("exit", onExit);
  try {
    for (;;) {
      if (exited !== null) throw new Error(`${name} exited while starting (${exited}).`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    child.off("exit", onExit);
  }
}

/** Resolves once the process prints a line matching `ready`; rejects if it exits first. */
function saysReady(child: ChildProcess, ready: RegExp, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString("utf8")).slice(-4096);
      if (ready.test(seen)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${name} exited while starting (${signal ?? code}).`));
    };
    const cleanup = () => {
      child.stdout!.off("data", onData);
      child.stderr!.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
}
