"use server";

import { redirect } from "next/navigation";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { setCheckIn } from "@/lib/events/registration-admin";
import { refuse, type Result } from "@/lib/result";
import { databaseIdSchema, formText } from "@/lib/validations/common";

/**
 * "Check in" / "Undo check-in" beside a registrant on /admin/events/[id]: a plain form, so it
 * works on a phone at the door without waiting for scripts. Answers by going back to the
 * list, with the search kept and the outcome to show; a refusal (no permission, a bad form)
 * is the answer itself.
 */
export async function checkIn(form: FormData): Promise<Result> {
  const access = await authorize("events.manage");
  if (!access.ok) return access;
  const eventId = databaseIdSchema.safeParse(form.get("eventId"));
  if (!eventId.success) return refuse(400, "Not a valid event.");
  const result = await setCheckIn(db, {
    eventId: eventId.data,
    registrationId: form.get("registrationId"),
    checkedIn: form.get("checkedIn"),
  });
  const back = new URLSearchParams();
  const q = formText(form, "q").slice(0, 100);
  if (q) back.set("q", q);
  back.set("notice", result.ok ? "checked" : "refused");
  back.set("registration", formText(form, "registrationId").slice(0, 12));
  redirect(`/admin/events/${eventId.data}?${back}#check-in`);
}
