/**
 * Where uploaded media live: files on local disk under .data/media (QUIRE_DATA_DIR), keyed
 * by the Media row's storageKey. (S3-compatible storage is a later option.)
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DATA_DIR } from "@/lib/data-dir";

export const MEDIA_ROOT = path.join(DATA_DIR, "media");

/** Keys are one or two plain path segments ("demo/map-3.svg"): no dot-dot, no absolute paths. */
export const storageKeySchema = z
  .string()
  .max(300)
  .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)?$/)
  .refine((key) => !key.includes(".."));

export function mediaPath(storageKey: string): string {
  return path.join(MEDIA_ROOT, ...storageKeySchema.parse(storageKey).split("/"));
}

export function writeMedia(storageKey: string, contents: Buffer | string): void {
  const file = mediaPath(storageKey);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
}
