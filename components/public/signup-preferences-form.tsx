"use client";

import { useActionState, useId } from "react";
import { unsubscribeWithForm } from "@/lib/actions/subscribers/unsubscribe";
import { savePreferences } from "@/lib/actions/subscribers/update-preferences";
import {
  FREQUENCIES,
  FREQUENCY_LABELS,
  INITIAL_PREFERENCES_STATE,
  INITIAL_TOKEN_STATE,
  type Frequency,
} from "@/lib/validations/subscriber-forms";
import { FieldError, TextField } from "@/components/ui/text-field";
import { buttonClass, FormMessage, TopicCheckboxes } from "./signup-fields";
import { UnsubscribeFormView } from "./signup-unsubscribe-form";

type Props = {
  token: string;
  topics: Array<{ slug: string; name: string }>;
  current: { firstName: string; lastName: string; frequency: Frequency; topics: string[] };
};

/** The preference centre: name, topics and frequency, and a way out ("Unsubscribe"). */
export function SignupPreferencesForm({ token, topics, current }: Props) {
  const [state, formAction, pending] = useActionState(savePreferences, INITIAL_PREFERENCES_STATE);
  const [leaving, unsubscribeAction, unsubscribing] = useActionState(unsubscribeWithForm, INITIAL_TOKEN_STATE);
  const id = useId();
  const errors = state.fieldErrors;
  // After a submission React resets the form to its defaults: make those what was sent.
  const shown = state.values ?? current;

  // Once unsubscribed, preferences no longer apply: show only the answer.
  if (leaving.status === "success") {
    return (
      <div aria-live="polite" className="mt-6">
        <FormMessage tone="success">{leaving.message}</FormMessage>
      </div>
    );
  }

  return (
    <div className="mt-6 space-y-10">
      <form action={formAction} aria-labelledby={`${id}-heading`} noValidate className="space-y-5">
        <h2 id={`${id}-heading`} className="font-serif text-xl font-bold">
          What you receive
        </h2>
        <div aria-live="polite">
          {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
        </div>
        {state.status === "error" && <FormMessage tone="error">{state.message}</FormMessage>}
        <input type="hidden" name="token" value={token} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            size="sm"
            id={`${id}-first-name`}
            name="firstName"
            label="First name"
            autoComplete="given-name"
            defaultValue={shown.firstName}
            error={errors.firstName}
          />
          <TextField
            size="sm"
            id={`${id}-last-name`}
            name="lastName"
            label="Last name"
            autoComplete="family-name"
            defaultValue={shown.lastName}
            error={errors.lastName}
          />
        </div>
        <TopicCheckboxes
          id={`${id}-topics`}
          topics={topics}
          checked={(slug) => shown.topics.includes(slug)}
          error={errors.topics}
        />
        <fieldset className="text-sm" aria-describedby={errors.frequency ? `${id}-frequency-error` : undefined}>
          <legend className="font-semibold">How often</legend>
          {FREQUENCIES.map((frequency) => (
            <div key={frequency} className="mt-1 flex items-center gap-2">
              <input
                id={`${id}-frequency-${frequency}`}
                type="radio"
                name="frequency"
                value={frequency}
                defaultChecked={shown.frequency === frequency}
                className="h-4 w-4"
              />
              <label htmlFor={`${id}-frequency-${frequency}`}>{FREQUENCY_LABELS[frequency]}</label>
            </div>
          ))}
          <FieldError id={`${id}-frequency-error`} message={errors.frequency} size="sm" />
        </fieldset>
        <button type="submit" disabled={pending} className={buttonClass}>
          Save preferences
        </button>
      </form>

      <section aria-labelledby={`${id}-leave`} className="border-t border-rule pt-6">
        <h2 id={`${id}-leave`} className="font-serif text-xl font-bold">
          Stop all emails
        </h2>
        <p className="mb-3 mt-1 text-sm text-muted">
          You will receive no more emails from us. You can subscribe again at any time.
        </p>
        <UnsubscribeFormView
          token={token}
          source="preferences"
          state={leaving}
          formAction={unsubscribeAction}
          pending={unsubscribing}
        />
      </section>
    </div>
  );
}
