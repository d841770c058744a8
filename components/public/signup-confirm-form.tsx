"use client";

import { useActionState } from "react";
import { confirm } from "@/lib/actions/subscribers/confirm";
import { INITIAL_TOKEN_STATE } from "@/lib/validations/subscriber-forms";
import { buttonClass, FormMessage } from "./signup-fields";

type Props = {
  token: string;
  email: string;
  siteName: string;
  /** Set when the link was already used: then there is nothing to press. */
  alreadyConfirmedMessage?: string;
};

/**
 * The "Confirm" button of a confirmation link: opening the link alone confirms nothing.
 * Rendered for a used link too, so that after a submission without JavaScript (the page
 * renders again and the link now reads as used) the action's answer still shows here.
 */
export function SignupConfirmForm({ token, email, siteName, alreadyConfirmedMessage }: Props) {
  const [state, formAction, pending] = useActionState(confirm, INITIAL_TOKEN_STATE);
  const done = state.status === "success" ? state.message : alreadyConfirmedMessage;
  return (
    <div className="mt-4">
      <div aria-live="polite">{done && <FormMessage tone="success">{done}</FormMessage>}</div>
      {!done && (
        <>
          <p>
            Press “Confirm” to receive updates from {siteName} at <strong>{email}</strong>.
          </p>
          <form action={formAction} className="mt-6 space-y-4">
            {state.status === "error" && <FormMessage tone="error">{state.message}</FormMessage>}
            <input type="hidden" name="token" value={token} />
            <button type="submit" disabled={pending} className={buttonClass}>
              Confirm
            </button>
          </form>
        </>
      )}
    </div>
  );
}
