"use server";

import { z } from "zod";
import { countMediaUses } from "@/lib/data/media";
import { db } from "@/lib/db";
import { pluralize } from "@/lib/format/numbers";
import { mediaStorage } from "@/lib/media/configured-storage";
import { storedVariants } from "@/lib/media/variants";
import { authorizeMediaChange } from "./authorize";

export type DeleteMediaResult = { ok: true; message: string } | { ok: false; status?: number; message: string };

/**
 * Deletes an item and its files, unless a publication still uses it (as featured image,
 * PDF or in its text, trashed publications included, since they can be restored).
 */
export async function deleteMedia(mediaId: number): Promise<DeleteMediaResult> {
  const id = z.number().int().positive().safeParse(mediaId);
  if (!id.success) return { ok: false, message: "This file is no longer in the media library." };
  const access = await authorizeMediaChange(id.data);
  if (!access.ok) return access;
  const { media, user } = access;

  const uses = await countMediaUses(db, media);
  if (uses > 0) {
    return {
      ok: false,
      message: `“${media.filename}” is used by ${pluralize(uses, "publication")}. Remove it from ${uses === 1 ? "that publication" : "those publications"} first.`,
    };
  }

  await db.$transaction(async (tx) => {
    await tx.media.delete({ where: { id: media.id } });
    await tx.auditLog.create({
      data: {
        actorId: user.id,
        action: "media.delete",
        entityType: "Media",
        entityId: String(media.id),
        details: { filename: media.filename, storageKey: media.storageKey },
      },
    });
  });
  // The row is gone, so the files are no longer served; removing them is tidying up.
  const keys = [media.storageKey, ...storedVariants(media.variants).map((variant) => variant.storageKey)];
  const removals = await Promise.allSettled(keys.map((key) => mediaStorage.remove(key)));
  for (const removal of removals)
    if (removal.status === "rejected") console.error("Media: removing a deleted file failed", removal.reason);
  return { ok: true, message: `“${media.filename}” was deleted.` };
}
