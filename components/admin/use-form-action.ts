"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * useActionState for a form that keeps what was typed: React resets a form after an
 * `action` submission, which would wipe the fields on a validation error. With JavaScript
 * the form is submitted from onSubmit instead (no reset); without it, `action` still works.
 */
export function useFormAction<State>(
  action: (previous: Awaited<State>, form: FormData) => Promise<State>,
  initial: Awaited<State>,
) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, initial);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, pending, formProps: { action: formAction, onSubmit } };
}
