"use client";

import Link from "next/link";
import { useFormAction } from "@/components/admin/use-form-action";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { TextField } from "@/components/ui/text-field";
import { setPasswordAction } from "@/lib/actions/auth/password";

/** `minLength` comes from the server, which keeps the password rules (and their word list) out of the browser. */
export function SetPasswordForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const { state, pending, formProps } = useFormAction(setPasswordAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <ActionMessage state={state} />
        <p>
          <Link href="/login" className="text-accent underline">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form {...formProps} noValidate className="space-y-4">
      <ActionMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        id="password"
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${minLength} characters, and not a common password. A few unrelated words make a good one.`}
        error={fieldError(state, "password")}
      />
      <TextField
        id="confirm"
        name="confirm"
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(state, "confirm")}
      />
      <SubmitButton pending={pending}>Set password</SubmitButton>
    </form>
  );
}
