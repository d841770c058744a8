/**
 * The mailing-list forms' plain data: choices, labels and the states an action returns.
 * Without zod, so that the forms running in the browser do not ship the validation library
 * (lib/validations/subscriber.ts re-exports all of it for the server).
 */

export const FREQUENCIES = ["IMMEDIATE", "WEEKLY"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  IMMEDIATE: "Immediately, whenever we publish",
  WEEKLY: "Weekly digest",
};

// What the forms show after an action ran (useActionState); plain data, so it can cross
// from the server to the browser.

export type SignupField = "email" | "firstName" | "lastName" | "topics";

export type SignupFormState = {
  status: "idle" | "success" | "error";
  message: string;
  fieldErrors: Partial<Record<SignupField, string>>;
  /** What was typed, to fill the form again after an error (also without JavaScript). */
  values?: { email: string; firstName: string; lastName: string; topics: string[] };
};

export type PreferencesField = "firstName" | "lastName" | "frequency" | "topics";

export type PreferencesFormState = {
  status: "idle" | "success" | "error";
  message: string;
  fieldErrors: Partial<Record<PreferencesField, string>>;
  /** What was sent, to show again after the submission (saved or not). */
  values?: { firstName: string; lastName: string; frequency: string; topics: string[] };
};

export type TokenFormState = { status: "idle" | "success" | "error"; message: string };

export const INITIAL_SIGNUP_STATE: SignupFormState = { status: "idle", message: "", fieldErrors: {} };
export const INITIAL_PREFERENCES_STATE: PreferencesFormState = { status: "idle", message: "", fieldErrors: {} };
export const INITIAL_TOKEN_STATE: TokenFormState = { status: "idle", message: "" };
