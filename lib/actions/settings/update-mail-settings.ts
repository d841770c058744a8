"use server";

import { db } from "@/lib/db";
import { saveMailSettings } from "@/lib/mail/save-settings";
import { mailSettingsFromForm } from "@/lib/validations/mail-settings";
import type { ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** The mail settings form on /admin/settings (ADMIN only). */
export async function updateMailSettings(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await staffWith("settings.manage");
  if (refusal) return refusal;
  return saveMailSettings(db, mailSettingsFromForm(form), user.id);
}
