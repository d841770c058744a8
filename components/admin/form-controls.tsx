import type { ReactNode } from "react";
import { FormMessage } from "@/components/public/signup-fields";
import type { FormState } from "@/lib/result";

/** The answer of the last submission, announced politely (errors as alerts). */
export function ActionMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite">
      {state && <FormMessage tone={state.ok ? "success" : "error"}>{state.message}</FormMessage>}
    </div>
  );
}

type SubmitButtonProps = {
  pending: boolean;
  children: ReactNode;
  tone?: "primary" | "secondary" | "danger";
  /** A fuller name for assistive technology when the visible text repeats on every row; it must start with that text. */
  accessibleName?: string;
};

export function SubmitButton({ pending, children, tone = "primary", accessibleName }: SubmitButtonProps) {
  const styles = {
    primary: "bg-accent text-white",
    secondary: "border border-gray-500 bg-white text-ink hover:bg-gray-100",
    danger: "border border-red-800 bg-white text-red-800 hover:bg-red-50",
  }[tone];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      aria-label={accessibleName}
      className={`rounded px-4 py-2 font-semibold disabled:opacity-70 ${styles}`}
    >
      {children}
    </button>
  );
}

export function fieldError(state: FormState, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
