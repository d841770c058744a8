"use server";

import { authorize } from "@/lib/auth/session";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { eraseSubscriber } from "@/lib/subscribers/erase";
import { databaseIdSchema } from "@/lib/validations/common";
import { refuse, type FormState, type Result } from "@/lib/result";

/** "Erase" on a subscriber's page, after ticking the confirmation. */
export async function erase(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return access;
  const { user } = access;
  const id = databaseIdSchema.safeParse(form.get("subscriberId"));
  if (!id.success) return refuse(400, "Not a valid subscriber.");
  if (form.get("confirm") !== "yes") return refuse(400, "Tick the box to confirm the erasure: it cannot be undone.");
  const result = await eraseSubscriber(db, id.data, user.id);
  if (!result.ok) return result;
  redirect("/admin/subscribers?erased=1");
}
