"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { applyEventEffects } from "@/lib/events/effects";
import { saveEventDetails, type EventSaved } from "@/lib/events/save";
import type { Result } from "@/lib/result";

/** The editor's "Save event details": checks the session and role, saves, then drops the cache and times the page's changes. */
export async function saveEventDetailsAction(request: unknown): Promise<Result<EventSaved>> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const result = await saveEventDetails(db, access.user, request);
  if (!result.ok) return result;
  await applyEventEffects(result.effects);
  return { ok: true, message: result.message, savedAt: result.savedAt };
}
