"use server";

import { authorize } from "@/lib/auth/session";
import { saveSecondFactorRequirement } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { formText } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** Whether every ADMIN and EDITOR needs a second factor, on /admin/settings (ADMIN only). */
export async function updateTwoFactorRequirement(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  return saveSecondFactorRequirement(db, access.user, { required: formText(form, "required") === "on" });
}
