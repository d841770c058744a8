import fs from "node:fs";
import os from "node:os";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where installed (machines without network can't download Playwright's).
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // A worker drives a Chromium (browser, GPU and renderer processes), and the Next.js server
  // and PostgreSQL run on the same machine: a worker per two cores keeps them from starving
  // one another (on two cores, one worker: two made every test half as fast and the longest
  // ones ran out of time).
  workers: Math.max(1, Math.floor(os.availableParallelism() / 2)),
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
      ],
    },
  },
  projects: [
    // Each staff role signs in once; the tests start from those sessions (e2e/sessions.setup.ts).
    { name: "sessions", testMatch: /sessions\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["sessions"] },
  ],
  webServer: {
    // Its own database, seeded with a small archive, on the production build.
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
