import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type Sharp } from "sharp";
import type { CurrentUser } from "@/lib/auth/session";
import { MEDIA_ITEM_SELECT, toMediaItem } from "@/lib/media/library";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, refuse, type Result } from "@/lib/result";
import type { ReceivedFile } from "@/lib/http/upload-stream";
import { ALT_REQUIRED_MESSAGE, mediaDetailsSchema, type MediaDetails } from "@/lib/validations/media";
import { mediaStorage } from "./configured-storage";
import { claimedKind, detectFileType, kindNoun, looksLikeSvg, withArticle, type DetectedType } from "./detect";
import { readPdfText } from "./pdf-text";
import { renderRenditions, storeRenditions, wantsRenditions, type Rendition } from "./renditions";
import { uploadKey } from "./storage";
import type { StoredVariant } from "./variants";
import type { MediaItem } from "./types";

const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** An event recording of about 90 minutes at 128 kbit/s, or longer at speech bitrates. */
const MAX_AUDIO_BYTES = 100 * 1024 * 1024;
/** The largest file the upload route reads: the largest audio file. */
export const MAX_UPLOAD_FILE_BYTES = MAX_AUDIO_BYTES;
/**
 * Larger images than this (in pixels, across all frames of an animation) are refused from
 * their header, before anything is decoded: a few kilobytes of PNG can declare 10,000 ×
 * 10,000 pixels and cost seconds and a hundred megabytes to decode. 40 megapixels is more
 * than a 7,000 × 5,000 camera photo, far more than any page shows.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** expectedKind: set by the picker, which asks for one kind (a featured image, a PDF). */
export type UploadInput = {
  file: ReceivedFile;
  alt: unknown;
  caption: unknown;
  credit: unknown;
  expectedKind?: unknown;
  /**
   * When an image's renditions are made (renditions.ts): "now" (an upload, the default), or
   * "later" by the job media.make-renditions (a bulk import, which must not wait for them).
   */
  renditions?: "now" | "later";
};

/** The item, and whether it is new (201) or was already in the library (200). */
export type UploadResult = Result<{ item: MediaItem; created: boolean }>;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export const FILE_TOO_LARGE_MESSAGE = `The file is too large: audio files may be up to ${megabytes(MAX_AUDIO_BYTES)}, PDFs may be up to ${megabytes(MAX_PDF_BYTES)}, images up to ${megabytes(MAX_IMAGE_BYTES)}.`;

const ACCEPTED = "JPEG, PNG, GIF, WebP or AVIF image, a PDF, or an MP3, M4A, Ogg (Vorbis or Opus) or WAV audio file";

/** The uploaded name, kept for display and downloads: no folders, no control characters. */
function cleanFilename(name: string, type: DetectedType): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return base || `upload.${type.extension}`;
}

const SHARP_LIMITS = { limitInputPixels: MAX_IMAGE_PIXELS } as const;

type Inspected = {
  width: number | null;
  height: number | null;
  /** What readers get as the original: the upload itself, or a copy without its metadata. */
  publicFile: string;
  variants: Rendition[];
  /** Renditions left to the job: it must make some. */
  renditionsPending: boolean;
};

class ImageTooLarge extends Error {}

/**
 * Photo metadata readers must not get: EXIF (camera, time, GPS position), XMP, IPTC, PNG
 * text chunks; and an EXIF orientation, which the copy applies to the pixels instead.
 */
function carriesMetadata(metadata: Metadata): boolean {
  return Boolean(
    metadata.exif ||
    metadata.xmp ||
    metadata.iptc ||
    metadata.tifftagPhotoshop ||
    (metadata.comments && metadata.comments.length > 0) ||
    (metadata.orientation !== undefined && metadata.orientation !== 1),
  );
}

/** The same format, re-encoded: sharp writes no metadata unless asked (the colour profile is kept). */
function reencoded(image: Sharp, type: DetectedType): Sharp {
  switch (type.extension) {
    case "jpg":
      return image.jpeg({ quality: 92 });
    case "png":
      return image.png();
    case "webp":
      return image.webp({ quality: 90 });
    case "gif":
      return image.gif();
    case "avif":
      return image.avif({ quality: 70 });
    default:
      throw new Error(`No encoder for ${type.extension}`);
  }
}

/**
 * Checks an image by its header, then decodes it one step at a time (never several
 * decodes at once): proves it decodes, writes a copy without metadata when it carries any,
 * and makes the renditions unless they are left for later. `workDir` receives the copy.
 */
async function inspect(
  file: ReceivedFile,
  type: DetectedType,
  workDir: string,
  renditions: "now" | "later",
): Promise<Inspected> {
  // PDFs and audio files are served as they came (their type proven by their bytes).
  if (type.kind !== "IMAGE")
    return { width: null, height: null, publicFile: file.path, variants: [], renditionsPending: false };
  // The header alone: no pixel is decoded until the size is known to be acceptable.
  const metadata = await sharp(file.path, { limitInputPixels: false }).metadata();
  const pages = metadata.pages ?? 1;
  const pageHeight = metadata.pageHeight ?? metadata.height;
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS || metadata.width * pageHeight * pages > MAX_IMAGE_PIXELS)
    throw new ImageTooLarge(
      `${metadata.width.toLocaleString("en-US")} × ${pageHeight.toLocaleString("en-US")} pixels${pages > 1 ? ` in ${pages} frames` : ""}`,
    );
  // Dimensions as the image is displayed, after its EXIF orientation.
  const { width, height } = metadata.autoOrient ?? metadata;
  // Decoding the whole image proves it is one, not just a valid header. Into a thumbnail:
  // every byte of the data is still read and checked, but a JPEG or WebP decoder then skips
  // most of the pixel work (shrink-on-load), a third of the time of a full-size decode.
  await sharp(file.path, { ...SHARP_LIMITS, failOn: "error" })
    .resize(32, 32, { fit: "inside" })
    .raw()
    .toBuffer();
  // An animation would lose its motion in a still WebP: animated images get no renditions.
  const animated = pages > 1;

  let publicFile = file.path;
  if (carriesMetadata(metadata)) {
    publicFile = path.join(workDir, `${path.basename(file.path)}.public.${type.extension}`);
    const source = sharp(file.path, { ...SHARP_LIMITS, animated });
    await reencoded((animated ? source : source.autoOrient()).keepIccProfile(), type).toFile(publicFile);
  }

  if (!wantsRenditions(width, animated)) return { width, height, publicFile, variants: [], renditionsPending: false };
  if (renditions === "later") return { width, height, publicFile, variants: [], renditionsPending: true };
  const variants = await renderRenditions(file.path, width, MAX_IMAGE_PIXELS);
  return { width, height, publicFile, variants, renditionsPending: false };
}

/**
 * Adds a file to the media library. The type comes from the bytes; SVG is refused because
 * an SVG is a document that can carry script and external references, and cleaning one
 * safely is harder than asking for a PNG or WebP. The same bytes uploaded again return the
 * item already in the library (200) instead of a copy (201).
 */
export async function uploadMedia(input: UploadInput, user: CurrentUser): Promise<UploadResult> {
  const details = mediaDetailsSchema.safeParse({
    alt: input.alt ?? "",
    caption: input.caption ?? "",
    credit: input.credit ?? "",
  });
  if (!details.success) return invalidInput(details.error, { message: "Check the highlighted fields." });
  const { file } = input;
  if (file.size === 0) return refuse(400, "The file is empty.", { file: "Choose a file to upload." });
  if (file.size > MAX_UPLOAD_FILE_BYTES) return refuse(413, FILE_TOO_LARGE_MESSAGE);

  const type = detectFileType(file.head);
  if (!type) {
    const message = looksLikeSvg(file.head)
      ? "SVG files cannot be uploaded, because they can contain scripts. Export the image as PNG or WebP instead."
      : `This file is not ${withArticle(ACCEPTED)}: its contents do not match any of those types.`;
    return refuse(415, message, { file: message });
  }
  const claimed = claimedKind(file.declaredType, file.filename);
  if (claimed && claimed !== type.kind) {
    const message = `The file's contents are ${withArticle(type.label)}, not the ${kindNoun(claimed).replace(/^an? /, "")} its name or type claims.`;
    return refuse(415, message, { file: message });
  }
  if (
    (input.expectedKind === "IMAGE" || input.expectedKind === "PDF" || input.expectedKind === "AUDIO") &&
    input.expectedKind !== type.kind
  ) {
    const message = `This file is ${withArticle(type.label)}; choose ${kindNoun(input.expectedKind)} here.`;
    return refuse(415, message, { file: message });
  }
  if (type.kind === "PDF" && file.size > MAX_PDF_BYTES) {
    return refuse(413, `The PDF is too large: PDFs may be up to ${megabytes(MAX_PDF_BYTES)}.`, {
      file: `PDFs may be up to ${megabytes(MAX_PDF_BYTES)}.`,
    });
  }
  if (type.kind === "IMAGE" && file.size > MAX_IMAGE_BYTES) {
    return refuse(413, `The image is too large: images may be up to ${megabytes(MAX_IMAGE_BYTES)}.`, {
      file: `Images may be up to ${megabytes(MAX_IMAGE_BYTES)}.`,
    });
  }
  if (type.kind === "IMAGE" && !details.data.alt)
    return refuse(400, ALT_REQUIRED_MESSAGE, { alt: ALT_REQUIRED_MESSAGE });

  // Named after the uploaded bytes, so the same upload again finds the item already stored.
  const { sha256 } = file;
  const storageKey = uploadKey(sha256, type.extension);
  const existing = await db.media.findUnique({ where: { storageKey }, select: MEDIA_ITEM_SELECT });
  if (existing) return { ok: true, item: toMediaItem(existing), created: false };

  const workDir = path.dirname(file.path);
  let inspected: Inspected;
  try {
    inspected = await inspect(file, type, workDir, input.renditions ?? "now");
  } catch (error) {
    if (error instanceof ImageTooLarge) {
      const message = `The image is too large: ${error.message}. Images may be up to ${MAX_IMAGE_PIXELS / 1_000_000} megapixels (for example 8,000 × 5,000); scale it down and upload it again.`;
      return refuse(413, message, { file: message });
    }
    const message = `The ${type.label} could not be read: it may be damaged or incomplete.`;
    return refuse(422, message, { file: message });
  }
  try {
    const stored = await store(user, { file, type, storageKey, sha256, inspected, details: details.data });
    if (stored.ok && stored.created && type.kind === "PDF") await readUploadedPdf(stored.item.id, file.path);
    return stored;
  } finally {
    if (inspected.publicFile !== file.path) await fs.rm(inspected.publicFile, { force: true });
  }
}

/** The new PDF's text, for search: a PDF that cannot be read is recorded as such, and never fails its upload. */
async function readUploadedPdf(mediaId: number, filePath: string): Promise<void> {
  try {
    await readPdfText(db, mediaId, filePath);
  } catch (error) {
    // The hourly job (lib/media/jobs.ts) tries again.
    log.error({ mediaId, err: error }, "Storing a PDF's text failed");
  }
}

/** Writes the files, then the row and its audit entry; removes the files again if the row fails. */
async function store(
  user: CurrentUser,
  upload: {
    file: ReceivedFile;
    type: DetectedType;
    storageKey: string;
    sha256: string;
    inspected: Inspected;
    details: MediaDetails;
  },
): Promise<UploadResult> {
  const { file, type, storageKey, sha256, inspected } = upload;
  const sizeBytes = (await fs.stat(inspected.publicFile)).size;
  const written: string[] = [];
  let variants: StoredVariant[];
  try {
    await mediaStorage.putFile(storageKey, inspected.publicFile, type.mimeType);
    written.push(storageKey);
    variants = await storeRenditions(mediaStorage, storageKey, inspected.variants, written);
  } catch (error) {
    console.error("Media upload: storing the file failed", error);
    await Promise.allSettled(written.map((key) => mediaStorage.remove(key)));
    return refuse(503, "The file could not be stored just now. Try again in a moment.");
  }

  try {
    const created = await db.$transaction(async (tx) => {
      const media = await tx.media.create({
        data: {
          kind: type.kind,
          filename: cleanFilename(file.filename, type),
          mimeType: type.mimeType,
          sizeBytes,
          width: inspected.width,
          height: inspected.height,
          ...upload.details,
          storageKey,
          sha256,
          variants,
          renditionsPending: inspected.renditionsPending,
          uploadedById: user.id,
        },
        select: MEDIA_ITEM_SELECT,
      });
      await tx.auditLog.create({
        data: {
          actorId: user.id,
          action: "media.upload",
          entityType: "Media",
          entityId: String(media.id),
          details: { filename: media.filename, kind: media.kind, sizeBytes: media.sizeBytes },
        },
      });
      return media;
    });
    return { ok: true, item: toMediaItem(created), created: true };
  } catch (error) {
    // The same file uploaded twice at once: the other request created the item.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.media.findUnique({ where: { storageKey }, select: MEDIA_ITEM_SELECT });
      if (winner) return { ok: true, item: toMediaItem(winner), created: false };
    }
    await Promise.allSettled(written.map((key) => mediaStorage.remove(key)));
    throw error;
  }
}
