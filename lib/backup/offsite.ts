/**
 * Backups off this machine: with BACKUP_S3_BUCKET, each backup is also copied to that
 * bucket, under backups/<file name>. The bucket is reached with the BACKUP_S3_ endpoint,
 * region and keys, each falling back to the media's S3_ setting (so a site whose media live
 * on disk can still send its backups to S3). The scheduled job deletes from the bucket the
 * backups it prunes on disk, so both keep the same newest N; `npm run restore -- --from-s3
 * NAME` reads one back. The bucket is reached through the same S3 driver as media
 * (lib/media/s3-storage.ts); nothing is listed, only named objects.
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

type BackupBucketEnvironment = Partial<
  Pick<
    ServerEnvironment,
    | "BACKUP_S3_BUCKET"
    | "BACKUP_S3_ENDPOINT"
    | "BACKUP_S3_REGION"
    | "BACKUP_S3_ACCESS_KEY_ID"
    | "BACKUP_S3_SECRET_ACCESS_KEY"
    | "S3_ENDPOINT"
    | "S3_REGION"
    | "S3_ACCESS_KEY_ID"
    | "S3_SECRET_ACCESS_KEY"
  >
>;

/** The bucket backups are copied to, or null when none is configured. */
export function backupBucketForEnvironment(environment: BackupBucketEnvironment): MediaStorage | null {
  const bucket = environment.BACKUP_S3_BUCKET;
  const endpoint = environment.BACKUP_S3_ENDPOINT ?? environment.S3_ENDPOINT;
  const region = environment.BACKUP_S3_REGION ?? environment.S3_REGION;
  // The keys as a pair (lib/env.ts refuses one without the other): the backup account's, or the media's.
  const keys = environment.BACKUP_S3_ACCESS_KEY_ID
    ? { accessKeyId: environment.BACKUP_S3_ACCESS_KEY_ID, secretAccessKey: environment.BACKUP_S3_SECRET_ACCESS_KEY }
    : { accessKeyId: environment.S3_ACCESS_KEY_ID, secretAccessKey: environment.S3_SECRET_ACCESS_KEY };
  if (!bucket || !endpoint || !region || !keys.accessKeyId || !keys.secretAccessKey) return null;
  return s3Storage({
    endpoint,
    bucket,
    region,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
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
