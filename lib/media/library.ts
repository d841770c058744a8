import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MediaItem, MediaListResponse } from "./types";
import { mediaUrl } from "@/lib/format/paths";
import { storedVariants } from "./variants";
import type { MediaListQuery } from "@/lib/validations/media";

/** The columns a MediaItem is made of. */
export const MEDIA_ITEM_SELECT = {
  id: true,
  kind: true,
  filename: true,
  mimeType: true,
  sizeBytes: true,
  width: true,
  height: true,
  alt: true,
  caption: true,
  credit: true,
  storageKey: true,
  variants: true,
  createdAt: true,
} as const satisfies Prisma.MediaSelect;

export type MediaRow = Prisma.MediaGetPayload<{ select: typeof MEDIA_ITEM_SELECT }>;

export function toMediaItem(row: MediaRow): MediaItem {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    url: mediaUrl(row.storageKey),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants: storedVariants(row.variants).map((variant) => ({
      width: variant.width,
      height: variant.height,
      url: mediaUrl(variant.storageKey),
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

/** One page of the library, newest first, after the `cursor` id (keyset pagination). */
export async function listMedia(database: DatabaseClient, query: MediaListQuery): Promise<MediaListResponse> {
  const where: Prisma.MediaWhereInput = {};
  if (query.kind) where.kind = query.kind;
  if (query.cursor) where.id = { lt: query.cursor };
  if (query.q) {
    where.OR = (["filename", "alt", "caption", "credit"] as const).map((field) => ({
      [field]: { contains: query.q, mode: "insensitive" },
    }));
  }
  const rows = await database.media.findMany({
    where,
    select: MEDIA_ITEM_SELECT,
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toMediaItem), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** How many publications use an item: as featured image, as PDF, in their body, or as an event's audio or slides. */
export async function countMediaUses(
  database: DatabaseClient,
  media: { id: number; storageKey: string },
): Promise<number> {
  return database.publication.count({
    where: {
      OR: [
        { featuredImageId: media.id },
        { pdfId: media.id },
        { event: { is: { OR: [{ audioId: media.id }, { slidesId: media.id }] } } },
        // Variant keys begin with the original's, so this finds any size used in the body.
        { bodyHtml: { contains: mediaUrl(media.storageKey) } },
      ],
    },
  });
}
