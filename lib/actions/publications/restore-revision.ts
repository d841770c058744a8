"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { applyEffects, withoutEffects } from "@/lib/publications/effects";
import { restoreRevision } from "@/lib/publications/revisions";
import type { Saved } from "@/lib/publications/save";
import type { Result } from "@/lib/result";

/** One-click restore of an old revision, saved as a new version under the same lock. */
export async function restoreRevisionAction(request: unknown): Promise<Result<Saved>> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const result = await restoreRevision(db, access.user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects);
  return withoutEffects(result);
}
