/** Taking workflow actions against the database (the rules themselves: workflow-rules.ts). */
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can, canEditPublication } from "@/lib/auth/permissions";
import { DAY_MS, mayTransition, TRASH_RETENTION_DAYS, WORKFLOW } from "./workflow-rules";
import { PUBLICATIONS_TAG, publicationTag } from "@/lib/data/cache-tags";
import type { DatabaseClient } from "@/lib/db-client";
import type { PublicationStatus } from "@/lib/generated/prisma/client";
import { transitionRequestSchema } from "@/lib/validations/publication";
import { refuse, type Effects, type Refusal } from "./results";
import { loadForPermission } from "./save";

export type TransitionResult =
  { ok: true; status: PublicationStatus; deletedAt: string | null; effects: Effects } | Refusal;

/** Takes one workflow action; refused (403/404/409/400) unless the table allows it. */
export async function transitionPublication(
  database: DatabaseClient,
  user: CurrentUser,
  input: unknown,
  now = new Date(),
): Promise<TransitionResult> {
  const parsed = transitionRequestSchema.safeParse(input);
  if (!parsed.success) return refuse(400, parsed.error.issues[0]?.message ?? "Invalid request.");
  const { id, action, publishAt } = parsed.data;
  const publication = await loadForPermission(database, id, { trashed: action === "restore" });
  if (!publication)
    return refuse(
      404,
      action === "restore"
        ? "This publication is not in the trash."
        : "This publication does not exist or is in the trash.",
    );
  const rule = WORKFLOW[action];
  if (rule.who === "publisher" ? !can(user.role, "content.publish") : !canEditPublication(user, publication)) {
    return refuse(
      403,
      rule.who === "publisher"
        ? `Only editors can ${rule.label.toLowerCase()} publications.`
        : "You may change only your own drafts.",
    );
  }
  if (!mayTransition(user, action, publication))
    return refuse(
      409,
      `A publication that is ${publication.status.toLowerCase().replace("_", " ")} cannot be changed that way.`,
    );
  if (
    action === "restore" &&
    publication.deletedAt &&
    now.getTime() - publication.deletedAt.getTime() > TRASH_RETENTION_DAYS * DAY_MS
  ) {
    return refuse(
      409,
      `Publications stay in the trash for ${TRASH_RETENTION_DAYS} days; this one can no longer be restored.`,
    );
  }

  let goLiveAt: Date | undefined;
  const data: { status?: PublicationStatus; publishedAt?: Date | null; deletedAt?: Date | null } = {};
  if (rule.to === "trash") data.deletedAt = now;
  else if (rule.to === "restore") data.deletedAt = null;
  else data.status = rule.to;
  if (action === "schedule") {
    const at = publishAt ? new Date(publishAt) : null;
    if (!at || at <= now)
      return refuse(400, "Choose a publish date and time in the future to schedule.", {
        publishAt: ["Choose a date and time in the future"],
      });
    data.publishedAt = at;
    goLiveAt = at;
  }
  // Publishing now keeps a date already in the past (a back-dated item) and otherwise uses now.
  if (action === "publish")
    data.publishedAt = publication.publishedAt && publication.publishedAt <= now ? publication.publishedAt : now;

  const updated = await database.publication.update({
    where: { id },
    data: { ...data, updatedAt: now },
    select: { status: true, deletedAt: true, slug: true },
  });
  await database.auditLog.create({
    data: {
      actorId: user.id,
      action: `publication.${action}`,
      entityType: "Publication",
      entityId: String(id),
      details: { from: publication.status, to: updated.status },
    },
  });
  // Whatever was or becomes public changes what readers see.
  const touchesPublic = publication.status === "PUBLISHED" || updated.status === "PUBLISHED";
  const revalidate = touchesPublic ? [PUBLICATIONS_TAG, publicationTag(updated.slug)] : [];
  return {
    ok: true,
    status: updated.status,
    deletedAt: updated.deletedAt?.toISOString() ?? null,
    effects: { revalidate, ...(goLiveAt ? { goLiveAt } : {}) },
  };
}

/**
 * Publishes everything scheduled for now or earlier (run by the go-live job and its
 * every-minute sweep). Returns the slugs that went live.
 */
export async function publishDuePublications(database: DatabaseClient, now = new Date()): Promise<string[]> {
  const due = await database.publication.findMany({
    where: { status: "SCHEDULED", deletedAt: null, publishedAt: { lte: now } },
    select: { id: true, slug: true },
  });
  if (due.length === 0) return [];
  // The status condition again: an editor who unpublished meanwhile wins.
  const ids = due.map((publication) => publication.id);
  await database.publication.updateMany({
    where: { id: { in: ids }, status: "SCHEDULED" },
    data: { status: "PUBLISHED", updatedAt: now },
  });
  const live = await database.publication.findMany({
    where: { id: { in: ids }, status: "PUBLISHED" },
    select: { id: true, slug: true },
  });
  await database.auditLog.createMany({
    data: live.map((publication) => ({
      action: "publication.go_live",
      entityType: "Publication",
      entityId: String(publication.id),
      details: { scheduled: true },
    })),
  });
  return live.map((publication) => publication.slug);
}

/** Deletes publications that have been in the trash longer than the retention period. */
export async function purgeTrash(database: DatabaseClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS);
  const { count } = await database.publication.deleteMany({ where: { deletedAt: { lt: cutoff } } });
  return count;
}
