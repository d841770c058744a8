/**
 * Changing what is in the media library: an item's details and deleting it. Editors and
 * admins may change any item, authors only those they uploaded (others' files may be in
 * others' publications).
 */
import "server-only";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import type { PublicChange } from "@/lib/cache/changes";
import { countMediaUses, MEDIA_ITEM_SELECT, toMediaItem } from "@/lib/media/library";
import { publicWhere } from "@/lib/data/visibility";
import type { DatabaseClient } from "@/lib/db-client";
import { pluralize } from "@/lib/format/numbers";
import { invalidInput, refuse, type Result } from "@/lib/result";
import { ALT_REQUIRED_MESSAGE, mediaDetailsSchema } from "@/lib/validations/media";
import { mediaStorage } from "./configured-storage";
import type { MediaItem } from "./types";
import { storedVariants } from "./variants";

const MEDIA_GONE = "This file is no longer in the media library.";

/** The item when `user` may change it, or the refusal. */
async function changeableMedia(database: DatabaseClient, user: CurrentUser, mediaId: number) {
  const media = await database.media.findUnique({
    where: { id: mediaId },
    select: { id: true, kind: true, storageKey: true, filename: true, variants: true, uploadedById: true },
  });
  if (!media) return refuse(404, MEDIA_GONE);
  if (!can(user.role, "content.publish") && media.uploadedById !== user.id) {
    return refuse(403, "Only an editor or the person who uploaded this file can change it.");
  }
  return { ok: true as const, media };
}

/** Saves an item's alt text, caption and credit. Public pages showing it as a featured image change. */
export async function updateMediaDetails(
  database: DatabaseClient,
  user: CurrentUser,
  mediaId: number,
  input: unknown,
): Promise<Result<{ item: MediaItem; message: string; change: PublicChange }>> {
  const access = await changeableMedia(database, user, mediaId);
  if (!access.ok) return access;
  const details = mediaDetailsSchema.safeParse(input);
  if (!details.success) return invalidInput(details.error, { message: "Check the highlighted fields." });
  if (access.media.kind === "IMAGE" && !details.data.alt) {
    return refuse(400, ALT_REQUIRED_MESSAGE, { alt: ALT_REQUIRED_MESSAGE });
  }
  const { row, featuredOn } = await database.$transaction(async (tx) => {
    const row = await tx.media.update({ where: { id: mediaId }, data: details.data, select: MEDIA_ITEM_SELECT });
    await tx.auditLog.create({
      data: {
        actorId: user.id,
        action: "media.update",
        entityType: "Media",
        entityId: String(mediaId),
        details: { fields: ["alt", "caption", "credit"] },
      },
    });
    // Featured images show their alt text on the public pages of the publications using them.
    const featuredOn = await tx.publication.findMany({
      where: { featuredImageId: mediaId, ...publicWhere() },
      select: { slug: true },
    });
    return { row, featuredOn };
  });
  return {
    ok: true,
    item: toMediaItem(row),
    message: "Details saved.",
    change: { publications: featuredOn.map((publication) => publication.slug) },
  };
}

/**
 * Deletes an item and its files, unless a publication still uses it (as featured image,
 * PDF or in its text, trashed publications included, since they can be restored).
 */
export async function deleteMedia(database: DatabaseClient, user: CurrentUser, mediaId: number): Promise<Result> {
  const access = await changeableMedia(database, user, mediaId);
  if (!access.ok) return access;
  const { media } = access;
  const uses = await countMediaUses(database, media);
  if (uses > 0) {
    return refuse(
      409,
      `“${media.filename}” is used by ${pluralize(uses, "publication")}. Remove it from ${uses === 1 ? "that publication" : "those publications"} first.`,
    );
  }
  await database.$transaction(async (tx) => {
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
  for (const removal of removals) {
    if (removal.status === "rejected") console.error("Media: removing a deleted file failed", removal.reason);
  }
  return { ok: true, message: `“${media.filename}” was deleted.` };
}
