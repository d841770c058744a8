"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { changeDigestPick } from "@/lib/mailings/digest-admin";
import { formFields } from "@/lib/validations/digest";
import type { ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** Add or Remove beside a publication on a hand-picked draft. */
export async function changePick(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
  const fields = formFields(form, ["digestId", "publicationId", "change"]);
  const result = await changeDigestPick(db, fields);
  if (result.ok) revalidatePath(`/admin/digests/${String(fields.digestId)}`);
  return result;
}
