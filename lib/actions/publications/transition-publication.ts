"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { applyEffects, withoutEffects } from "@/lib/publications/effects";
import { transitionPublication, type Transitioned } from "@/lib/publications/workflow";
import type { Result } from "@/lib/result";

/** Submit, schedule, publish, unpublish, archive, trash or restore one publication. */
export async function transitionPublicationAction(request: unknown): Promise<Result<Transitioned>> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const result = await transitionPublication(db, access.user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects);
  return withoutEffects(result);
}
