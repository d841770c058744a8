/**
 * The S3-compatible driver: PUT, GET and DELETE of single objects over fetch, signed with
 * Signature Version 4 (lib/media/sigv4.ts). Path-style addressing (endpoint/bucket/key),
 * which AWS S3, MinIO, Cloudflare R2 and most other implementations accept.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseContentRange, rangeHeaderValue } from "@/lib/http/byte-range";
import type { MediaStorage } from "./storage";
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from "./sigv4";

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export class StorageError extends Error {}

export function s3Storage(config: S3Config, fetchImplementation: typeof fetch = fetch): MediaStorage {
  const credentials = {
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: "s3",
  };
  const base = config.endpoint.replace(/\/+$/, "");

  function objectUrl(storageKey: string): URL {
    return new URL(
      `${base}/${encodeURIComponent(config.bucket)}/${storageKey.split("/").map(encodeURIComponent).join("/")}`,
    );
  }

  async function send(
    method: "GET" | "PUT" | "DELETE",
    storageKey: string,
    body?: Buffer,
    headers: Record<string, string> = {},
  ) {
    const url = objectUrl(storageKey);
    const signed = signRequest(
      { method, url, headers, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH, date: new Date() },
      credentials,
    );
    return fetchImplementation(url, {
      method,
      headers: signed.headers,
      body: body ? new Uint8Array(body) : undefined,
      cache: "no-store",
    });
  }

  /** A PUT whose body streams from a file, with its length and hash known up front (S3 refuses chunked bodies). */
  async function sendFile(storageKey: string, filePath: string, contentType: string) {
    const url = objectUrl(storageKey);
    const hash = createHash("sha256");
    await pipeline(fs.createReadStream(filePath), hash);
    const { size } = await fsPromises.stat(filePath);
    const signed = signRequest(
      {
        method: "PUT",
        url,
        headers: { "content-type": contentType, "content-length": String(size) },
        payloadHash: hash.digest("hex"),
        date: new Date(),
      },
      credentials,
    );
    return fetchImplementation(url, {
      method: "PUT",
      headers: signed.headers,
      body: Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>,
      cache: "no-store",
      duplex: "half",
    } as RequestInit);
  }

  async function failure(response: Response, action: string): Promise<never> {
    const detail = (await response.text().catch(() => "")).slice(0, 300);
    throw new StorageError(`S3 ${action} failed with HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
  }

  return {
    async put(storageKey, contents, contentType) {
      const response = await send("PUT", storageKey, contents, { "content-type": contentType });
      if (!response.ok) await failure(response, "PUT");
      await response.body?.cancel();
    },
    async putFile(storageKey, filePath, contentType) {
      const response = await sendFile(storageKey, filePath, contentType);
      if (!response.ok) await failure(response, "PUT");
      await response.body?.cancel();
    },
    async get(storageKey) {
      const response = await send("GET", storageKey);
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
      const response = await send("GET", storageKey, undefined, { range: rangeHeaderValue(range) });
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
      const response = await send("DELETE", storageKey);
      // S3 answers 204 whether or not the object existed; some implementations answer 404.
      if (!response.ok && response.status !== 404) await failure(response, "DELETE");
      await response.body?.cancel();
    },
  };
}
