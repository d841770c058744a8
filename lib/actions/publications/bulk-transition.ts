"use server";

import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/session";
import { combineChanges } from "@/lib/cache/changes";
import { db } from "@/lib/db";
import { applyEffects } from "@/lib/publications/effects";
import { transitionPublication } from "@/lib/publications/workflow";
import { refuse, type FormState, type Result } from "@/lib/result";
import { bulkRequestSchema } from "@/lib/validations/publication";

/**
 * The list's bulk actions: each publication is checked (role, status) on its own; a
 * summary says what happened. Refused as a whole (403) only when the role allowed none.
 */
export async function bulkTransitionAction(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("content.write");
  if (!access.ok) return access;
  const parsed = bulkRequestSchema.safeParse({ action: form.get("action"), ids: form.getAll("ids") });
  if (!parsed.success) return refuse(400, parsed.error.issues[0]?.message ?? "Invalid request.");
  const done = [];
  const refusals = new Map<string, number>();
  let everyRefusalForbidden = true;
  for (const id of parsed.data.ids) {
    const result = await transitionPublication(db, access.user, { id, action: parsed.data.action });
    if (result.ok) done.push(result.effects);
    else {
      refusals.set(result.message, (refusals.get(result.message) ?? 0) + 1);
      everyRefusalForbidden &&= result.status === 403;
    }
  }
  if (done.length > 0) {
    await applyEffects({ change: combineChanges(...done.map((effects) => effects.change)) });
    revalidatePath("/admin/publications");
  }
  const skipped = [...refusals].map(([message, count]) => `${count} skipped: ${message}`);
  const message = [`${done.length} of ${parsed.data.ids.length} updated.`, ...skipped].join(" ");
  if (done.length > 0) return { ok: true, message };
  return refuse(everyRefusalForbidden ? 403 : 409, message);
}
