/**
 * The text of PDFs in the media library, page by page, for site search: a publication's
 * report is found by the words inside it ("in the PDF, page 2"). The text comes from
 * `pdftotext` (Debian's poppler-utils), run on the file with an argument array (no shell),
 * a time limit and an output cap; it separates pages with form feeds. A PDF it cannot read
 * (damaged, encrypted, hostile) is recorded as such and never fails its upload. Without
 * pdftotext installed PDFs are simply not read (one warning in the log) and stay unread
 * until `npm run media:read-pdfs` or the hourly job reads them.
 *
 * The database does the rest (migration pdf_text): each page's vector, the PDF's words,
 * and the search rows of the publications that attach it.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createWriteStream } from "node:fs";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { DatabaseClient } from "@/lib/db-client";
import { log } from "@/lib/log";
import type { MediaStorage } from "./storage";

/** A PDF that takes longer than this to read is left unread (recorded as too slow). */
const READ_TIMEOUT_MS = 20_000;
/** pdftotext's output is cut off beyond this (some 3,000 pages of dense text). */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Pages beyond this are not read. */
const MAX_PAGES = 2000;
/** Characters kept per page: the database indexes a page up to this. */
const MAX_PAGE_CHARACTERS = 100_000;

export type PdfPages = { pages: string[] } | { error: string } | { unavailable: true };

let warnedUnavailable = false;

function warnUnavailable(): void {
  if (warnedUnavailable) return;
  warnedUnavailable = true;
  log.warn(
    { command: "pdftotext" },
    "pdftotext is not installed (Debian's poppler-utils): the text of PDFs is not read, so search does not find words inside them",
  );
}

/** Control characters PostgreSQL's text cannot hold or search has no use for; form feeds are page breaks. */
function cleanPage(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, " ")
    .slice(0, MAX_PAGE_CHARACTERS)
    .trim();
}

/** The text of each page of the PDF at `filePath` (page 1 first; empty pages as ""). */
export function extractPdfPages(filePath: string): Promise<PdfPages> {
  return new Promise((resolve) => {
    execFile(
      "pdftotext",
      ["-q", "-enc", "UTF-8", "-f", "1", "-l", String(MAX_PAGES), filePath, "-"],
      {
        timeout: READ_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: MAX_TEXT_BYTES,
        encoding: "utf8",
        windowsHide: true,
      },
      (error, stdout) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") {
            warnUnavailable();
            return resolve({ unavailable: true });
          }
          if (error.killed || error.signal)
            return resolve({ error: `Reading took longer than ${READ_TIMEOUT_MS / 1000} s.` });
          if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
            return resolve({ error: `The text is longer than ${MAX_TEXT_BYTES / (1024 * 1024)} MB.` });
          return resolve({ error: "The PDF could not be read: it may be damaged, encrypted or not a PDF." });
        }
        // Every page ends with a form feed: the piece after the last one is not a page.
        const pages = stdout.split("\f").slice(0, -1).map(cleanPage);
        resolve({ pages });
      },
    );
  });
}

/**
 * Reads the PDF at `filePath` into the pages of media item `mediaId`, replacing any it had.
 * Returns whether it was read (false: pdftotext is missing, nothing recorded). Never throws
 * for the file's sake; a database failure does throw.
 */
export async function readPdfText(database: DatabaseClient, mediaId: number, filePath: string): Promise<boolean> {
  const result = await extractPdfPages(filePath);
  if ("unavailable" in result) return false;
  const pages = "pages" in result ? result.pages : [];
  const textError = "error" in result ? result.error : null;
  if (textError) log.warn({ mediaId, error: textError }, "A PDF's text could not be read");
  await database.$transaction(async (tx) => {
    await tx.mediaPage.deleteMany({ where: { mediaId } });
    const written = pages.map((text, index) => ({ mediaId, page: index + 1, text })).filter((page) => page.text);
    if (written.length > 0) await tx.mediaPage.createMany({ data: written });
    await tx.media.update({ where: { id: mediaId }, data: { textReadAt: new Date(), textError } });
  });
  return true;
}

/**
 * Reads the PDFs of the library not read yet (uploaded before this existed, while
 * pdftotext was missing, or imported), oldest first, up to `limit` of them; each comes from
 * the storage into a temporary file. Returns how many were done (read, or found unreadable or
 * missing) and whether pdftotext is there.
 */
export async function readUnreadPdfs(
  database: DatabaseClient,
  storage: MediaStorage,
  options: { limit: number; signal?: AbortSignal },
): Promise<{ read: number; unavailable: boolean }> {
  const unread = await database.media.findMany({
    where: { kind: "PDF", textReadAt: null },
    orderBy: { id: "asc" },
    take: options.limit,
    select: { id: true, storageKey: true },
  });
  let read = 0;
  if (unread.length === 0) return { read, unavailable: false };
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "quire-pdf-text-"));
  try {
    for (const media of unread) {
      if (options.signal?.aborted) break;
      const object = await storage.get(media.storageKey);
      if (!object) {
        await database.media.update({
          where: { id: media.id },
          data: { textReadAt: new Date(), textError: "The file is missing from the storage." },
        });
        read += 1;
        continue;
      }
      const file = path.join(workDir, `${media.id}.pdf`);
      await pipeline(Readable.fromWeb(object.body as WebReadableStream<Uint8Array>), createWriteStream(file));
      try {
        if (!(await readPdfText(database, media.id, file))) return { read, unavailable: true };
        read += 1;
      } finally {
        await fs.rm(file, { force: true });
      }
    }
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  return { read, unavailable: false };
}
