"use server";

import { canEditPublication } from "@/lib/auth/permissions";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { authorize, type CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { heartbeat } from "@/lib/publications/presence";
import { createPreviewToken, PREVIEW_LIFETIME_MS } from "@/lib/publications/preview";
import { listRevisions, type RevisionSummary } from "@/lib/publications/revisions";
import { loadForPermission } from "@/lib/publications/save";
import { refuse, type Refusal, type Result } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";

/** The publication when the current user may edit it, or the refusal. */
async function editable(rawId: unknown): Promise<{ ok: true; user: CurrentUser; id: number } | Refusal> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) return refuse(400, "Invalid publication.");
  const publication = await loadForPermission(db, id.data);
  if (!publication) return refuse(404, "This publication does not exist or is in the trash.");
  if (!canEditPublication(access.user, publication)) return refuse(403, "You may not edit this publication.");
  return { ok: true, user: access.user, id: id.data };
}

/** Presence heartbeat: records that this user has the editor open; answers who else does, and the stored version. */
export async function editorHeartbeatAction(
  publicationId: unknown,
): Promise<Result<{ others: string[]; version: number }>> {
  const access = await editable(publicationId);
  if (!access.ok) return access;
  const others = await heartbeat(db, access.id, access.user.id);
  const current = await db.publication.findUniqueOrThrow({ where: { id: access.id }, select: { version: true } });
  return { ok: true, others, version: current.version };
}

export async function listRevisionsAction(publicationId: unknown): Promise<Result<{ revisions: RevisionSummary[] }>> {
  const access = await editable(publicationId);
  if (!access.ok) return access;
  return { ok: true, revisions: await listRevisions(db, access.id) };
}

/**
 * A private link showing the publication exactly as the public page will: whoever holds it
 * may read the unpublished text for 24 hours, so handing one out is recorded.
 */
export async function previewLinkAction(publicationId: unknown): Promise<Result<{ url: string }>> {
  const access = await editable(publicationId);
  if (!access.ok) return access;
  const token = createPreviewToken(access.id);
  await recordAuditEntry(db, access.user.id, {
    action: "publication.preview_link",
    entityType: "Publication",
    entityId: access.id,
    details: { expiresAt: new Date(Date.now() + PREVIEW_LIFETIME_MS).toISOString() },
  });
  return { ok: true, url: `${env.SITE_URL}/preview/${token}` };
}
