import "server-only";
import { env } from "@/lib/env";
import { s3Storage } from "./s3-storage";
import { localDiskStorage, type MediaStorage } from "./storage";

/** The storage the environment asks for: S3 when its five variables are set, else local disk. */
export const mediaStorage: MediaStorage =
  env.S3_ENDPOINT && env.S3_BUCKET && env.S3_REGION && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
    ? s3Storage({
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      })
    : localDiskStorage;
