"use client";

import { useActionState, type ReactNode } from "react";
import type { Result } from "@/lib/result";

type Props = {
  action: (previous: Result | null, form: FormData) => Promise<Result>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  /** Secondary buttons look lighter. */
  tone?: "primary" | "secondary" | "danger";
};

const BUTTON_TONES = {
  primary: "bg-accent text-white hover:bg-blue-900",
  secondary: "border border-gray-500 bg-white text-ink hover:bg-gray-100",
  danger: "bg-red-800 text-white hover:bg-red-900",
} as const;

/** A staff form posting to a server action, with its answer announced beside the button. */
export function ActionForm({ action, submitLabel, children, className, tone = "primary" }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  // The first problem is the message beside the button; any others are listed above it.
  const otherProblems =
    state && !state.ok && state.fieldErrors
      ? Object.entries(state.fieldErrors).filter(([, message]) => message !== state.message)
      : [];
  return (
    <form action={formAction} className={className ?? "space-y-4"}>
      {children}
      {otherProblems.length > 0 ? (
        <ul className="text-sm text-red-800">
          {otherProblems.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className={`rounded px-4 py-2 font-semibold disabled:opacity-60 ${BUTTON_TONES[tone]}`}
        >
          {submitLabel}
        </button>
        <p
          aria-live="polite"
          className={state?.ok ? "text-green-800" : "text-red-800"}
          role={state && !state.ok ? "alert" : undefined}
        >
          {state?.message}
        </p>
      </div>
    </form>
  );
}
