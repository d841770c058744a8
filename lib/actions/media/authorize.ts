import "server-only";
import { can, rolesFor } from "@/lib/auth/permissions";
import { checkRole, type CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export type MediaActionRefusal = { ok: false; status: 401 | 403 | 404; message: string };

/**
 * The staff member acting on a media item, when allowed: editors and admins may change any
 * item, authors only those they uploaded (others' files may be in others' publications).
 */
export async function authorizeMediaChange(mediaId: number): Promise<
  | {
      ok: true;
      user: CurrentUser;
      media: { id: number; kind: "IMAGE" | "PDF"; storageKey: string; filename: string; variants: unknown };
    }
  | MediaActionRefusal
> {
  const check = await checkRole(...rolesFor("content.write"));
  if (check.status === "anonymous") return { ok: false, status: 401, message: "Sign in to continue." };
  if (check.status === "forbidden")
    return { ok: false, status: 403, message: "You do not have permission to do this." };
  const media = await db.media.findUnique({
    where: { id: mediaId },
    select: { id: true, kind: true, storageKey: true, filename: true, variants: true, uploadedById: true },
  });
  if (!media) return { ok: false, status: 404, message: "This file is no longer in the media library." };
  if (!can(check.user.role, "content.publish") && media.uploadedById !== check.user.id) {
    return { ok: false, status: 403, message: "Only an editor or the person who uploaded this file can change it." };
  }
  return { ok: true, user: check.user, media };
}
