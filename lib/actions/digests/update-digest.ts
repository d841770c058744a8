"use server";

import { authorize } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { updateDigestDraft } from "@/lib/mailings/digest-admin";
import { databaseIdSchema, formFields } from "@/lib/validations/common";
import { refuse, type FormState, type Result } from "@/lib/result";

export async function updateDigest(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const id = databaseIdSchema.safeParse(form.get("digestId"));
  if (!id.success) return refuse(400, "Not a valid digest.");
  const result = await updateDigestDraft(db, id.data, formFields(form, ["subject", "intro", "mode"]), user.id);
  if (result.ok) revalidatePath(`/admin/digests/${id.data}`);
  return result;
}
