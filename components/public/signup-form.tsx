"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import { subscribe } from "@/lib/actions/subscribers/subscribe";
import { consentWording } from "@/lib/subscribers/consent";
import { INITIAL_SIGNUP_STATE } from "@/lib/validations/subscriber-forms";
import { buttonClass, FormMessage, TextField, TopicCheckboxes } from "./signup-fields";

type Props = {
  topics: Array<{ slug: string; name: string }>;
  siteName: string;
  /** The id of the heading that names this form. */
  labelledBy: string;
};

/**
 * The mailing-list signup. A server action through useActionState: with JavaScript the
 * answer appears in place; without it the browser posts the form and the page comes back
 * with the same answer and the typed values.
 */
export function SignupForm({ topics, siteName, labelledBy }: Props) {
  const [state, formAction, pending] = useActionState(subscribe, INITIAL_SIGNUP_STATE);
  const id = useId();
  const consent = consentWording(siteName);
  const errors = state.fieldErrors;

  return (
    <div className="mt-3">
      <div aria-live="polite">{state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}</div>
      {state.status !== "success" && (
        <form action={formAction} aria-labelledby={labelledBy} noValidate className="space-y-4">
          {state.status === "error" && <FormMessage tone="error">{state.message}</FormMessage>}
          <TextField
            id={`${id}-email`}
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            defaultValue={state.values?.email}
            error={errors.email}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id={`${id}-first-name`}
              name="firstName"
              label="First name"
              hint="(optional)"
              autoComplete="given-name"
              defaultValue={state.values?.firstName}
              error={errors.firstName}
            />
            <TextField
              id={`${id}-last-name`}
              name="lastName"
              label="Last name"
              hint="(optional)"
              autoComplete="family-name"
              defaultValue={state.values?.lastName}
              error={errors.lastName}
            />
          </div>
          {topics.length > 0 && <input type="hidden" name="topicsOffered" value="1" />}
          <TopicCheckboxes
            id={`${id}-topics`}
            topics={topics}
            checked={(slug) => (state.values ? state.values.topics.includes(slug) : true)}
            error={errors.topics}
          />
          {/* Honeypot: not displayed, so people leave it empty; form-filling bots do not. */}
          <div className="hidden">
            <label htmlFor={`${id}-website`}>Leave this field empty</label>
            <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <p className="text-xs text-muted">
            {consent.before}
            <Link href={consent.linkHref} className="underline">
              {consent.linkText}
            </Link>
            {consent.after}
          </p>
          <button type="submit" disabled={pending} className={buttonClass}>
            Subscribe
          </button>
        </form>
      )}
    </div>
  );
}
