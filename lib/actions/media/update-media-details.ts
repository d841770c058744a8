"use server";

import { authorize } from "@/lib/auth/session";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { updateMediaDetails as update } from "@/lib/media/manage";
import type { MediaItem } from "@/lib/media/types";
import { refuse, type Result } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";
import { mediaDetailsFromForm } from "@/lib/validations/media";

/** Saves an item's alt text, caption and credit (the edit form on /admin/media). */
export async function updateMediaDetails(
  mediaId: unknown,
  form: FormData,
): Promise<Result<{ item: MediaItem; message: string }>> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const id = databaseIdSchema.safeParse(mediaId);
  if (!id.success) return refuse(404, "This file is no longer in the media library.");
  const result = await update(db, access.user, id.data, mediaDetailsFromForm(form));
  if (!result.ok) return result;
  await invalidatePublicCache(result.change);
  return { ok: true, item: result.item, message: result.message };
}
