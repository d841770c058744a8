/**
 * `npm test`: every test. Vitest (unit and integration, each file on its own database) and
 * then Playwright (end-to-end in Chromium against the production build), both on the same
 * PostgreSQL server: the embedded one unless DATABASE_URL is set.
 * Ends with the line "N passed, N failed" (totals over both runners); exits non-zero on
 * any failure. `--only vitest|e2e` runs one runner; other arguments go to that runner.
 * Fails at once when Debian packages the cluster test needs (redis-server, varnish,
 * varnish-modules) are missing.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { missingClusterPackages, missingPackagesMessage } from "./lib/cluster";
import { DATA_DIR } from "./lib/database";
import { freePort } from "./lib/processes";

const RESULTS_DIR = path.join(DATA_DIR, "test-results");

type Tally = { passed: number; failed: number; skipped: number };

runCommand(async () => {
  const { values, positionals } = parseArgs({ options: { only: { type: "string" } }, allowPositionals: true });
  const only = z.enum(["vitest", "e2e"]).optional().safeParse(values.only);
  if (!only.success) throw new UsageError("--only takes vitest or e2e");

  // The cluster tests (tests/cluster*.test.ts) run Redis and Varnish: without them the suite
  // stops here, naming what to install, rather than skipping it.
  if (only.data !== "e2e" && positionals.length === 0) {
    const missing = missingClusterPackages();
    if (missing.length > 0) throw new UsageError(missingPackagesMessage(missing));
  }

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const started = performance.now();
  const database = await useDatabase();
  const env = {
    ...process.env,
    QUIRE_TEST_SERVER_URL: database.url,
    DATABASE_URL: database.url,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const tallies: Array<[string, Tally]> = [];
  if (only.data !== "e2e") tallies.push(["vitest", await runVitest(env, positionals)]);
  if (only.data !== "vitest") tallies.push(["playwright", await runPlaywright(env, positionals)]);

  const total = tallies.reduce(
    (sum, [, t]) => ({
      passed: sum.passed + t.passed,
      failed: sum.failed + t.failed,
      skipped: sum.skipped + t.skipped,
    }),
    {
      passed: 0,
      failed: 0,
      skipped: 0,
    },
  );
  console.log("");
  for (const [runner, tally] of tallies)
    console.log(`${runner}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  console.log(`Tests took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
});

async function runVitest(env: NodeJS.ProcessEnv, extraArgs: string[]): Promise<Tally> {
  const output = path.join(RESULTS_DIR, "vitest.json");
  fs.rmSync(output, { force: true });
  const code = await run(
    [
      path.resolve("node_modules/vitest/vitest.mjs"),
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${output}`,
      ...extraArgs,
    ],
    env,
  );
  const report = readJson(output) as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
    numTodoTests?: number;
  } | null;
  if (!report) return { passed: 0, failed: 1, skipped: 0 }; // crashed before reporting
  const failed = (report.numFailedTests ?? 0) + (code !== 0 && !report.numFailedTests ? 1 : 0);
  return {
    passed: report.numPassedTests ?? 0,
    failed,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

async function runPlaywright(env: NodeJS.ProcessEnv, extraArgs: string[]): Promise<Tally> {
  const output = path.join(RESULTS_DIR, "playwright.json");
  fs.rmSync(output, { force: true });
  const port = await freePort();
  const code = await run([path.resolve("node_modules/@playwright/test/cli.js"), "test", ...extraArgs], {
    ...env,
    E2E_PORT: String(port),
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  });
  const report = readJson(output) as {
    stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
  } | null;
  if (!report?.stats) return { passed: 0, failed: 1, skipped: 0 };
  const { expected, unexpected, flaky, skipped } = report.stats;
  // A flaky test (passed only on retry) counts as a failure: it needs fixing, not hiding.
  const failed = unexpected + flaky + (code !== 0 && unexpected + flaky === 0 ? 1 : 0);
  return { passed: expected, failed, skipped };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
