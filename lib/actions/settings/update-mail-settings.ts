"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { saveMailSettings } from "@/lib/mail/save-settings";
import { forgetSignupReference } from "@/lib/subscribers/signup";
import { mailSettingsFromForm } from "@/lib/validations/mail-settings";
import type { FormState, Result } from "@/lib/result";

/** The mail settings form on /admin/settings (ADMIN only). */
export async function updateMailSettings(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  const { user } = access;
  const result = await saveMailSettings(db, mailSettingsFromForm(form), user.id);
  // Signups read the blocked domains every few seconds; this server applies them at once.
  if (result.ok) forgetSignupReference();
  return result;
}
