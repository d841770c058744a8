"use server";

import { authorize } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { beginDigestSend } from "@/lib/mailings/digest-admin";
import { findDigest } from "@/lib/mailings/digest-context";
import { digestFanOutJob } from "@/lib/mailings/jobs";
import { formFields } from "@/lib/validations/common";
import { digestSendSchema } from "@/lib/validations/digest";
import { invalidInput, type FormState, type Result } from "@/lib/result";

/** "Send", after ticking the confirmation: starts the background send. */
export async function sendDigest(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const parsed = digestSendSchema.safeParse(formFields(form, ["digestId", "confirm"]));
  if (!parsed.success) return invalidInput(parsed.error);
  const digest = await findDigest(parsed.data.digestId);
  if (!digest) return { ok: false, status: 404, message: "This digest does not exist." };
  const result = await beginDigestSend(db, digest, user.id);
  if (!result.ok) return result;
  await enqueue(digestFanOutJob, { digestId: digest.id });
  revalidatePath(`/admin/digests/${digest.id}`);
  return result;
}
