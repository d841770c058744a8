/**
 * Files of the old site (a copy of wp-content/uploads given with --uploads) → the media
 * library, through the same checks as an upload (type from the bytes, no SVG, metadata
 * stripped, renditions). Only paths inside the given folder are read.
 */
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CurrentUser } from "@/lib/auth/session";
import { uploadMedia } from "@/lib/media/upload";

export type ImportedMedia = { id: number; url: string };
export type MediaDetails = { alt: string; caption: string; credit: string };

/** Adds one file from the uploads folder to the library; the message says why when it cannot. */
export type MediaImporter = (
  relativePath: string,
  details: MediaDetails,
) => Promise<{ ok: true; media: ImportedMedia } | { ok: false; message: string }>;

/** The file below `uploadsDir` that `relativePath` names, or null when it would leave the folder. */
export function fileInUploads(uploadsDir: string, relativePath: string): string | null {
  const root = path.resolve(uploadsDir);
  const target = path.resolve(root, relativePath.replace(/^\/+/, ""));
  return target.startsWith(root + path.sep) ? target : null;
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
      const bytes = await fs.readFile(copy);
      const result = await uploadMedia(
        {
          file: {
            field: "file",
            filename: path.basename(relativePath),
            declaredType: "",
            path: copy,
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
        },
        user,
      );
      if (!result.ok) return { ok: false, message: `${relativePath}: ${result.message}` };
      return { ok: true, media: { id: result.item.id, url: result.item.url } };
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  };
}
