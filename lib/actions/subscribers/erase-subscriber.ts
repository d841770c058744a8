"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { eraseSubscriber } from "@/lib/subscribers/erase";
import { databaseIdSchema } from "@/lib/validations/digest";
import { badInput, type ActionResult } from "../result";
import { staffWith } from "../staff-guard";

/** "Erase" on a subscriber's page, after ticking the confirmation. */
export async function erase(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await staffWith("subscribers.manage");
  if (refusal) return refusal;
  const id = databaseIdSchema.safeParse(form.get("subscriberId"));
  if (!id.success) return badInput("Not a valid subscriber.");
  if (form.get("confirm") !== "yes") return badInput("Tick the box to confirm the erasure: it cannot be undone.");
  const result = await eraseSubscriber(db, id.data, user.id);
  if (!result.ok) return result;
  redirect("/admin/subscribers?erased=1");
}
