"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { beginDigestSend } from "@/lib/mailings/digest-admin";
import { findDigest } from "@/lib/mailings/digest-context";
import { digestFanOutJob } from "@/lib/mailings/jobs";
import { digestSendSchema, formFields } from "@/lib/validations/digest";
import { invalidInput, type ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** "Send", after ticking the confirmation: starts the background send. */
export async function sendDigest(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
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
