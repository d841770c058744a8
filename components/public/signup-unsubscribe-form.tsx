"use client";

import { useActionState } from "react";
import { unsubscribeWithForm } from "@/lib/actions/subscribers/unsubscribe";
import { INITIAL_TOKEN_STATE, type TokenFormState } from "@/lib/validations/subscriber-forms";
import { FormMessage } from "./signup-fields";

type ViewProps = {
  token: string;
  source: "page" | "preferences";
  state: TokenFormState;
  formAction: (form: FormData) => void;
  pending: boolean;
};

/** The "Unsubscribe" button and its answer; the state lives with the caller. */
export function UnsubscribeFormView({ token, source, state, formAction, pending }: ViewProps) {
  return (
    <div>
      <div aria-live="polite">
        {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
      </div>
      {state.status !== "success" && (
        <form action={formAction} className="space-y-3">
          {state.status === "error" && <FormMessage tone="error">{state.message}</FormMessage>}
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="source" value={source} />
          <button
            type="submit"
            disabled={pending}
            className="rounded border border-red-800 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            Unsubscribe
          </button>
        </form>
      )}
    </div>
  );
}

type Props = { token: string; email: string; siteName: string; alreadyUnsubscribedMessage?: string };

/**
 * The /unsubscribe page's question and button: a POST through a server action, never
 * the link itself. Also rendered once unsubscribed, so that after a submission without
 * JavaScript the action's answer shows in the same place.
 */
export function SignupUnsubscribeForm({ token, email, siteName, alreadyUnsubscribedMessage }: Props) {
  const [state, formAction, pending] = useActionState(unsubscribeWithForm, INITIAL_TOKEN_STATE);
  if (alreadyUnsubscribedMessage && state.status === "idle") {
    return <FormMessage tone="success">{alreadyUnsubscribedMessage}</FormMessage>;
  }
  return (
    <>
      {state.status !== "success" && (
        <p className="mb-6 mt-4">
          Stop all emails from {siteName} to <strong>{email}</strong>?
        </p>
      )}
      <UnsubscribeFormView token={token} source="page" state={state} formAction={formAction} pending={pending} />
    </>
  );
}
