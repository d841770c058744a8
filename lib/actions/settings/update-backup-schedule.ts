"use server";

import { authorize } from "@/lib/auth/session";
import { saveBackupSchedule } from "@/lib/backup/schedule";
import { db } from "@/lib/db";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** Scheduled backups on /admin/settings (ADMIN only): on or off, the hour, how many to keep. */
export async function updateBackupSchedule(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  return saveBackupSchedule(db, formFields(form, ["enabled", "hour", "keep"]), access.user.id);
}
