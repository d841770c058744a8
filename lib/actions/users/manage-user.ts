"use server";

import { revalidatePath } from "next/cache";
import { authorizeAction } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { changeRoleSchema, inviteUserSchema, userTargetSchema } from "@/lib/validations/user";
import * as users from "@/lib/users/manage";
import { formText, invalidInput, type ActionResult, type ActionState } from "../result";

/**
 * The /admin/users actions (permission users.manage). Each checks the session itself,
 * then validates, then changes the account through lib/users/manage.ts.
 */

function done<T extends ActionResult<string>>(result: T): T {
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function inviteUserAction(
  _previous: ActionState<"email" | "name" | "role">,
  form: FormData,
): Promise<ActionResult<"email" | "name" | "role">> {
  const { user, refusal } = await authorizeAction("users.manage");
  if (refusal) return refusal;
  const parsed = inviteUserSchema.safeParse({
    email: formText(form, "email"),
    name: formText(form, "name"),
    role: formText(form, "role"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.inviteUser(db, user, parsed.data));
}

export async function changeUserRoleAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await authorizeAction("users.manage");
  if (refusal) return refusal;
  const parsed = changeRoleSchema.safeParse({ userId: formText(form, "userId"), role: formText(form, "role") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.changeUserRole(db, user, parsed.data.userId, parsed.data.role));
}

export async function setUserDisabledAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await authorizeAction("users.manage");
  if (refusal) return refusal;
  const parsed = userTargetSchema.safeParse({ userId: formText(form, "userId") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.setUserDisabled(db, user, parsed.data.userId, formText(form, "disabled") === "true"));
}

export async function sendResetLinkAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await authorizeAction("users.manage");
  if (refusal) return refusal;
  const parsed = userTargetSchema.safeParse({ userId: formText(form, "userId") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.sendResetLink(db, user, parsed.data.userId));
}

export async function signOutUserEverywhereAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  const { user, refusal } = await authorizeAction("users.manage");
  if (refusal) return refusal;
  const parsed = userTargetSchema.safeParse({ userId: formText(form, "userId") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.signOutEverywhere(db, user, parsed.data.userId));
}
