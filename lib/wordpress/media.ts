/**
 * Files of the old site → the media library, through the same checks as an upload (type
 * from the bytes, no SVG, metadata stripped), their renditions left to the job queue
 * (lib/media/renditions.ts) so the import does not wait for them: from a copy of wp-content/uploads
 * given with --uploads (only paths inside that folder are read), or fetched from the old
 * site itself (only from the export's own site, through lib/http/safe-fetch.ts).
 */
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CurrentUser } from "@/lib/auth/session";
import { safeFetchToFile } from "@/lib/http/safe-fetch";
import { detectFileType } from "@/lib/media/detect";
import { uploadMedia } from "@/lib/media/upload";
import { siteHosts } from "./mapping";

export type ImportedMedia = { id: number; url: string };
export type MediaDetails = { alt: string; caption: string; credit: string };
/** Where the attachment was on the old site: its URL, and the export's own site addresses. */
export type MediaSource = { url: string | null; siteUrls: readonly string[] };

/** Adds one file of the old site to the library; the message says why when it cannot. */
export type MediaImporter = (
  relativePath: string,
  details: MediaDetails,
  source: MediaSource,
) => Promise<{ ok: true; media: ImportedMedia } | { ok: false; message: string }>;

/** The file below `uploadsDir` that `relativePath` names, or null when it would leave the folder. */
export function fileInUploads(uploadsDir: string, relativePath: string): string | null {
  const root = path.resolve(uploadsDir);
  const target = path.resolve(root, relativePath.replace(/^\/+/, ""));
  return target.startsWith(root + path.sep) ? target : null;
}

/** Adds a file we hold (in a working folder of ours) to the library. */
async function addToLibrary(
  file: string,
  relativePath: string,
  details: MediaDetails,
  user: CurrentUser,
): Promise<{ ok: true; media: ImportedMedia } | { ok: false; message: string }> {
  const bytes = await fs.readFile(file);
  const result = await uploadMedia(
    {
      file: {
        field: "file",
        filename: path.basename(relativePath),
        declaredType: "",
        path: file,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        head: bytes.subarray(0, 4096),
      },
      alt:
        details.alt ||
        path
          .basename(relativePath)
          .replace(/\.[a-z0-9]+$/i, "")
          .replace(/[-_]+/g, " "),
      caption: details.caption.slice(0, 1000),
      credit: details.credit.slice(0, 300),
      renditions: "later",
    },
    user,
  );
  if (!result.ok) return { ok: false, message: `${relativePath}: ${result.message}` };
  return { ok: true, media: { id: result.item.id, url: result.item.url } };
}

export function uploadsMediaImporter(uploadsDir: string, user: CurrentUser): MediaImporter {
  return async (relativePath, details) => {
    const source = fileInUploads(uploadsDir, relativePath);
    if (!source) return { ok: false, message: `${relativePath} is outside the uploads folder` };
    let stat;
    try {
      stat = await fs.stat(source);
    } catch {
      return { ok: false, message: `${relativePath} is not in the uploads folder` };
    }
    if (!stat.isFile()) return { ok: false, message: `${relativePath} is not a file` };
    // The library writes its cleaned copy beside the file it is given: work on a copy, never in the uploads folder.
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "quire-wp-media-"));
    try {
      const copy = path.join(workDir, "file");
      await fs.copyFile(source, copy);
      return await addToLibrary(copy, relativePath, details, user);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  };
}

export type FetchMediaOptions = {
  /** Tests only: lets the old site be on 127.0.0.1 (IMPORT_FETCH_ALLOW_LOOPBACK). */
  allowLoopback?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  resolve?: Parameters<typeof safeFetchToFile>[2]["resolve"];
};

/**
 * Fetches each attachment from the old site, when it is still reachable. Only addresses on
 * the export's own site are fetched (redirects may leave it, each hop checked); once the
 * site cannot be reached, the rest are not tried (each would wait out its time limit).
 */
export function fetchedMediaImporter(user: CurrentUser, options: FetchMediaOptions = {}): MediaImporter {
  let unreachable: string | null = null;
  return async (relativePath, details, source) => {
    if (!source.url) return { ok: false, message: `${relativePath}: the export gives no address for it` };
    if (unreachable)
      return { ok: false, message: `${relativePath}: not fetched, the old site is unreachable (${unreachable})` };
    let url: URL;
    try {
      url = new URL(source.url);
    } catch {
      return { ok: false, message: `${relativePath}: not a valid address` };
    }
    if (!siteHosts(source.siteUrls).has(url.host.toLowerCase()))
      return { ok: false, message: `${source.url} is not on the exported site: not fetched` };
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "quire-wp-fetch-"));
    try {
      const file = path.join(workDir, "file");
      const fetched = await safeFetchToFile(url.toString(), file, {
        maxBytes: options.maxBytes ?? 50 * 1024 * 1024,
        timeoutMs: options.timeoutMs ?? 30_000,
        maxRedirects: 5,
        allowLoopback: options.allowLoopback ?? false,
        resolve: options.resolve,
        checkHead: (head) => (detectFileType(head) ? null : "not an image or PDF"),
      });
      if (!fetched.ok) {
        if (fetched.unreachable) unreachable = fetched.message;
        return { ok: false, message: `${source.url}: ${fetched.message}` };
      }
      return await addToLibrary(file, relativePath, details, user);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  };
}
