/**
 * An image's responsive renditions: WebP copies 480, 960 and 1600 pixels wide, only below
 * the original's width (an animation gets none: a still WebP would lose its motion).
 *
 * An upload makes them at once (upload.ts). A bulk import (the WordPress import) stores the
 * original alone, marked `renditionsPending`, and leaves them to the job
 * media.make-renditions (jobs.ts), so that hundreds of images cost the import nothing on its
 * way: until then pages show the original by itself (`imageSrcSet` has no rendition to
 * offer), never a broken image.
 */
import "server-only";
import sharp from "sharp";
import type { PublicChange } from "@/lib/cache/changes";
import type { DatabaseClient } from "@/lib/db-client";
import { log } from "@/lib/log";
import type { MediaStorage } from "./storage";
import { variantKey } from "./storage";
import type { StoredVariant } from "./variants";

/** Widths of the responsive renditions (WebP), generated only below the original's width. */
const VARIANT_WIDTHS = [480, 960, 1600] as const;

export type Rendition = { width: number; height: number; contents: Buffer };

/** Whether an image of this width (displayed, after its orientation) gets any rendition. */
export function wantsRenditions(width: number | null, animated: boolean): boolean {
  return !animated && width !== null && width > VARIANT_WIDTHS[0];
}

/**
 * The renditions of an image (a file or its bytes) `width` pixels wide as displayed, made
 * one after the other (never several decodes at once). `limitInputPixels` as the upload's.
 */
export async function renderRenditions(
  source: string | Buffer,
  width: number,
  limitInputPixels: number,
): Promise<Rendition[]> {
  const renditions: Rendition[] = [];
  for (const target of VARIANT_WIDTHS) {
    if (target >= width) continue;
    const { data, info } = await sharp(source, { limitInputPixels })
      .autoOrient()
      .resize({ width: target, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    renditions.push({ width: info.width, height: info.height, contents: data });
  }
  return renditions;
}

/** Writes the renditions beside the original; returns what Media.variants records. */
export async function storeRenditions(
  storage: MediaStorage,
  originalKey: string,
  renditions: readonly Rendition[],
  written: string[] = [],
): Promise<StoredVariant[]> {
  const stored: StoredVariant[] = [];
  for (const rendition of renditions) {
    const storageKey = variantKey(originalKey, rendition.width);
    await storage.put(storageKey, rendition.contents, "image/webp");
    written.push(storageKey);
    stored.push({ width: rendition.width, height: rendition.height, storageKey });
  }
  return stored;
}

export type PendingRenditionsOutcome = {
  /** Images given their renditions (or found unreadable and left with the original alone). */
  made: number;
  /** What readers may now see differently: pages showing one as featured image can offer a srcset. */
  change: PublicChange;
};

/**
 * Makes the renditions of up to `limit` images still waiting for them, oldest first. Safe
 * to run twice at once (the same keys get the same bytes). An image that does not decode
 * keeps its original alone and is not tried again; a storage failure throws (the job is
 * retried) and leaves the image waiting.
 */
export async function makePendingRenditions(
  database: DatabaseClient,
  storage: MediaStorage,
  options: { limit: number; limitInputPixels: number; signal?: AbortSignal },
): Promise<PendingRenditionsOutcome> {
  const pending = await database.media.findMany({
    where: { renditionsPending: true },
    orderBy: { id: "asc" },
    take: options.limit,
    select: { id: true, storageKey: true, width: true },
  });
  const done: number[] = [];
  for (const media of pending) {
    if (options.signal?.aborted) break;
    const object = await storage.get(media.storageKey);
    let renditions: Rendition[] = [];
    if (!object) log.error({ mediaId: media.id }, "An image waiting for its renditions is not in the storage");
    else {
      const original = Buffer.from(await new Response(object.body).arrayBuffer());
      try {
        renditions = await renderRenditions(original, media.width ?? 0, options.limitInputPixels);
      } catch (error) {
        log.error({ mediaId: media.id, err: error }, "An image's renditions could not be made: it is shown as it is");
      }
    }
    const variants = await storeRenditions(storage, media.storageKey, renditions);
    await database.media.update({ where: { id: media.id }, data: { variants, renditionsPending: false } });
    done.push(media.id);
  }
  if (done.length === 0) return { made: 0, change: {} };
  const featuring = await database.publication.findMany({
    where: { featuredImageId: { in: done } },
    select: { slug: true },
  });
  const publications = featuring.map((publication) => publication.slug);
  return { made: done.length, change: publications.length > 0 ? { publications, listings: true } : {} };
}

/** How many images still wait for their renditions. */
export function pendingRenditionsCount(database: DatabaseClient): Promise<number> {
  return database.media.count({ where: { renditionsPending: true } });
}
