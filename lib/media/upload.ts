import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { CurrentUser } from "@/lib/auth/session";
import { MEDIA_ITEM_SELECT, toMediaItem } from "@/lib/media/library";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, refuse, type Result } from "@/lib/result";
import { ALT_REQUIRED_MESSAGE, mediaDetailsSchema } from "@/lib/validations/media";
import { mediaStorage } from "./configured-storage";
import { claimedKind, detectFileType, looksLikeSvg, type DetectedType } from "./detect";
import { uploadKey, variantKey } from "./storage";
import type { MediaItem } from "./types";

const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** The largest multipart request worth reading: the largest file plus room for the fields. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_PDF_BYTES + 1024 * 1024;
/** Widths of the responsive renditions (WebP), generated only below the original's width. */
const VARIANT_WIDTHS = [480, 960, 1600] as const;
/** Larger images than this (in pixels) are refused before decoding (decompression bombs). */
const MAX_IMAGE_PIXELS = 100_000_000;

/** expectedKind: set by the picker, which asks for one kind (a featured image, a PDF). */
export type UploadInput = { file: File; alt: unknown; caption: unknown; credit: unknown; expectedKind?: unknown };

/** The item, and whether it is new (201) or was already in the library (200). */
export type UploadResult = Result<{ item: MediaItem; created: boolean }>;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export const FILE_TOO_LARGE_MESSAGE = `The file is too large: PDFs may be up to ${megabytes(MAX_PDF_BYTES)}, images up to ${megabytes(MAX_IMAGE_BYTES)}.`;

const ACCEPTED = "JPEG, PNG, GIF, WebP or AVIF image, or a PDF";

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

/** Checks the type by content, then for images reads the size and makes the renditions. */
async function inspect(bytes: Buffer, type: DetectedType) {
  if (type.kind === "PDF")
    return { width: null, height: null, variants: [] as { width: number; height: number; contents: Buffer }[] };
  const metadata = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  // Dimensions as the image is displayed, after its EXIF orientation.
  const { width, height } = metadata.autoOrient ?? metadata;
  // Decoding the whole image proves it is one, not just a valid header.
  await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" }).stats();
  // An animation would lose its motion in a still WebP: animated images are used as uploaded.
  const animated = (metadata.pages ?? 1) > 1;
  const variants = await Promise.all(
    VARIANT_WIDTHS.filter((target) => !animated && target < width).map(async (target) => {
      const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
        .autoOrient()
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, contents: data };
    }),
  );
  return { width, height, variants };
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
  if (file.size > MAX_PDF_BYTES) return refuse(413, FILE_TOO_LARGE_MESSAGE);

  const bytes = Buffer.from(await file.arrayBuffer());
  const type = detectFileType(bytes);
  if (!type) {
    const message = looksLikeSvg(bytes)
      ? "SVG files cannot be uploaded, because they can contain scripts. Export the image as PNG or WebP instead."
      : `This file is not a ${ACCEPTED}: its contents do not match any of those types.`;
    return refuse(415, message, { file: message });
  }
  const claimed = claimedKind(file.type, file.name);
  if (claimed && claimed !== type.kind) {
    const message = `The file's contents are a ${type.label}, not the ${claimed === "IMAGE" ? "image" : "PDF"} its name or type claims.`;
    return refuse(415, message, { file: message });
  }
  if ((input.expectedKind === "IMAGE" || input.expectedKind === "PDF") && input.expectedKind !== type.kind) {
    const message = `This file is a ${type.label}; choose ${input.expectedKind === "IMAGE" ? "an image" : "a PDF"} here.`;
    return refuse(415, message, { file: message });
  }
  if (type.kind === "IMAGE" && bytes.length > MAX_IMAGE_BYTES) {
    return refuse(413, `The image is too large: images may be up to ${megabytes(MAX_IMAGE_BYTES)}.`, {
      file: `Images may be up to ${megabytes(MAX_IMAGE_BYTES)}.`,
    });
  }
  if (type.kind === "IMAGE" && !details.data.alt)
    return refuse(400, ALT_REQUIRED_MESSAGE, { alt: ALT_REQUIRED_MESSAGE });

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = uploadKey(sha256, type.extension);
  const existing = await db.media.findUnique({ where: { storageKey }, select: MEDIA_ITEM_SELECT });
  if (existing) return { ok: true, item: toMediaItem(existing), created: false };

  let inspected: Awaited<ReturnType<typeof inspect>>;
  try {
    inspected = await inspect(bytes, type);
  } catch {
    const message = `The ${type.label} could not be read: it may be damaged or incomplete.`;
    return refuse(422, message, { file: message });
  }

  const variants = inspected.variants.map((variant) => ({
    width: variant.width,
    height: variant.height,
    storageKey: variantKey(storageKey, variant.width),
  }));
  const written: string[] = [];
  try {
    await mediaStorage.put(storageKey, bytes, type.mimeType);
    written.push(storageKey);
    for (const [index, variant] of inspected.variants.entries()) {
      await mediaStorage.put(variants[index]!.storageKey, variant.contents, "image/webp");
      written.push(variants[index]!.storageKey);
    }
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
          filename: cleanFilename(file.name, type),
          mimeType: type.mimeType,
          sizeBytes: bytes.length,
          width: inspected.width,
          height: inspected.height,
          ...details.data,
          storageKey,
          sha256,
          variants,
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
