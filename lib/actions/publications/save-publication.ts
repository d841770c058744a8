"use server";

import { db } from "@/lib/db";
import { applyEffects, staffWriter, withoutEffects } from "@/lib/publications/effects";
import type { Refusal } from "@/lib/publications/results";
import { savePublication, type SaveSuccess } from "@/lib/publications/save";

export type SaveActionResult = Omit<SaveSuccess, "effects"> | Refusal;

/** The editor's Save and autosave: checks the session and role, then saves under the version lock. */
export async function savePublicationAction(request: unknown): Promise<SaveActionResult> {
  const { user, refusal } = await staffWriter();
  if (refusal) return refusal;
  const result = await savePublication(db, user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects, result.id);
  return withoutEffects(result);
}
