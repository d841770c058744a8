/**
 * What the export, import, backup and restore commands need from the environment besides
 * the database: the site's name and address, and where media live (local disk, or S3 when
 * its five variables are set), validated by the same schema as the server's (lib/env.ts).
 */
import type { MediaStorage } from "@/lib/media/storage";
import { UsageError } from "./cli";

export type SiteEnvironment = {
  site: { name: string; url: string };
  storage: MediaStorage;
  backupPassphrase?: string;
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
  const { localDiskStorage } = await import("@/lib/media/storage");
  const { s3Storage } = await import("@/lib/media/s3-storage");
  const storage =
    env.S3_ENDPOINT && env.S3_BUCKET && env.S3_REGION && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? s3Storage({
          endpoint: env.S3_ENDPOINT,
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        })
      : localDiskStorage;
  return {
    site: { name: env.SITE_NAME, url: env.SITE_URL },
    storage,
    backupPassphrase: env.QUIRE_BACKUP_PASSPHRASE,
  };
}
