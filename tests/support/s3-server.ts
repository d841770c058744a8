/**
 * A real S3-compatible server on loopback for tests: s3rver (npm), on a free port, keeping
 * its objects in a temporary folder, with the buckets asked for already made. It speaks
 * S3's REST protocol (path-style URLs, XML errors, presigned query URLs) and checks that
 * requests carry a known access key (S3RVER/S3RVER); it does not recompute Signature
 * Version 4 signatures, which aws4fetch computes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
// @ts-expect-error -- s3rver ships no type declarations
import S3rver from "s3rver";
import type { S3Config } from "@/lib/media/s3-storage";

export type TestS3Server = {
  endpoint: string;
  /** A driver configuration for `bucket` on this server. */
  config(bucket: string): S3Config;
  /** The same five settings as environment variables (lib/env.ts). */
  environment(bucket: string): Record<string, string>;
  stop(): Promise<void>;
};

export async function startTestS3Server(buckets: string[]): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "quire-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  const config = (bucket: string): S3Config => ({
    endpoint,
    bucket,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  });
  return {
    endpoint,
    config,
    environment: (bucket) => ({
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    }),
    async stop() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
