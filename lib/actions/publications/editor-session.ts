"use server";

import { z } from "zod";
import { canEditPublication } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { staffWriter } from "@/lib/publications/effects";
import { heartbeat } from "@/lib/publications/presence";
import { createPreviewToken } from "@/lib/publications/preview";
import { refuse, type Refusal } from "@/lib/publications/results";
import { listRevisions, type RevisionSummary } from "@/lib/publications/revisions";
import { loadForPermission } from "@/lib/publications/save";
import type { CurrentUser } from "@/lib/auth/session";

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The publication when the current user may edit it, or the refusal. */
async function editable(
  rawId: unknown,
): Promise<{ user: CurrentUser; id: number; refusal?: never } | { refusal: Refusal }> {
  const { user, refusal } = await staffWriter();
  if (refusal) return { refusal };
  const id = idSchema.safeParse(rawId);
  if (!id.success) return { refusal: refuse(400, "Invalid publication.") };
  const publication = await loadForPermission(db, id.data);
  if (!publication) return { refusal: refuse(404, "This publication does not exist or is in the trash.") };
  if (!canEditPublication(user, publication)) return { refusal: refuse(403, "You may not edit this publication.") };
  return { user, id: id.data };
}

/** Presence heartbeat: records that this user has the editor open; answers who else does, and the stored version. */
export async function editorHeartbeatAction(
  publicationId: unknown,
): Promise<{ ok: true; others: string[]; version: number } | Refusal> {
  const access = await editable(publicationId);
  if (access.refusal) return access.refusal;
  const others = await heartbeat(db, access.id, access.user.id);
  const current = await db.publication.findUniqueOrThrow({ where: { id: access.id }, select: { version: true } });
  return { ok: true, others, version: current.version };
}

export async function listRevisionsAction(
  publicationId: unknown,
): Promise<{ ok: true; revisions: RevisionSummary[] } | Refusal> {
  const access = await editable(publicationId);
  if (access.refusal) return access.refusal;
  return { ok: true, revisions: await listRevisions(db, access.id) };
}

/** A private link showing the publication exactly as the public page will. */
export async function previewLinkAction(publicationId: unknown): Promise<{ ok: true; url: string } | Refusal> {
  const access = await editable(publicationId);
  if (access.refusal) return access.refusal;
  return { ok: true, url: `${env.SITE_URL}/preview/${createPreviewToken(access.id)}` };
}
