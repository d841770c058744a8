"use server";

import { authorize } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { resendUnknownDigestDeliveries } from "@/lib/mailings/digests";
import { digestSendJob } from "@/lib/mailings/jobs";
import { databaseIdSchema } from "@/lib/validations/common";
import { refuse, type FormState, type Result } from "@/lib/result";

/** Staff's decision to send again to recipients whose delivery outcome is unknown (see lib/mailings/deliveries.ts). */
export async function resendUnknown(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const id = databaseIdSchema.safeParse(form.get("digestId"));
  if (!id.success) return refuse(400, "Not a valid digest.");
  const count = await resendUnknownDigestDeliveries(db, id.data, user.id);
  if (count === 0) return refuse(409, "No delivery of this digest has an unknown outcome.");
  await enqueue(digestSendJob, { digestId: id.data });
  revalidatePath(`/admin/digests/${id.data}`);
  return { ok: true, message: `Sending again to ${count} recipient${count === 1 ? "" : "s"}.` };
}
