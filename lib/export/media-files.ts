/**
 * Media files into and out of an archive (as media/<storage key>), through the configured
 * storage: local disk or S3 alike. Shared by the export and the backup.
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { storageKeySchema, type MediaStorage } from "@/lib/media/storage";
import type { TarWriter } from "./tar";

export const MEDIA_PREFIX = "media/";

export type MediaCopyReport = { files: number; bytes: number; missing: string[] };

/** Adds each key's file to the archive; a key with no file is reported, not fatal. */
export async function archiveMediaFiles(
  writer: TarWriter,
  storage: MediaStorage,
  keys: readonly string[],
  spoolFolder: string,
): Promise<MediaCopyReport> {
  const report: MediaCopyReport = { files: 0, bytes: 0, missing: [] };
  for (const key of keys) {
    if (!storageKeySchema.safeParse(key).success) {
      report.missing.push(key);
      continue;
    }
    const object = await storage.get(key);
    if (!object) {
      report.missing.push(key);
      continue;
    }
    const body = Readable.fromWeb(object.body as import("node:stream/web").ReadableStream<Uint8Array>);
    if (object.size !== null) {
      await writer.addStream(MEDIA_PREFIX + key, object.size, body);
      report.bytes += object.size;
    } else {
      // The size must lead the file in a tar header: an answer without one is spooled first.
      const spooled = path.join(spoolFolder, "media-spool");
      await pipeline(body, fs.createWriteStream(spooled, { mode: 0o600 }));
      report.bytes += (await fsPromises.stat(spooled)).size;
      await writer.addFile(MEDIA_PREFIX + key, spooled);
      await fsPromises.rm(spooled, { force: true });
    }
    report.files++;
  }
  return report;
}

/** Puts every file under `folder` (an extracted archive's media/) into the storage. */
export async function restoreMediaFiles(folder: string, storage: MediaStorage): Promise<number> {
  let count = 0;
  const walk = async (directory: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fsPromises.readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const key = path.relative(folder, full).split(path.sep).join("/");
        if (!storageKeySchema.safeParse(key).success) continue;
        await storage.putFile(key, full, "application/octet-stream");
        count++;
      }
    }
  };
  await walk(folder);
  return count;
}
