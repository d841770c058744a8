"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { TextField } from "@/components/ui/text-field";
import { inviteUserAction } from "@/lib/actions/users/manage-user";
import { ROLE_OPTIONS } from "./roles";

export function InviteUserForm() {
  const { state, pending, formProps } = useFormAction(inviteUserAction, null);
  return (
    // A successful invitation remounts the form (key), clearing what was typed.
    <form
      key={state?.ok ? state.message : "invite"}
      {...formProps}
      noValidate
      className="grid max-w-3xl gap-4 sm:grid-cols-3"
      aria-labelledby="invite-heading"
    >
      <div className="sm:col-span-3">
        <ActionMessage state={state} />
      </div>
      <TextField
        id="invite-email"
        name="email"
        label="Email"
        type="email"
        required
        error={fieldError(state, "email")}
      />
      <TextField id="invite-name" name="name" label="Name" required error={fieldError(state, "name")} />
      <TextField as="select" id="invite-role" name="role" label="Role" defaultValue="AUTHOR">
        {ROLE_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </TextField>
      <div className="sm:col-span-3">
        <SubmitButton pending={pending}>Invite</SubmitButton>
      </div>
    </form>
  );
}
