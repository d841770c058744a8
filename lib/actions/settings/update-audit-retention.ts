"use server";

import { saveAuditRetention } from "@/lib/auth/audit-log";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** The audit log's retention on /admin/settings (ADMIN only); the daily job applies it. */
export async function updateAuditRetention(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  return saveAuditRetention(db, formFields(form, ["retentionDays"]), access.user.id);
}
