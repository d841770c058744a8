"use server";

import { authorize } from "@/lib/auth/session";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { createDigestDraft } from "@/lib/mailings/digest-admin";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** "New digest": creates the draft and opens it. */
export async function createDigest(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const result = await createDigestDraft(db, formFields(form, ["subject", "intro", "mode"]), user.id);
  if (!result.ok) return result;
  redirect(`/admin/digests/${result.id}`);
}
