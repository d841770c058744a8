/**
 * What the front pages cost a phone: for the home page, /experts, /categories, /series, the
 * archive (/publications), a search results page (/search?q=korea, rendered, then as the
 * page cache serves it) (and
 * /events and one event's page, when the site has them), the JavaScript each ships
 * (gzipped: script files and inline scripts) and the main thread's blocking time in long
 * tasks (the sum over tasks longer than 50 ms of their time past 50 ms, from navigation to
 * 3 s after load) in Chromium at 375×667 with the CPU slowed 4× (DevTools protocol), beside
 * the publication page, the reference (no framework JavaScript). The median of several
 * loads each, with a fresh browser context every time (nothing cached).
 * Targets: at most 50 KB gzipped and 100 ms blocking.
 *
 *   npx tsx bench/page-weight.ts [--runs 5]
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { z } from "zod";
import { runCommand } from "../scripts/lib/cli";
import { clientJavaScriptGzipped } from "./support/client-javascript";
import { openBenchDatabase, startBenchServer } from "./support/next-server";

const argsSchema = z.object({ runs: z.coerce.number().int().min(1).max(50).default(5) });
const CPU_SLOWDOWN = 4;
const SETTLE_MS = 3000;
const JS_TARGET_KB = 50;
const BLOCKING_TARGET_MS = 100;

type Row = { name: string; path: string; javascriptKb: number; blockingMs: number; longTasks: number; lcpMs: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Gathers long tasks and the largest contentful paint from the start of the page's life. */
const OBSERVERS = `
  window.__quireLongTasks = [];
  window.__quireLcp = 0;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__quireLongTasks.push(entry.duration); })
    .observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__quireLcp = entry.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
`;

async function loadOnce(browser: Browser, url: string) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    await page.waitForTimeout(SETTLE_MS); // a bench, not a test: long tasks after load count too
    const { tasks, lcp } = await page.evaluate(() => {
      const state = window as unknown as { __quireLongTasks: number[]; __quireLcp: number };
      return { tasks: state.__quireLongTasks, lcp: state.__quireLcp };
    });
    return {
      blocking: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
      longTasks: tasks.length,
      lcp,
    };
  } finally {
    await context.close();
  }
}

/** The first address on `html` matching `pattern` (a link to a publication or an event). */
const firstLink = (html: string, pattern: RegExp) => html.match(pattern)?.[1];

runCommand(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string" } } });
  const { runs } = argsSchema.parse(values);
  const database = await openBenchDatabase();
  const { base } = await startBenchServer(database.url);

  const home = await (await fetch(`${base}/`)).text();
  const publication = firstLink(home, /href="(\/publications\/[a-z0-9-]+)"/);
  if (!publication) throw new Error("No publication link on the home page; is the archive seeded?");
  const pages: Array<{ name: string; path: string }> = [
    { name: "home", path: "/" },
    { name: "experts", path: "/experts" },
    { name: "topics", path: "/categories" },
    { name: "series", path: "/series" },
    { name: "archive", path: "/publications" },
    { name: "search results", path: "/search?q=korea" },
  ];
  const events = await fetch(`${base}/events`);
  if (events.ok) {
    pages.push({ name: "events", path: "/events" });
    const event = firstLink(await events.text(), /href="(\/events\/[a-z0-9-]+)"/);
    if (event) pages.push({ name: "an event", path: event });
  }
  pages.push({ name: "publication (reference)", path: publication });

  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => fs.existsSync(file));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  const rows: Row[] = [];
  try {
    for (const { name, path } of pages) {
      const url = `${base}${path}`;
      const html = await (await fetch(url)).text(); // also warms the page cache
      const javascript = await clientJavaScriptGzipped(base, html);
      await loadOnce(browser, url); // warm-up: the server's cache and Chromium's start
      const loads = [];
      for (let run = 0; run < runs; run++) loads.push(await loadOnce(browser, url));
      rows.push({
        name,
        path,
        javascriptKb: javascript / 1024,
        blockingMs: median(loads.map((load) => load.blocking)),
        longTasks: median(loads.map((load) => load.longTasks)),
        lcpMs: median(loads.map((load) => load.lcp)),
      });
    }
  } finally {
    await browser.close();
  }

  console.log(
    `\nChromium at 375×667 (mobile), CPU ${CPU_SLOWDOWN}× slower, median of ${runs} loads; blocking: long tasks' time past 50 ms, to ${SETTLE_MS / 1000} s after load\n`,
  );
  console.log(
    "page".padEnd(26) +
      "JS KB gz".padStart(10) +
      "blocking ms".padStart(13) +
      "long tasks".padStart(12) +
      "LCP ms".padStart(9) +
      "  within targets",
  );
  for (const row of rows) {
    const within = row.javascriptKb <= JS_TARGET_KB && row.blockingMs <= BLOCKING_TARGET_MS;
    console.log(
      row.name.padEnd(26) +
        row.javascriptKb.toFixed(1).padStart(10) +
        row.blockingMs.toFixed(0).padStart(13) +
        String(row.longTasks).padStart(12) +
        row.lcpMs.toFixed(0).padStart(9) +
        `  ${within ? "yes" : "NO"}`,
    );
  }
  console.log(`\ntargets: at most ${JS_TARGET_KB} KB of JavaScript gzipped and ${BLOCKING_TARGET_MS} ms blocking`);
  for (const row of rows) console.log(`  ${row.name}: ${row.path}`);
});
