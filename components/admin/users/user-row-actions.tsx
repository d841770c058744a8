"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { TextField } from "@/components/ui/text-field";
import { useId } from "react";
import { ActionMessage, SubmitButton } from "@/components/admin/form-controls";
import type { Result, FormState } from "@/lib/result";
import {
  changeUserRoleAction,
  resetSecondFactorAction,
  sendResetLinkAction,
  setUserDisabledAction,
  signOutUserEverywhereAction,
} from "@/lib/actions/users/manage-user";
import { ROLE_OPTIONS } from "./roles";

type Props = {
  userId: number;
  label: string;
  role: string;
  disabled: boolean;
  isSelf: boolean;
  /** Whether the account has a second factor, which an admin can reset for someone else. */
  secondFactor: boolean;
};

type Action = (previous: FormState, form: FormData) => Promise<Result>;

/** One small form per action; the last answer shows under the row's controls. */
function ActionForm({
  action,
  userId,
  children,
  extra,
}: {
  action: Action;
  userId: number;
  children: (pending: boolean) => React.ReactNode;
  extra?: Record<string, string>;
}) {
  const { state, pending, formProps } = useFormAction(action, null);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="userId" value={userId} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(pending)}
      {state && (
        <div className="basis-full">
          <ActionMessage state={state} />
        </div>
      )}
    </form>
  );
}

/** Change role, disable or enable, send a reset link, reset the second factor, sign out everywhere: for one account. */
export function UserRowActions({ userId, label, role, disabled, isSelf, secondFactor }: Props) {
  const roleId = useId();
  return (
    <div className="flex flex-col gap-2">
      {!isSelf && (
        <ActionForm action={changeUserRoleAction} userId={userId}>
          {(pending) => (
            <>
              <TextField
                as="select"
                id={roleId}
                name="role"
                label={`Role for ${label}`}
                labelHidden
                size="sm"
                defaultValue={role}
              >
                {ROLE_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </TextField>
              <SubmitButton pending={pending} tone="secondary" accessibleName={`Change role of ${label}`}>
                Change role
              </SubmitButton>
            </>
          )}
        </ActionForm>
      )}
      <div className="flex flex-wrap gap-2">
        {!isSelf && (
          <ActionForm action={setUserDisabledAction} userId={userId} extra={{ disabled: disabled ? "false" : "true" }}>
            {(pending) => (
              <SubmitButton
                pending={pending}
                tone={disabled ? "secondary" : "danger"}
                accessibleName={`${disabled ? "Enable" : "Disable"} ${label}`}
              >
                {disabled ? "Enable" : "Disable"}
              </SubmitButton>
            )}
          </ActionForm>
        )}
        {!disabled && (
          <ActionForm action={sendResetLinkAction} userId={userId}>
            {(pending) => (
              <SubmitButton pending={pending} tone="secondary" accessibleName={`Send reset link to ${label}`}>
                Send reset link
              </SubmitButton>
            )}
          </ActionForm>
        )}
        {secondFactor && !isSelf && (
          <ActionForm action={resetSecondFactorAction} userId={userId}>
            {(pending) => (
              <SubmitButton
                pending={pending}
                tone="danger"
                accessibleName={`Reset two-factor authentication of ${label}`}
              >
                Reset two-factor
              </SubmitButton>
            )}
          </ActionForm>
        )}
        <ActionForm action={signOutUserEverywhereAction} userId={userId}>
          {(pending) => (
            <SubmitButton pending={pending} tone="secondary" accessibleName={`Sign out everywhere: ${label}`}>
              Sign out everywhere
            </SubmitButton>
          )}
        </ActionForm>
      </div>
    </div>
  );
}
