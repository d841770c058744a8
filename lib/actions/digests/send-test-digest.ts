"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { mailer } from "@/lib/mail/mailer";
import { previewRecipient, sendTestDigest } from "@/lib/mailings/digest-admin";
import { currentMailSettings, findDigest, site } from "@/lib/mailings/digest-context";
import { subscriberEmailSchema } from "@/lib/validations/subscriber";
import { databaseIdSchema } from "@/lib/validations/common";
import { refuse, type FormState, type Result } from "@/lib/result";

/** "Send test to me": the preview's message, to the signed-in staff member's address. */
export async function sendTest(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const id = databaseIdSchema.safeParse(form.get("digestId"));
  if (!id.success) return refuse(400, "Not a valid digest.");
  const digest = await findDigest(id.data);
  if (!digest) return { ok: false, status: 404, message: "This digest does not exist." };
  const sampleEmail = subscriberEmailSchema.safeParse(form.get("sample"));
  const [sample, settings, categories] = await Promise.all([
    previewRecipient(db, sampleEmail.success ? sampleEmail.data : undefined),
    currentMailSettings(),
    db.category.findMany({ select: { id: true } }),
  ]);
  return sendTestDigest(db, digest, {
    staff: { id: user.id, email: user.email, name: user.name },
    sample,
    site: site(),
    settings,
    mailer: mailer(),
    allTopicIds: categories.map((category) => category.id),
  });
}
