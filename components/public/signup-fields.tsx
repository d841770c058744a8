import Link from "next/link";
import type { ReactNode } from "react";
import { FieldError, TextField } from "@/components/ui/text-field";
import { consentWording } from "@/lib/subscribers/consent";
import type { SignupField, SignupFormState } from "@/lib/validations/subscriber-forms";

/** Shared pieces of the mailing-list forms: topic choices, messages and the signup fields. */

export const buttonClass = "rounded bg-accent px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

export function TopicCheckboxes({
  id,
  topics,
  checked,
  error,
  legend = "Topics",
  reserveError,
}: {
  id: string;
  topics: Array<{ slug: string; name: string }>;
  checked: (slug: string) => boolean;
  error?: string;
  legend?: string;
  reserveError?: boolean;
}) {
  if (topics.length === 0) return null;
  return (
    <fieldset className="text-sm" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <ul className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {topics.map((topic) => (
          <li key={topic.slug} className="flex items-center gap-2">
            <input
              id={`${id}-${topic.slug}`}
              type="checkbox"
              name="topics"
              value={topic.slug}
              defaultChecked={checked(topic.slug)}
              className="h-4 w-4"
            />
            <label htmlFor={`${id}-${topic.slug}`}>{topic.name}</label>
          </li>
        ))}
      </ul>
      <FieldError id={`${id}-error`} message={error} field="topics" reserve={reserveError} size="sm" />
    </fieldset>
  );
}

/**
 * A message after an action: errors interrupt (alert), successes are announced politely.
 * With `slot`, rendered empty and hidden for a script to fill (data-message="<slot>").
 */
export function FormMessage({
  tone,
  children,
  slot,
}: {
  tone: "success" | "error";
  children?: ReactNode;
  slot?: string;
}) {
  const shared = { hidden: slot !== undefined && !children, "data-message": slot };
  return tone === "error" ? (
    <p role="alert" {...shared} className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
      {children}
    </p>
  ) : (
    <p {...shared} className="rounded border border-green-700 bg-green-50 p-3 text-sm text-green-900">
      {children}
    </p>
  );
}

type SignupFieldsProps = {
  /** Prefix of the fields' ids. */
  id: string;
  topics: Array<{ slug: string; name: string }>;
  siteName: string;
  state: Pick<SignupFormState, "values" | "fieldErrors">;
  pending?: boolean;
  /** Empty error slots under each field, for a script to fill. */
  reserveErrors?: boolean;
};

/** Inside both signup forms (React's and the plain one): fields, honeypot, consent and button. */
export function SignupFields({
  id,
  topics,
  siteName,
  state,
  pending = false,
  reserveErrors = false,
}: SignupFieldsProps) {
  const consent = consentWording(siteName);
  const errors: Partial<Record<SignupField, string>> = state.fieldErrors;
  return (
    <>
      <TextField
        size="sm"
        id={`${id}-email`}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={errors.email}
        reserveError={reserveErrors}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          size="sm"
          id={`${id}-first-name`}
          name="firstName"
          label="First name"
          hint="(optional)"
          autoComplete="given-name"
          defaultValue={state.values?.firstName}
          error={errors.firstName}
          reserveError={reserveErrors}
        />
        <TextField
          size="sm"
          id={`${id}-last-name`}
          name="lastName"
          label="Last name"
          hint="(optional)"
          autoComplete="family-name"
          defaultValue={state.values?.lastName}
          error={errors.lastName}
          reserveError={reserveErrors}
        />
      </div>
      {topics.length > 0 && <input type="hidden" name="topicsOffered" value="1" />}
      <TopicCheckboxes
        id={`${id}-topics`}
        topics={topics}
        checked={(slug) => (state.values ? state.values.topics.includes(slug) : true)}
        error={errors.topics}
        reserveError={reserveErrors}
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
    </>
  );
}
