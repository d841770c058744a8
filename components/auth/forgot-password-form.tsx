"use client";

import { useActionState } from "react";
import { ActionMessage, fieldError, SubmitButton, TextField } from "@/components/admin/form-controls";
import { requestPasswordResetAction } from "@/lib/actions/auth/password";

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, null);
  if (state?.ok) return <ActionMessage state={state} />;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ActionMessage state={state} />
      <TextField id="email" name="email" label="Email" type="email" autoComplete="username" required error={fieldError(state, "email")} />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}
