/**
 * Receiving multipart uploads without holding them in memory: the request body is parsed
 * as it arrives (@fastify/busboy) and each file is written to a temporary file under the
 * data directory (QUIRE_DATA_DIR/tmp/uploads), hashed (SHA-256) on the way, with its first
 * bytes kept for type detection. Limits are enforced while reading: a file larger than
 * allowed stops the upload there, whatever Content-Length claimed. Used by the media
 * library and the subscriber import; anything that accepts files (audio, large imports)
 * should use it rather than `request.formData()`, which buffers the whole body.
 *
 *   const received = await receiveMultipart(request, { maxFileBytes: 50 * 1024 * 1024 });
 *   if (!received.ok) return refusalResponse(received);
 *   try { …received.form.file("file")… } finally { await received.form.discard(); }
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import Busboy from "@fastify/busboy";
import { DATA_DIR } from "@/lib/data-dir";
import { refuse, type RefusalStatus, type Result } from "@/lib/result";

/** Where uploads wait while they are checked; each request's files are removed when it is done. */
export const UPLOAD_TEMP_DIR = path.join(DATA_DIR, "tmp", "uploads");

/** What a request may declare beyond its largest file: boundaries, part headers and small text fields. */
const DECLARED_ALLOWANCE = 64 * 1024;

/** Bytes of each file kept in memory for type detection (magic numbers, an SVG's opening tag). */
const HEAD_BYTES = 4096;

export type ReceivedFile = {
  /** The form field it came in. */
  field: string;
  /** As the client named it: untrusted, for display only. */
  filename: string;
  /** As the client declared it: untrusted. */
  declaredType: string;
  /** The temporary file holding the contents (removed by `discard`). */
  path: string;
  size: number;
  /** Hex SHA-256 of the contents. */
  sha256: string;
  /** The first bytes (up to 4 KB). */
  head: Buffer;
};

export type ReceivedForm = {
  /** A text field's first value, or null. */
  field(name: string): string | null;
  /** The file sent in `name`, or null. */
  file(name: string): ReceivedFile | null;
  /** Removes the temporary files; call it when done with them (a finally block). */
  discard(): Promise<void>;
};

export type MultipartLimits = {
  /** Largest file; a larger one is refused with 413 as soon as it exceeds this. */
  maxFileBytes: number;
  /** The message for that 413. */
  tooLargeMessage?: string;
  /** Fields that may carry a file (others' files are read and dropped). Default: ["file"]. */
  fileFields?: readonly string[];
  /** Text fields, and bytes per text field. Defaults: 20, 16 KB. */
  maxFields?: number;
  maxFieldBytes?: number;
};

const NOT_MULTIPART = "Send the upload as multipart/form-data.";
const UNREADABLE = "The upload could not be read. Try again.";

/** A refusal raised while parsing; the stream is stopped and its files removed. */
class UploadRefusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a multipart/form-data request as it arrives, writing files to disk. Refuses
 * (never throws) with 415 when the body is not multipart, 413 when a file or field is too
 * large or the declared length exceeds what could be accepted, and 400 when the body is
 * malformed or cut short.
 */
export async function receiveMultipart(
  request: Request,
  limits: MultipartLimits,
): Promise<Result<{ form: ReceivedForm }>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return refuse(415, NOT_MULTIPART);
  const tooLarge = limits.tooLargeMessage ?? "The file is too large.";
  const maxFields = limits.maxFields ?? 20;
  const maxFieldBytes = limits.maxFieldBytes ?? 16 * 1024;
  const fileFields = limits.fileFields ?? ["file"];
  // Declared larger than the largest file and a little room for the other fields: refused
  // before reading a byte, so an honest browser gets its answer at once. (A body larger
  // than declared, or sent without a length, is stopped while reading instead.)
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxFileBytes + DECLARED_ALLOWANCE) return refuse(413, tooLarge);
  if (!request.body) return refuse(400, UNREADABLE);

  const fields = new Map<string, string>();
  const files: ReceivedFile[] = [];
  const written: string[] = [];
  const discard = async () => {
    await Promise.all(written.splice(0).map((file) => fsPromises.rm(file, { force: true })));
  };

  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      limits: {
        fileSize: limits.maxFileBytes,
        files: fileFields.length,
        fields: maxFields,
        fieldSize: maxFieldBytes,
        parts: fileFields.length + maxFields,
        headerPairs: 20,
      },
    });
  } catch {
    // No boundary, or a content type busboy cannot read.
    return refuse(400, UNREADABLE);
  }
  await fsPromises.mkdir(UPLOAD_TEMP_DIR, { recursive: true, mode: 0o700 });
  sweepAbandoned();

  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const fileWrites: Promise<void>[] = [];
  const openFiles: Readable[] = [];
  let failure: UploadRefusal | null = null;
  const fail = (refusal: UploadRefusal) => {
    failure ??= refusal;
    // Stop reading the request: nothing more of it is wanted.
    source.destroy(refusal);
  };

  parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) return fail(new UploadRefusal(413, `The field “${name.slice(0, 40)}” is too long.`));
    if (!fields.has(name)) fields.set(name, value);
  });
  parser.on("fieldsLimit", () => fail(new UploadRefusal(413, "The form has too many fields.")));
  parser.on("filesLimit", () => fail(new UploadRefusal(400, "Send one file at a time.")));
  parser.on("partsLimit", () => fail(new UploadRefusal(413, "The form has too many parts.")));
  parser.on("file", (field, stream, filename, _encoding, mimeType) => {
    if (failure !== null || !fileFields.includes(field) || files.some((file) => file.field === field)) {
      stream.resume();
      return;
    }
    const target = path.join(UPLOAD_TEMP_DIR, `${randomUUID()}.part`);
    written.push(target);
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    stream.on("limit", () => fail(new UploadRefusal(413, tooLarge)));
    openFiles.push(stream);
    fileWrites.push(
      pipeline(
        stream,
        // Hashing and keeping the head as the bytes pass on to the file.
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            if (headLength < HEAD_BYTES) {
              const part = chunk.subarray(0, HEAD_BYTES - headLength);
              head.push(part);
              headLength += part.length;
            }
            callback(null, chunk);
          },
        }),
        fs.createWriteStream(target, { flags: "wx", mode: 0o600 }),
      ).then(() => {
        if (stream.truncated) return;
        files.push({
          field,
          filename: filename ?? "",
          declaredType: mimeType ?? "",
          path: target,
          size,
          sha256: hash.digest("hex"),
          head: Buffer.concat(head),
        });
      }),
    );
  });

  try {
    await pipeline(source, parser);
    await Promise.all(fileWrites);
  } catch (error) {
    // The parser stopped mid-file: end the files it was writing, then remove them.
    for (const stream of openFiles) stream.destroy();
    await Promise.allSettled(fileWrites);
    await discard();
    const refusal = failure ?? (error instanceof UploadRefusal ? error : null);
    if (refusal) return refuse(refusal.status, refusal.message);
    // Malformed multipart, a body cut short, or a write that failed.
    if (!isClientProblem(error)) console.error("Receiving an upload failed:", error);
    return refuse(
      isClientProblem(error) ? 400 : 503,
      isClientProblem(error) ? UNREADABLE : "The upload could not be stored just now. Try again in a moment.",
    );
  }
  if (failure !== null) {
    await discard();
    const refusal: UploadRefusal = failure;
    return refuse(refusal.status, refusal.message);
  }

  return {
    ok: true,
    form: {
      field: (name) => fields.get(name) ?? null,
      file: (name) => files.find((file) => file.field === name) ?? null,
      discard,
    },
  };
}

let swept = false;

/**
 * Once per process: removes files a crashed or killed server left behind (older than a
 * day, so no upload in progress elsewhere is touched). Runs in the background.
 */
function sweepAbandoned(): void {
  if (swept) return;
  swept = true;
  const cutoff = Date.now() - 24 * 60 * 60 * 1000;
  void fsPromises
    .readdir(UPLOAD_TEMP_DIR)
    .then((names) =>
      Promise.all(
        names.map(async (name) => {
          const file = path.join(UPLOAD_TEMP_DIR, name);
          const stat = await fsPromises.stat(file).catch(() => null);
          if (stat && stat.mtimeMs < cutoff) await fsPromises.rm(file, { force: true });
        }),
      ),
    )
    .catch(() => undefined);
}

/** Errors that come from what the client sent, rather than from this server's disk. */
function isClientProblem(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return !(typeof code === "string" && /^E(NOSPC|ACCES|PERM|ROFS|MFILE|NFILE|IO|DQUOT)$/.test(code));
}
