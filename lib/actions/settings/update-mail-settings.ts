"use server";

import { checkRole } from "@/lib/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { saveMailSettings } from "@/lib/mail/save-settings";
import { mailSettingsFromForm } from "@/lib/validations/mail-settings";
import type { StaffResult } from "../result";
import { forbidden } from "../staff-guard";

/** The mail settings form on /admin/settings (ADMIN only). */
export async function updateMailSettings(_previous: StaffResult | null, form: FormData): Promise<StaffResult> {
  const check = await checkRole(...rolesFor("settings.manage"));
  if (check.status !== "ok") return forbidden(check.status);
  return saveMailSettings(db, mailSettingsFromForm(form), check.user.id);
}
