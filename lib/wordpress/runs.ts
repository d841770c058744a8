/**
 * One import as a stored run (WordPressImport): created when it is asked for, its progress
 * written after every batch (the admin's progress bar reads it), its counts and report
 * stored at the end, or its error when the file could not be read. The command line and the
 * background job both run imports through here.
 */
import "server-only";
import fs from "node:fs";
import type { CurrentUser } from "@/lib/auth/session";
import type { PublicChange } from "@/lib/cache/changes";
import type { DatabaseClient } from "@/lib/db-client";
import { importWordPress, type ImportOptions, type ImportResult } from "./import";
import { fetchedMediaImporter, uploadsMediaImporter, type MediaImporter } from "./media";
import { WxrError } from "./wxr-types";

export type StartImportInput = {
  sourcePath: string;
  filename: string;
  uploadsDir?: string | null;
  dryRun?: boolean;
  /** Without an uploads folder: fetch media from the old site (only its own addresses, SSRF-checked). */
  fetchMedia?: boolean;
  /** A staff account (role AUTHOR, no password until reset) for each author with an email. */
  staffAccounts?: boolean;
  createdById?: number | null;
};

export async function createImportRun(database: DatabaseClient, input: StartImportInput): Promise<number> {
  const size = fs.statSync(input.sourcePath).size;
  const run = await database.wordPressImport.create({
    data: {
      filename: input.filename.slice(0, 300),
      sourcePath: input.sourcePath,
      uploadsDir: input.uploadsDir ?? null,
      dryRun: input.dryRun ?? false,
      fetchMedia: input.fetchMedia ?? false,
      staffAccounts: input.staffAccounts ?? false,
      totalBytes: BigInt(size),
      createdById: input.createdById ?? null,
    },
    select: { id: true },
  });
  return run.id;
}

export type RunOutcome = { ok: true; result: ImportResult; change: PublicChange } | { ok: false; message: string };

/**
 * Runs a stored import: reads its file, imports, and records progress and the outcome.
 * `mediaUser`: who the imported media are recorded as uploaded by (needed with an uploads folder).
 */
export async function runImport(
  database: DatabaseClient,
  importId: number,
  options: Pick<ImportOptions, "signal" | "typeMapping" | "imageHosts" | "onProgress"> & {
    mediaUser?: CurrentUser | null;
    /** Tests only (IMPORT_FETCH_ALLOW_LOOPBACK): the old site may be on a loopback address. */
    allowLoopbackFetch?: boolean;
  } = {},
): Promise<RunOutcome> {
  const run = await database.wordPressImport.findUniqueOrThrow({ where: { id: importId } });
  if (!run.sourcePath || !fs.existsSync(run.sourcePath)) {
    const message = "The uploaded file is no longer there: upload it again.";
    await database.wordPressImport.update({
      where: { id: importId },
      data: { status: "failed", error: message, finishedAt: new Date() },
    });
    return { ok: false, message };
  }
  await database.wordPressImport.update({
    where: { id: importId },
    data: { status: "running", startedAt: new Date() },
  });
  let importMedia: MediaImporter | null = null;
  if (options.mediaUser && run.uploadsDir) importMedia = uploadsMediaImporter(run.uploadsDir, options.mediaUser);
  else if (options.mediaUser && run.fetchMedia)
    importMedia = fetchedMediaImporter(options.mediaUser, { allowLoopback: options.allowLoopbackFetch ?? false });
  try {
    const sourcePath = run.sourcePath;
    const result = await importWordPress(database, () => fs.createReadStream(sourcePath), {
      ...options,
      dryRun: run.dryRun,
      staffAccounts: run.staffAccounts,
      importMedia,
      onProgress: async (progress) => {
        await database.wordPressImport.update({
          where: { id: importId },
          data: { itemsProcessed: progress.items, bytesRead: BigInt(progress.bytesRead), counts: progress.counts },
        });
        await options.onProgress?.(progress);
      },
    });
    await database.wordPressImport.update({
      where: { id: importId },
      data: {
        status: result.interrupted ? "queued" : "finished",
        counts: result.counts,
        report: result.report,
        itemsProcessed: result.counts.items,
        ...(!result.interrupted && { bytesRead: run.totalBytes, finishedAt: new Date() }),
      },
    });
    const change: PublicChange = run.dryRun
      ? {}
      : { listings: true, taxonomy: true, removals: true, publications: result.updatedSlugs };
    return { ok: true, result, change };
  } catch (error) {
    const message =
      error instanceof WxrError
        ? error.message
        : `The import stopped: ${error instanceof Error ? error.message : "unknown error"}`;
    await database.wordPressImport.update({
      where: { id: importId },
      data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() },
    });
    if (!(error instanceof WxrError)) console.error(`[wordpress] import ${importId} failed:`, error);
    return { ok: false, message };
  }
}
