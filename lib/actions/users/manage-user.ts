"use server";

import { revalidatePath } from "next/cache";
import { authorize, type CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { changeRoleSchema, inviteUserSchema, userTargetSchema } from "@/lib/validations/user";
import * as users from "@/lib/users/manage";
import { formText } from "@/lib/validations/common";
import { invalidInput, type FormResult, type Result, type FormState } from "@/lib/result";

/**
 * The /admin/users actions (permission users.manage). Each checks the session itself,
 * then validates, then changes the account through lib/users/manage.ts.
 */

function done<T extends FormResult<string>>(result: T): T {
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function inviteUserAction(
  _previous: FormState<"email" | "name" | "role">,
  form: FormData,
): Promise<FormResult<"email" | "name" | "role">> {
  const access = await authorize("users.manage");
  if (!access.ok) return access;
  const { user } = access;
  const parsed = inviteUserSchema.safeParse({
    email: formText(form, "email"),
    name: formText(form, "name"),
    role: formText(form, "role"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.inviteUser(db, user, parsed.data));
}

export async function changeUserRoleAction(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("users.manage");
  if (!access.ok) return access;
  const { user } = access;
  const parsed = changeRoleSchema.safeParse({ userId: formText(form, "userId"), role: formText(form, "role") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await users.changeUserRole(db, user, parsed.data.userId, parsed.data.role));
}

/** The start of every action on one named account: the guard, then the account's id from the form. */
async function actOnUser(
  form: FormData,
  change: (actor: CurrentUser, userId: number) => Promise<Result>,
): Promise<Result> {
  const access = await authorize("users.manage");
  if (!access.ok) return access;
  const parsed = userTargetSchema.safeParse({ userId: formText(form, "userId") });
  if (!parsed.success) return invalidInput(parsed.error);
  return done(await change(access.user, parsed.data.userId));
}

export async function setUserDisabledAction(_previous: FormState, form: FormData): Promise<Result> {
  const disabled = formText(form, "disabled") === "true";
  return actOnUser(form, (actor, userId) => users.setUserDisabled(db, actor, userId, disabled));
}

export async function sendResetLinkAction(_previous: FormState, form: FormData): Promise<Result> {
  return actOnUser(form, (actor, userId) => users.sendResetLink(db, actor, userId));
}

export async function signOutUserEverywhereAction(_previous: FormState, form: FormData): Promise<Result> {
  return actOnUser(form, (actor, userId) => users.signOutEverywhere(db, actor, userId));
}
