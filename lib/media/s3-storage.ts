/**
 * The S3-compatible driver: PUT, GET and DELETE of single objects, and presigned GET URLs,
 * signed with AWS Signature Version 4 by aws4fetch. Path-style addressing
 * (endpoint/bucket/key), which AWS S3, MinIO, Cloudflare R2 and most other implementations
 * accept. lib/media/s3-storage.test.ts runs it against a real S3-compatible server (s3rver).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseContentRange, rangeHeaderValue } from "@/lib/http/byte-range";
import { AwsClient } from "aws4fetch";
import type { MediaStorage, SignedUrlOptions } from "./storage";

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export class StorageError extends Error {}

/** What a storage key's presigned URL may last at most (S3's own limit is seven days). */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

export function s3Storage(config: S3Config): MediaStorage & { signedUrl: NonNullable<MediaStorage["signedUrl"]> } {
  // Transient answers (5xx, 429) are tried again a few times, for bodies that can be sent twice.
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: "s3",
    retries: 2,
  });
  const base = config.endpoint.replace(/\/+$/, "");

  function objectUrl(storageKey: string): string {
    return `${base}/${encodeURIComponent(config.bucket)}/${storageKey.split("/").map(encodeURIComponent).join("/")}`;
  }

  /**
   * A PUT whose body streams from a file, with its length and hash known up front (S3
   * refuses chunked bodies without its own chunk signing): signed, then sent once.
   */
  async function sendFile(storageKey: string, filePath: string, contentType: string) {
    const hash = createHash("sha256");
    await pipeline(fs.createReadStream(filePath), hash);
    const { size } = await fsPromises.stat(filePath);
    const signed = await client.sign(objectUrl(storageKey), {
      method: "PUT",
      headers: {
        "content-type": contentType,
        "content-length": String(size),
        "x-amz-content-sha256": hash.digest("hex"),
      },
      body: Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    return fetch(signed);
  }

  async function failure(response: Response, action: string): Promise<never> {
    const detail = (await response.text().catch(() => "")).slice(0, 300);
    throw new StorageError(`S3 ${action} failed with HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
  }

  return {
    async put(storageKey, contents, contentType) {
      // aws4fetch signs the body's SHA-256 (x-amz-content-sha256): S3 refuses a body changed on the way.
      const response = await client.fetch(objectUrl(storageKey), {
        method: "PUT",
        headers: { "content-type": contentType },
        body: new Uint8Array(contents),
      });
      if (!response.ok) await failure(response, "PUT");
      await response.body?.cancel();
    },
    async putFile(storageKey, filePath, contentType) {
      const response = await sendFile(storageKey, filePath, contentType);
      if (!response.ok) await failure(response, "PUT");
      await response.body?.cancel();
    },
    async get(storageKey) {
      const response = await client.fetch(objectUrl(storageKey), { method: "GET" });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) return failure(response, "GET");
      const length = response.headers.get("content-length");
      return { body: response.body, size: length === null ? null : Number(length) };
    },
    async read(storageKey, range) {
      // S3 answers a Range itself: 206 with Content-Range, or 416.
      const response = await client.fetch(objectUrl(storageKey), {
        method: "GET",
        headers: { range: rangeHeaderValue(range) },
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (response.status === 416) {
        await response.body?.cancel();
        return { satisfiable: false, size: parseContentRange(response.headers.get("content-range"))?.size ?? null };
      }
      if (!response.ok || !response.body) return failure(response, "GET");
      const length = response.headers.get("content-length");
      // A store that ignored the Range sends the whole object (200).
      const part =
        response.status === 206
          ? parseContentRange(response.headers.get("content-range"))
          : length !== null && Number(length) > 0
            ? { range: { start: 0, end: Number(length) - 1 }, size: Number(length) }
            : null;
      if (!part?.range) {
        await response.body.cancel();
        throw new StorageError(`S3 GET with a Range answered ${response.status} without a usable Content-Range`);
      }
      return { satisfiable: true, body: response.body, range: part.range, size: part.size };
    },
    async remove(storageKey) {
      const response = await client.fetch(objectUrl(storageKey), { method: "DELETE" });
      // S3 answers 204 whether or not the object existed; some implementations answer 404.
      if (!response.ok && response.status !== 404) await failure(response, "DELETE");
      await response.body?.cancel();
    },
    async signedUrl(storageKey, options: SignedUrlOptions) {
      if (!Number.isInteger(options.expiresInSeconds) || options.expiresInSeconds < 1)
        throw new RangeError("expiresInSeconds must be a positive whole number");
      const url = new URL(objectUrl(storageKey));
      url.searchParams.set("X-Amz-Expires", String(Math.min(options.expiresInSeconds, MAX_SIGNED_URL_SECONDS)));
      // The storage answers with the type and disposition recorded here, whatever the object says.
      if (options.contentType) url.searchParams.set("response-content-type", options.contentType);
      if (options.contentDisposition) url.searchParams.set("response-content-disposition", options.contentDisposition);
      const signed = await client.sign(url.toString(), { method: "GET", aws: { signQuery: true } });
      return signed.url;
    },
  };
}
