/**
 * Builds the app when the sources changed since the last build, so `npm start` works on a
 * fresh clone and after a pull without a separate build step.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const NEXT_CLI = path.resolve("node_modules/next/dist/bin/next");
const FINGERPRINT_FILE = path.resolve(".next/quire-source-fingerprint");
const SOURCE_ROOTS = [
  "app",
  "pages",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

/** Hash of every source file's path, size and modification time (cheap; no file reads). */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  SOURCE_ROOTS.forEach(visit);
  return hash.digest("hex");
}

export function nextEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

/**
 * Builds with a database at hand: pages rendered at build time (the home page) read it.
 * Their output is never served as is, since the memory cache handler starts empty (see
 * lib/cache/memory-cache-handler.mjs), so any migrated database will do.
 */
export async function build(env: NodeJS.ProcessEnv): Promise<void> {
  const fingerprint = sourceFingerprint();
  const code = await runNext(["build"], env);
  if (code !== 0) throw new Error(`next build failed (exit code ${code}).`);
  bundleSiteServer();
  fs.writeFileSync(FINGERPRINT_FILE, fingerprint);
}

export async function buildIfChanged(env: NodeJS.ProcessEnv): Promise<void> {
  const upToDate =
    fs.existsSync(".next/BUILD_ID") &&
    fs.existsSync(FINGERPRINT_FILE) &&
    fs.readFileSync(FINGERPRINT_FILE, "utf8") === sourceFingerprint();
  if (upToDate) return;
  console.log("Building the site (first run or sources changed)…");
  await build(env);
}

export function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_CLI, ...args], { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

export const SITE_SERVER = path.resolve("server.ts");
/** server.ts and the lib/ modules it imports, as one plain JavaScript file (packages stay in node_modules). */
export const SITE_SERVER_BUNDLE = path.resolve(".next/quire-server.mjs");

/**
 * Writes SITE_SERVER_BUNDLE (esbuild, some 20 ms). Production runs the bundle with plain
 * Node rather than server.ts under tsx: tsx's loader hooks answer every dynamic import() on
 * a worker thread, and Next.js imports the cache handler that way on every request, which
 * cost a fifth of the server's requests/s.
 */
export function bundleSiteServer(): string {
  const [output] = buildSync({
    entryPoints: [SITE_SERVER],
    outfile: SITE_SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    write: false,
  }).outputFiles;
  // Servers starting side by side (the tests, a cluster) each write it: never half a file.
  const partial = `${SITE_SERVER_BUNDLE}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.mkdirSync(path.dirname(SITE_SERVER_BUNDLE), { recursive: true });
  fs.writeFileSync(partial, output!.contents);
  fs.renameSync(partial, SITE_SERVER_BUNDLE);
  return SITE_SERVER_BUNDLE;
}

export type SiteOptions = {
  port: number;
  /** Listen on this address only (all interfaces when absent). */
  hostname?: string;
  /** `next dev` (hot reload, no build) instead of the production build. */
  dev?: boolean;
};

/**
 * Node's arguments for the site's server: in development server.ts itself under tsx (edits
 * apply on restart without a build), in production its bundle, written afresh here so that
 * it always matches server.ts.
 */
export function siteServerArguments(options: SiteOptions): string[] {
  const args = options.dev ? ["--import", "tsx", SITE_SERVER, "--dev"] : [bundleSiteServer()];
  args.push("--port", String(options.port));
  if (options.hostname) args.push("--hostname", options.hostname);
  return args;
}

/**
 * The site's HTTP server (server.ts: Next.js behind the checks it runs first) in a child
 * process, run by Node itself rather than through the tsx CLI, which would stand between
 * the signals sent to stop it and the server.
 */
export function startSite(options: SiteOptions, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, siteServerArguments(options), { env, stdio: "inherit" });
}

/** How long the site may take to stop (its QUIRE_SHUTDOWN_SECONDS budget and some margin). */
export function siteStopGraceMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.QUIRE_SHUTDOWN_SECONDS);
  return ((Number.isInteger(seconds) && seconds > 0 ? seconds : 25) + 10) * 1000;
}
