"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { resendUnknownDigestDeliveries } from "@/lib/mailings/digests";
import { digestSendJob } from "@/lib/mailings/jobs";
import { databaseIdSchema } from "@/lib/validations/digest";
import { badInput, type ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** Staff's decision to send again to recipients whose delivery outcome is unknown (see lib/mailings/deliveries.ts). */
export async function resendUnknown(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
  const id = databaseIdSchema.safeParse(form.get("digestId"));
  if (!id.success) return badInput("Not a valid digest.");
  const count = await resendUnknownDigestDeliveries(db, id.data);
  if (count === 0) return { ok: false, status: 409, message: "No delivery of this digest has an unknown outcome." };
  await db.auditLog.create({
    data: {
      actorId: user.id,
      action: "digest.resend_unknown",
      entityType: "Digest",
      entityId: String(id.data),
      details: { count },
    },
  });
  await enqueue(digestSendJob, { digestId: id.data });
  revalidatePath(`/admin/digests/${id.data}`);
  return { ok: true, message: `Sending again to ${count} recipient${count === 1 ? "" : "s"}.` };
}
