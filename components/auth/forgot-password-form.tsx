"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { TextField } from "@/components/ui/text-field";
import { requestPasswordResetAction } from "@/lib/actions/auth/password";

export function ForgotPasswordForm() {
  const { state, pending, formProps } = useFormAction(requestPasswordResetAction, null);
  if (state?.ok) return <ActionMessage state={state} />;
  return (
    <form {...formProps} noValidate className="space-y-4">
      <ActionMessage state={state} />
      <TextField
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        error={fieldError(state, "email")}
      />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}
