/**
 * The media storage a validated environment (lib/env.ts) names: S3 when its five variables
 * are set, else local disk. The server takes it through configured-storage.ts; commands
 * outside the server (the demo seed) call this with the environment they parsed.
 */
import type { ServerEnvironment } from "@/lib/env";
import { s3Storage } from "./s3-storage";
import { localDiskStorage, type MediaStorage } from "./storage";

type StorageEnvironment = Pick<
  ServerEnvironment,
  "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"
>;

export function storageForEnvironment(environment: StorageEnvironment): MediaStorage {
  const { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = environment;
  if (S3_ENDPOINT && S3_BUCKET && S3_REGION && S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY)
    return s3Storage({
      endpoint: S3_ENDPOINT,
      bucket: S3_BUCKET,
      region: S3_REGION,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
    });
  return localDiskStorage;
}
