"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { deleteMedia as remove } from "@/lib/media/manage";
import { refuse, type Result } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";

/** "Delete" on /admin/media: refused while a publication uses the file. */
export async function deleteMedia(mediaId: unknown): Promise<Result> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const id = databaseIdSchema.safeParse(mediaId);
  if (!id.success) return refuse(404, "This file is no longer in the media library.");
  return remove(db, access.user, id.data);
}
