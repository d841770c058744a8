/**
 * An author's entry in the experts directory: photo, listing, languages, media
 * availability, press contact, expertise and rank. Saved in one transaction with its
 * AuditLog entry; the caller (a server action) has checked the permission and drops what
 * the change made stale (the directory, the home page's strip, the profile: taxonomy).
 */
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import type { PublicChange } from "@/lib/cache/changes";
import type { DatabaseClient } from "@/lib/db-client";
import { refuse, type Result } from "@/lib/result";
import type { ExpertProfileField, ExpertProfileInput } from "@/lib/validations/expert-profile";

const PROFILE_CHANGED: PublicChange = { taxonomy: true };

/** The profile as the form shows it, with the topics to choose from. */
export async function getExpertProfile(database: DatabaseClient, authorId: number) {
  const [author, topics] = await Promise.all([
    database.author.findUnique({
      where: { id: authorId },
      select: {
        id: true,
        name: true,
        isExpert: true,
        languages: true,
        availableForMedia: true,
        pressContact: true,
        directoryRank: true,
        photo: { select: { id: true, storageKey: true, alt: true } },
        expertise: { orderBy: { position: "asc" }, select: { categoryId: true } },
      },
    }),
    database.category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return author && { author, topics };
}

export async function saveExpertProfile(
  database: DatabaseClient,
  actor: CurrentUser,
  input: ExpertProfileInput,
): Promise<Result<{ message: string; change: PublicChange }, ExpertProfileField>> {
  return database.$transaction(async (tx) => {
    const author = await tx.author.findUnique({ where: { id: input.authorId }, select: { id: true, name: true } });
    if (!author) return refuse(404, "There is no such author: they may have been merged or deleted.");
    if (input.photoId !== null) {
      const photo = await tx.media.findUnique({ where: { id: input.photoId }, select: { kind: true } });
      if (photo?.kind !== "IMAGE") {
        const message = "Choose an image from the media library";
        return refuse(422, message, { photoId: message });
      }
    }
    const topics = await tx.category.count({ where: { id: { in: input.expertise } } });
    if (topics !== new Set(input.expertise).size) {
      const message = "A chosen topic no longer exists; reload the page";
      return refuse(422, message, { expertise: message });
    }
    await tx.author.update({
      where: { id: author.id },
      data: {
        photoId: input.photoId,
        isExpert: input.isExpert,
        languages: input.languages,
        availableForMedia: input.availableForMedia,
        pressContact: input.pressContact,
        directoryRank: input.directoryRank,
      },
    });
    await tx.authorExpertise.deleteMany({ where: { authorId: author.id } });
    await tx.authorExpertise.createMany({
      data: [...new Set(input.expertise)].map((categoryId, position) => ({
        authorId: author.id,
        categoryId,
        position,
      })),
    });
    await tx.auditLog.create({
      data: {
        action: "author.profile",
        actorId: actor.id,
        entityType: "Author",
        entityId: String(author.id),
        details: {
          isExpert: input.isExpert,
          availableForMedia: input.availableForMedia,
          languages: input.languages,
          expertise: input.expertise,
          photoId: input.photoId,
          directoryRank: input.directoryRank,
        },
      },
    });
    return { ok: true, message: `Saved ${author.name}'s directory profile.`, change: PROFILE_CHANGED };
  });
}
