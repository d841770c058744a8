"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { applyEffects, withoutEffects } from "@/lib/publications/effects";
import { savePublication, type Saved } from "@/lib/publications/save";
import type { Result } from "@/lib/result";

/** The editor's Save and autosave: checks the session and role, then saves under the version lock. */
export async function savePublicationAction(request: unknown): Promise<Result<Saved>> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const result = await savePublication(db, access.user, request);
  if (!result.ok) return result;
  await applyEffects(result.effects);
  return withoutEffects(result);
}
