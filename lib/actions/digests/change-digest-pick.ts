"use server";

import { authorize } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { changeDigestPick } from "@/lib/mailings/digest-admin";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** Add or Remove beside a publication on a hand-picked draft. */
export async function changePick(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const fields = formFields(form, ["digestId", "publicationId", "change"]);
  const result = await changeDigestPick(db, fields, access.user.id);
  if (result.ok) revalidatePath(`/admin/digests/${String(fields.digestId)}`);
  return result;
}
