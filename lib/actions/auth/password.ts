"use server";

import { headers } from "next/headers";
import { requestPasswordReset, setPasswordWithLink, type SetPasswordField } from "@/lib/auth/password-links";
import { db } from "@/lib/db";
import { clientIp } from "@/lib/subscribers/client-ip";
import { formText, type ActionResult, type ActionState } from "../result";

/** "Send reset link" on /login/forgot: public, rate limited, the same answer for every address. */
export async function requestPasswordResetAction(
  _previous: ActionState<"email">,
  form: FormData,
): Promise<ActionResult<"email">> {
  const { result } = await requestPasswordReset(
    db,
    { email: formText(form, "email") },
    { ip: clientIp(await headers()) },
  );
  return result;
}

/** "Set password" on /login/reset: the link's token is the only credential. */
export async function setPasswordAction(
  _previous: ActionState<SetPasswordField>,
  form: FormData,
): Promise<ActionResult<SetPasswordField>> {
  const result = await setPasswordWithLink(db, {
    token: formText(form, "token"),
    password: formText(form, "password"),
    confirm: formText(form, "confirm"),
  });
  return result.ok ? { ok: true, message: result.message } : result;
}
