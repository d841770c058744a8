/**
 * The publication editor as staff feel it, against the site's server (server.ts) on the
 * embedded database with the demo archive, in Debian's Chromium (Playwright):
 *   - load: from navigation to the editor being interactive (TipTap editable, toolbar up);
 *   - autosave: from a keystroke to "Saved" (includes the AUTOSAVE_DELAY_MS pause after
 *     typing stops), and the save itself ("Saving…" → "Saved").
 * A bench account and a draft copied from a demo publication are created, and removed after.
 *
 *   npx tsx bench/editor.ts [--runs 20]
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { createDatabaseClient } from "@/lib/db-client";
import { onExit, runCommand } from "../scripts/lib/cli";
import { openBenchDatabase, startBenchServer } from "./support/next-server";

const argsSchema = z.object({ runs: z.coerce.number().int().min(1).max(500).default(20) });
const BENCH_EMAIL = "bench-editor@example.org";
const BENCH_PASSWORD = "bench-editor-password-long-enough";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(name: string, values: number[]) {
  console.log(
    `${name.padEnd(44)} p50 ${percentile(values, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(6)} ms   (n=${values.length})`,
  );
}

runCommand(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string" } } });
  const { runs } = argsSchema.parse(values);
  const database = await openBenchDatabase();

  const db = createDatabaseClient(database.url, { maxConnections: 2 });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const user = await db.user.upsert({
    where: { email: BENCH_EMAIL },
    create: { email: BENCH_EMAIL, name: "Bench Editor", role: "EDITOR", passwordHash },
    update: { passwordHash, disabledAt: null, role: "EDITOR" },
    select: { id: true },
  });
  const source = await db.publication.findFirstOrThrow({
    where: { status: "PUBLISHED" },
    orderBy: { wordCount: "desc" },
    select: { bodyJson: true, bodyHtml: true, wordCount: true, typeId: true, summary: true },
  });
  const draft = await db.publication.create({
    data: {
      ...source,
      bodyJson: source.bodyJson as object,
      title: "Editor benchmark draft",
      slug: `editor-benchmark-${Date.now()}`,
      status: "DRAFT",
      createdById: user.id,
    },
    select: { id: true },
  });
  await db.revision.create({
    data: {
      publicationId: draft.id,
      version: 1,
      title: "Editor benchmark draft",
      summary: source.summary,
      bodyJson: source.bodyJson as object,
      authorId: user.id,
    },
  });
  onExit(async () => {
    await db.publication.delete({ where: { id: draft.id } }).catch(() => {});
    await db.user.delete({ where: { id: user.id } }).catch(() => {});
    await db.$disconnect();
  });

  const { base } = await startBenchServer(database.url);

  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) =>
    fs.existsSync(candidate),
  );
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  onExit(() => browser.close());
  const page = await browser.newPage({ baseURL: base });
  await page.goto("/login");
  await page.getByLabel("Email").fill(BENCH_EMAIL);
  await page.getByLabel("Password").fill(BENCH_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin/);
  console.log(`Editor bench: ${runs} runs, a draft of ${source.wordCount.toLocaleString("en-US")} words, ${base}`);

  const editorPath = `/admin/publications/${draft.id}`;
  const interactive = () => page.locator('.ProseMirror[contenteditable="true"]').waitFor();
  await page.goto(editorPath); // warm-up: first compile of caches and chunks
  await interactive();

  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto("/admin");
    const started = Date.now();
    await page.goto(editorPath, { waitUntil: "commit" });
    await interactive();
    await page.getByRole("button", { name: "Bold" }).waitFor();
    loads.push(Date.now() - started);
  }

  // Timestamps taken in the page: the keystroke, and when the status turns "saving" and "saved".
  await page.evaluate(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { benchMarks: Record<string, number> }).benchMarks = marks;
    document.addEventListener("keydown", () => (marks.key = performance.now()), true);
    const status = document.querySelector("[data-save-status]")!;
    new MutationObserver(() => {
      const state = status.getAttribute("data-save-status")!;
      if (!(state in marks)) marks[state] = performance.now();
    }).observe(status, { attributes: true });
  });
  const toSaved: number[] = [];
  const saveRoundTrips: number[] = [];
  await page.locator(".ProseMirror p").first().click();
  for (let run = 0; run < runs; run++) {
    await page.evaluate(() => {
      const marks = (window as unknown as { benchMarks: Record<string, number> }).benchMarks;
      for (const key of Object.keys(marks)) delete marks[key];
    });
    await page.keyboard.type("x");
    await page.waitForFunction(
      () => "saved" in (window as unknown as { benchMarks: Record<string, number> }).benchMarks,
      undefined,
      { timeout: 30_000 },
    );
    const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
    if (marks.key === undefined || marks.saving === undefined || marks.saved === undefined)
      throw new Error(`Incomplete marks: ${JSON.stringify(marks)}`);
    toSaved.push(marks.saved - marks.key);
    saveRoundTrips.push(marks.saved - marks.saving);
  }

  report("editor load (navigation → interactive)", loads);
  report("autosave (keystroke → Saved, incl. 2 s pause)", toSaved);
  report("autosave round trip (Saving… → Saved)", saveRoundTrips);
});
