"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { saveRegistrationRetention } from "@/lib/events/registration-retention";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** How long event registrations are kept, on /admin/settings (ADMIN only); the daily job applies it. */
export async function updateRegistrationRetention(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  return saveRegistrationRetention(db, formFields(form, ["retentionDays"]), access.user.id);
}
