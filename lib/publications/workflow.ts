/** Taking workflow actions against the database (the rules themselves: workflow-rules.ts). */
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { can, canEditPublication } from "@/lib/auth/permissions";
import { combineChanges, type PublicChange } from "@/lib/cache/changes";
import type { DatabaseClient } from "@/lib/db-client";
import type { PublicationStatus } from "@/lib/generated/prisma/client";
import { refuse, type Result } from "@/lib/result";
import { transitionRequestSchema } from "@/lib/validations/publication";
import { changeOfPublication } from "./changes";
import type { Effects } from "./effects";
import { loadForPermission } from "./save";
import { DAY_MS, mayTransition, TRASH_RETENTION_DAYS, WORKFLOW } from "./workflow-rules";

/** The publication's new state; `id` is the validated one the request named. */
export type Transitioned = { id: number; status: PublicationStatus; deletedAt: string | null };
export type TransitionResult = Result<Transitioned & { effects: Effects }>;

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

  let goLive: Effects["goLive"];
  const data: { status?: PublicationStatus; publishedAt?: Date | null; deletedAt?: Date | null } = {};
  if (rule.to === "trash") data.deletedAt = now;
  else if (rule.to === "restore") data.deletedAt = null;
  else data.status = rule.to;
  if (action === "schedule") {
    const at = publishAt ? new Date(publishAt) : null;
    if (!at || at <= now)
      return refuse(400, "Choose a publish date and time in the future to schedule.", {
        publishAt: "Choose a date and time in the future",
      });
    data.publishedAt = at;
    goLive = { publicationId: id, at };
  }
  // Publishing now keeps a date already in the past (a back-dated item) and otherwise uses now.
  if (action === "publish")
    data.publishedAt = publication.publishedAt && publication.publishedAt <= now ? publication.publishedAt : now;

  // The change and its audit entry stand or fall together.
  const updated = await database.$transaction(async (tx) => {
    const row = await tx.publication.update({
      where: { id },
      data: { ...data, updatedAt: now },
      select: { status: true, deletedAt: true, publishedAt: true, slug: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: user.id,
        action: `publication.${action}`,
        entityType: "Publication",
        entityId: String(id),
        details: { from: publication.status, to: row.status },
      },
    });
    return row;
  });
  return {
    ok: true,
    id,
    status: updated.status,
    deletedAt: updated.deletedAt?.toISOString() ?? null,
    effects: { change: changeOfPublication(publication, updated, now), ...(goLive && { goLive }) },
  };
}

/**
 * Publishes what is scheduled for now or earlier, with an audit entry each: one
 * publication (its go-live job) or everything due (the every-minute sweep). Returns what
 * readers now see changed.
 */
export async function publishDuePublications(
  database: DatabaseClient,
  options: { publicationId?: number; now?: Date } = {},
): Promise<PublicChange> {
  const now = options.now ?? new Date();
  const due = await database.publication.findMany({
    where: {
      status: "SCHEDULED",
      deletedAt: null,
      publishedAt: { lte: now },
      ...(options.publicationId !== undefined && { id: options.publicationId }),
    },
    select: { id: true },
  });
  if (due.length === 0) return {};
  const live = await database.$transaction(async (tx) => {
    // The status condition again: an editor who unpublished meanwhile wins, and of two runs
    // at once (the go-live job and the sweep, on one server or two) only the one whose
    // update changed the row gets it back, so it goes live, audited, once.
    const published = await tx.publication.updateManyAndReturn({
      where: { id: { in: due.map((publication) => publication.id) }, status: "SCHEDULED" },
      data: { status: "PUBLISHED", updatedAt: now },
      select: { id: true, slug: true, status: true, deletedAt: true, publishedAt: true },
    });
    await tx.auditLog.createMany({
      data: published.map((publication) => ({
        action: "publication.go_live",
        entityType: "Publication",
        entityId: String(publication.id),
        details: { scheduled: true },
      })),
    });
    return published;
  });
  return combineChanges(...live.map((publication) => changeOfPublication(null, publication, now)));
}

/** Deletes publications that have been in the trash longer than the retention period. */
export async function purgeTrash(database: DatabaseClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS);
  const { count } = await database.publication.deleteMany({ where: { deletedAt: { lt: cutoff } } });
  return count;
}
