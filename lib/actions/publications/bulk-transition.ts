"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { applyEffects, staffWriter } from "@/lib/publications/effects";
import { transitionPublication } from "@/lib/publications/workflow";
import { bulkRequestSchema } from "@/lib/validations/publication";

/** `refusal`: the 401/403 a refused session (or a role allowed none of the changes) stands for. */
export type BulkActionState = { status: "idle" | "done" | "error"; message: string; refusal?: 401 | 403 };

/** The list's bulk actions: each publication is checked (role, status) on its own; a summary says what happened. */
export async function bulkTransitionAction(_previous: BulkActionState, form: FormData): Promise<BulkActionState> {
  const { user, refusal } = await staffWriter();
  if (refusal) return { status: "error", message: refusal.message, refusal: refusal.status === 401 ? 401 : 403 };
  const parsed = bulkRequestSchema.safeParse({ action: form.get("action"), ids: form.getAll("ids") });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid request." };
  let done = 0;
  const refusals = new Map<string, number>();
  let everyRefusalForbidden = true;
  for (const id of parsed.data.ids) {
    const result = await transitionPublication(db, user, { id, action: parsed.data.action });
    if (result.ok) {
      done += 1;
      await applyEffects(result.effects, id);
    } else {
      refusals.set(result.message, (refusals.get(result.message) ?? 0) + 1);
      everyRefusalForbidden &&= result.status === 403;
    }
  }
  if (done > 0) revalidatePath("/admin/publications");
  const skipped = [...refusals].map(([message, count]) => `${count} skipped: ${message}`);
  const message = [`${done} of ${parsed.data.ids.length} updated.`, ...skipped].join(" ");
  if (done > 0) return { status: "done", message };
  return { status: "error", message, ...(everyRefusalForbidden && { refusal: 403 as const }) };
}
