"use server";

import { db } from "@/lib/db";
import { applyEffects, staffWriter, withoutEffects } from "@/lib/publications/effects";
import { restoreRevision } from "@/lib/publications/revisions";
import type { SaveActionResult } from "./save-publication";

/** One-click restore of an old revision, saved as a new version under the same lock. */
export async function restoreRevisionAction(request: unknown): Promise<SaveActionResult> {
  const { user, refusal } = await staffWriter();
  if (refusal) return refusal;
  const result = await restoreRevision(db, user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects, result.id);
  return withoutEffects(result);
}
