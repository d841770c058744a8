"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { createDigestDraft } from "@/lib/mailings/digest-admin";
import { formFields } from "@/lib/validations/digest";
import type { ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** "New digest": creates the draft and opens it. */
export async function createDigest(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
  const result = await createDigestDraft(db, formFields(form, ["subject", "intro", "mode"]), user.id);
  if (!result.ok || !result.id) return result;
  redirect(`/admin/digests/${result.id}`);
}
