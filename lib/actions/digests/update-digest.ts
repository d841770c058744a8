"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { updateDigestDraft } from "@/lib/mailings/digest-admin";
import { databaseIdSchema, formFields } from "@/lib/validations/digest";
import { badInput, type ActionResult } from "../result";
import { staffWith } from "../staff-guard";

export async function updateDigest(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
  const id = databaseIdSchema.safeParse(form.get("digestId"));
  if (!id.success) return badInput("Not a valid digest.");
  const result = await updateDigestDraft(db, id.data, formFields(form, ["subject", "intro", "mode"]));
  if (result.ok) revalidatePath(`/admin/digests/${id.data}`);
  return result;
}
