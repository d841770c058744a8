/**
 * What the export, import, backup and restore commands need from the environment besides
 * the database: the site's name and address, where media live (local disk, or S3 when
 * its five variables are set) and the bucket backups are copied to, validated by the same schema as the server's (lib/env.ts).
 */
import type { MediaStorage } from "@/lib/media/storage";
import { UsageError } from "./cli";

export type SiteEnvironment = {
  site: { name: string; url: string };
  storage: MediaStorage;
  backupPassphrase?: string;
  /** BACKUP_S3_BUCKET's storage, or null (lib/backup/offsite.ts). */
  backupBucket: MediaStorage | null;
};

/** Validates the environment (with the database the command opened) and builds the media storage. */
export async function siteEnvironment(databaseUrl: string): Promise<SiteEnvironment> {
  // lib/env.ts validates process.env as it loads: it needs the database's URL first.
  process.env.DATABASE_URL ??= databaseUrl;
  let env: typeof import("@/lib/env").env;
  try {
    ({ env } = await import("@/lib/env"));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { storageForEnvironment } = await import("@/lib/media/storage-for-environment");
  const { backupBucketForEnvironment } = await import("@/lib/backup/offsite");
  return {
    site: { name: env.SITE_NAME, url: env.SITE_URL },
    storage: storageForEnvironment(env),
    backupPassphrase: env.QUIRE_BACKUP_PASSPHRASE,
    backupBucket: backupBucketForEnvironment(env),
  };
}
