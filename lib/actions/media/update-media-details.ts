"use server";

import { revalidateTag } from "next/cache";
import { z } from "zod";
import { MEDIA_ITEM_SELECT, toMediaItem } from "@/lib/data/media";
import { PUBLICATIONS_TAG } from "@/lib/data/cache-tags";
import { db } from "@/lib/db";
import type { MediaItem } from "@/lib/media/types";
import { ALT_REQUIRED_MESSAGE, mediaDetailsFromForm, mediaDetailsSchema } from "@/lib/validations/media";
import { authorizeMediaChange } from "./authorize";

export type UpdateMediaDetailsResult =
  | { ok: true; item: MediaItem; message: string }
  | { ok: false; status?: number; message: string; fieldErrors?: Record<string, string[]> };

/** Saves an item's alt text, caption and credit (the edit form on /admin/media). */
export async function updateMediaDetails(mediaId: number, form: FormData): Promise<UpdateMediaDetailsResult> {
  const id = z.number().int().positive().safeParse(mediaId);
  if (!id.success) return { ok: false, message: "This file is no longer in the media library." };
  const access = await authorizeMediaChange(id.data);
  if (!access.ok) return access;

  const details = mediaDetailsSchema.safeParse(mediaDetailsFromForm(form));
  if (!details.success)
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(details.error).fieldErrors,
    };
  if (access.media.kind === "IMAGE" && !details.data.alt)
    return { ok: false, message: ALT_REQUIRED_MESSAGE, fieldErrors: { alt: [ALT_REQUIRED_MESSAGE] } };

  const updated = await db.$transaction(async (tx) => {
    const row = await tx.media.update({ where: { id: id.data }, data: details.data, select: MEDIA_ITEM_SELECT });
    await tx.auditLog.create({
      data: {
        actorId: access.user.id,
        action: "media.update",
        entityType: "Media",
        entityId: String(id.data),
        details: { fields: ["alt", "caption", "credit"] },
      },
    });
    return row;
  });
  // Featured images show their alt text on public pages.
  revalidateTag(PUBLICATIONS_TAG, { expire: 0 });
  return { ok: true, item: toMediaItem(updated), message: "Details saved." };
}
