"use client";

import { useActionState, useId } from "react";
import { subscribe } from "@/lib/actions/subscribers/subscribe";
import { INITIAL_SIGNUP_STATE, type SignupFormState } from "@/lib/validations/subscriber-forms";
import { FormMessage, SignupFields } from "./signup-fields";

type Props = {
  topics: Array<{ slug: string; name: string }>;
  siteName: string;
  /** The id of the heading that names this form. */
  labelledBy: string;
  /** What to show before the first submission (a signup sent from a page without JavaScript that needs another look). */
  initialState?: SignupFormState;
};

/**
 * The mailing-list signup on React pages. A server action through useActionState: with
 * JavaScript the answer appears in place; without it the browser posts the form and the
 * page comes back with the same answer and the typed values. Pages without React use
 * SignupPostForm instead.
 */
export function SignupForm({ topics, siteName, labelledBy, initialState = INITIAL_SIGNUP_STATE }: Props) {
  const [state, formAction, pending] = useActionState(subscribe, initialState);
  const id = useId();

  return (
    <div className="mt-3">
      <div aria-live="polite">
        {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
      </div>
      {state.status !== "success" && (
        <form action={formAction} aria-labelledby={labelledBy} noValidate className="space-y-4">
          {state.status === "error" && <FormMessage tone="error">{state.message}</FormMessage>}
          <SignupFields id={id} topics={topics} siteName={siteName} state={state} pending={pending} />
        </form>
      )}
    </div>
  );
}
