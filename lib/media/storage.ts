/**
 * Where uploaded media live, behind one small interface: files on local disk under
 * .data/media (QUIRE_DATA_DIR) by default, or an S3-compatible bucket when configured
 * (lib/media/s3-storage.ts, chosen in lib/media/configured-storage.ts). Either way an
 * object is named by the Media row's storageKey.
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { DATA_DIR } from "@/lib/data-dir";
import { resolveRange, type ByteRange, type RangeRequest } from "@/lib/http/byte-range";

const MEDIA_ROOT = path.join(DATA_DIR, "media");

/** size: bytes, when known (an S3 answer may not say). */
export type StoredObject = { body: ReadableStream<Uint8Array>; size: number | null };

/**
 * Part of an object: its bytes from `range.start` to `range.end` (inclusive) and the whole
 * object's size; or, when the range lies outside the object, only the size (null if the
 * store does not say).
 */
export type StoredPart =
  | { satisfiable: true; body: ReadableStream<Uint8Array>; range: ByteRange; size: number }
  | { satisfiable: false; size: number | null };

export interface MediaStorage {
  put(storageKey: string, contents: Buffer, contentType: string): Promise<void>;
  /** Stores the file at `filePath` (an upload waiting on disk) without reading it into memory. */
  putFile(storageKey: string, filePath: string, contentType: string): Promise<void>;
  /** The object, or null when there is none under this key. */
  get(storageKey: string): Promise<StoredObject | null>;
  /** One byte range of the object (a Range request), or null when there is none under this key. */
  read(storageKey: string, range: RangeRequest): Promise<StoredPart | null>;
  /** Removes the object; no error when it is already gone. */
  remove(storageKey: string): Promise<void>;
  /**
   * A URL at which a reader can fetch the object straight from the storage for a short
   * while (S3's presigned GET); absent for storages that cannot hand out such URLs.
   */
  signedUrl?(storageKey: string, options: SignedUrlOptions): Promise<string>;
}

export type SignedUrlOptions = {
  expiresInSeconds: number;
  /** The Content-Type the storage should answer with (the one recorded at upload). */
  contentType?: string;
  /** The Content-Disposition the storage should answer with. */
  contentDisposition?: string;
};

/** Keys are one or two plain path segments ("demo/map-3.svg"): no dot-dot, no absolute paths. */
export const storageKeySchema = z
  .string()
  .max(300)
  .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)?$/)
  .refine((key) => !key.includes(".."));

/** An upload is named by its content, so the same bytes always get the same key. */
export function uploadKey(sha256: string, extension: string): string {
  return `uploads/${sha256}.${extension}`;
}

const VARIANT_SUFFIX = /\.w(\d{1,5})\.webp$/;

/** A resized rendition sits beside its original: "uploads/<sha>.jpg.w480.webp". */
export function variantKey(originalKey: string, width: number): string {
  return `${originalKey}.w${width}.webp`;
}

/** The original's key for a variant key, or null when the key is not a variant's. */
export function originalKeyOfVariant(storageKey: string): string | null {
  return VARIANT_SUFFIX.test(storageKey) ? storageKey.replace(VARIANT_SUFFIX, "") : null;
}

function mediaPath(storageKey: string): string {
  const file = path.join(MEDIA_ROOT, ...storageKeySchema.parse(storageKey).split("/"));
  // The key schema already rules out escaping the folder; this is the second lock.
  if (!file.startsWith(MEDIA_ROOT + path.sep)) throw new Error("Storage key outside the media folder");
  return file;
}

export const localDiskStorage: MediaStorage = {
  async put(storageKey, contents) {
    const file = mediaPath(storageKey);
    await fsPromises.mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await fsPromises.writeFile(partial, contents);
    await fsPromises.rename(partial, file);
  },
  async putFile(storageKey, filePath) {
    const file = mediaPath(storageKey);
    await fsPromises.mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await fsPromises.copyFile(filePath, partial);
    await fsPromises.rename(partial, file);
  },
  async get(storageKey) {
    const file = mediaPath(storageKey);
    try {
      const stat = await fsPromises.stat(file);
      if (!stat.isFile()) return null;
      return { body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, size: stat.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  },
  async read(storageKey, request) {
    const file = mediaPath(storageKey);
    let handle: fsPromises.FileHandle;
    try {
      handle = await fsPromises.open(file, "r");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR") return null;
      throw error;
    }
    // The size and the bytes come from the same open file, even if it is replaced meanwhile.
    const stat = await handle.stat();
    const range = stat.isFile() ? resolveRange(request, stat.size) : null;
    if (!stat.isFile() || !range) {
      await handle.close();
      return stat.isFile() ? { satisfiable: false, size: stat.size } : null;
    }
    const stream = handle.createReadStream({ start: range.start, end: range.end, autoClose: true });
    return {
      satisfiable: true,
      body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
      range,
      size: stat.size,
    };
  },
  async remove(storageKey) {
    await fsPromises.rm(mediaPath(storageKey), { force: true });
  },
};
