"use server";

import { headers } from "next/headers";
import { requestPasswordReset, setPasswordWithLink, type SetPasswordField } from "@/lib/auth/password-links";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/http/client-ip";
import { formText } from "@/lib/validations/common";
import type { FormResult, FormState } from "@/lib/result";

/** "Send reset link" on /login/forgot: public, rate limited, the same answer for every address. */
export async function requestPasswordResetAction(
  _previous: FormState<"email">,
  form: FormData,
): Promise<FormResult<"email">> {
  const { result } = await requestPasswordReset(
    db,
    { email: formText(form, "email") },
    { ip: clientIp(await headers()) },
  );
  return result;
}

/** "Set password" on /login/reset: the link's token is the only credential. */
export async function setPasswordAction(
  _previous: FormState<SetPasswordField>,
  form: FormData,
): Promise<FormResult<SetPasswordField>> {
  const result = await setPasswordWithLink(db, {
    token: formText(form, "token"),
    password: formText(form, "password"),
    confirm: formText(form, "confirm"),
  });
  return result.ok ? { ok: true, message: result.message } : result;
}
