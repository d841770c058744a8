"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { messageRegistrants } from "@/lib/events/registration-admin";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/** "Email registrants" on /admin/events/[id]: queued, one email each, and audited. */
export async function emailRegistrants(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("events.manage");
  if (!access.ok) return access;
  return messageRegistrants(db, formFields(form, ["eventId", "subject", "text", "audience"]), access.user.id);
}
