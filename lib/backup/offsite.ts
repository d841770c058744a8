/**
 * Backups off this machine: with BACKUP_S3_BUCKET (and the S3_ endpoint, region and keys),
 * each backup is also copied to that bucket, under backups/<file name>. The scheduled job
 * deletes from the bucket the backups it prunes on disk, so both keep the same newest N;
 * `npm run restore -- --from-s3 NAME` reads one back. The bucket is reached through the
 * same S3 driver as media (lib/media/s3-storage.ts); nothing is listed, only named objects.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import type { ServerEnvironment } from "@/lib/env";
import { s3Storage } from "@/lib/media/s3-storage";
import type { MediaStorage } from "@/lib/media/storage";
import { isBackupFileName } from "./files";

const PREFIX = "backups/";

type BackupBucketEnvironment = Pick<
  ServerEnvironment,
  "BACKUP_S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"
>;

/** The bucket backups are copied to, or null when none is configured. */
export function backupBucketForEnvironment(environment: BackupBucketEnvironment): MediaStorage | null {
  const { BACKUP_S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = environment;
  if (!BACKUP_S3_BUCKET || !S3_ENDPOINT || !S3_REGION || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) return null;
  return s3Storage({
    endpoint: S3_ENDPOINT,
    bucket: BACKUP_S3_BUCKET,
    region: S3_REGION,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
  });
}

/** Copies a backup file to the bucket; returns its key there. */
export async function copyBackupOffsite(bucket: MediaStorage, file: string): Promise<string> {
  const key = PREFIX + path.basename(file);
  await bucket.putFile(key, file, "application/octet-stream");
  return key;
}

/** Deletes the named backups from the bucket (those pruned on disk). */
export async function removeOffsiteBackups(bucket: MediaStorage, names: readonly string[]): Promise<void> {
  for (const name of names) await bucket.remove(PREFIX + name);
}

/**
 * Downloads the backup `name` (a backup file's name, nothing else) from the bucket into
 * `toFile`, readable by its owner only. False when the bucket has no such backup.
 */
export async function fetchOffsiteBackup(bucket: MediaStorage, name: string, toFile: string): Promise<boolean> {
  if (!isBackupFileName(name)) throw new RangeError(`Not a backup's name: ${name}`);
  const object = await bucket.get(PREFIX + name);
  if (!object) return false;
  await pipeline(
    Readable.fromWeb(object.body as import("node:stream/web").ReadableStream),
    fs.createWriteStream(toFile, { mode: 0o600 }),
  );
  return true;
}
