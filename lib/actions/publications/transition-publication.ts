"use server";

import { db } from "@/lib/db";
import { applyEffects, staffWriter, withoutEffects } from "@/lib/publications/effects";
import type { Refusal } from "@/lib/publications/results";
import { transitionPublication, type TransitionResult } from "@/lib/publications/workflow";

export type TransitionActionResult = Omit<Extract<TransitionResult, { ok: true }>, "effects"> | Refusal;

/** Submit, schedule, publish, unpublish, archive, trash or restore one publication. */
export async function transitionPublicationAction(request: unknown): Promise<TransitionActionResult> {
  const { user, refusal } = await staffWriter();
  if (refusal) return refusal;
  const result = await transitionPublication(db, user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects, (request as { id?: number }).id);
  return withoutEffects(result);
}
