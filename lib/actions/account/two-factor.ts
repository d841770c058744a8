"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { authorize } from "@/lib/auth/session";
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, startEnrolment } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/http/client-ip";
import { formFields } from "@/lib/validations/common";
import type { FormState, Result } from "@/lib/result";

/**
 * One's own second factor on /admin/account (permission account.manage, which someone who
 * must still set one up also has). Each checks the session itself; lib/auth/two-factor.ts
 * validates and records.
 */

export type RecoveryCodesState = Result<{ message: string; recoveryCodes?: string[] }> | null;

const context = async () => ({ ip: clientIp(await headers()) });

function done<T extends { ok: boolean }>(result: T): T {
  if (result.ok) revalidatePath("/admin/account");
  return result;
}

export async function startTwoFactorSetupAction(): Promise<Result> {
  const access = await authorize("account.manage");
  if (!access.ok) return access;
  return done(await startEnrolment(db, access.user));
}

export async function confirmTwoFactorSetupAction(
  _previous: RecoveryCodesState,
  form: FormData,
): Promise<RecoveryCodesState> {
  const access = await authorize("account.manage");
  if (!access.ok) return access;
  return done(await confirmEnrolment(db, access.user, formFields(form, ["code"]), await context()));
}

export async function regenerateRecoveryCodesAction(
  _previous: RecoveryCodesState,
  form: FormData,
): Promise<RecoveryCodesState> {
  const access = await authorize("account.manage");
  if (!access.ok) return access;
  return done(await regenerateRecoveryCodes(db, access.user, formFields(form, ["confirmation"]), await context()));
}

export async function disableTwoFactorAction(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("account.manage");
  if (!access.ok) return access;
  return done(await disableSecondFactor(db, access.user, formFields(form, ["confirmation"]), await context()));
}
