/**
 * What every staff action, route handler and domain operation answers: plain data, so a
 * form can show it (useActionState) and a route handler can send it (lib/http/respond.ts).
 * A refusal names the HTTP status it stands for. Below every domain module: it depends on
 * nothing of the product.
 */
import type { ZodError } from "zod";

export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 411 | 413 | 415 | 422 | 429 | 503;

/** A publication saved by someone else since the editor loaded it (status 409). */
export type Conflict = { currentVersion: number; savedBy: string | null; savedAt: string };

export type Refusal<Field extends string = string> = {
  ok: false;
  status: RefusalStatus;
  message: string;
  /** One message per field that needs attention, shown beside the field. */
  fieldErrors?: Partial<Record<Field, string>>;
  conflict?: Conflict;
  /** On 429: how long until trying again can succeed. */
  retryAfterSeconds?: number;
};

/** Success carries what the operation returns (by default a message for people); failure is a Refusal. */
export type Result<Success extends object = { message: string }, Field extends string = string> =
  ({ ok: true } & Success) | Refusal<Field>;

/** A form's answer: a message for people, or a refusal naming the fields that need attention. */
export type FormResult<Field extends string = string> = Result<{ message: string }, Field>;

/** A form's state: null before its first submission. */
export type FormState<Field extends string = string> = FormResult<Field> | null;

export const SIGN_IN_MESSAGE = "Your session has ended. Sign in again to continue.";
export const FORBIDDEN_MESSAGE = "You do not have permission to do this.";

export function refuse<Field extends string = string>(
  status: RefusalStatus,
  message: string,
  fieldErrors?: Partial<Record<Field, string>>,
): Refusal<Field> {
  return { ok: false, status, message, ...(fieldErrors && { fieldErrors }) };
}

/**
 * The first message for each field that failed validation. `within` names an object the
 * fields are nested in (a save request's `fields`), left out of the field names.
 */
export function fieldErrorsOf<Field extends string = string>(
  error: ZodError,
  within?: string,
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const path = within !== undefined && issue.path[0] === within ? issue.path.slice(1) : issue.path;
    const field = String(path[0] ?? "form") as Field;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A 400 naming each field that failed validation; the message is `message`, or the first problem. */
export function invalidInput<Field extends string = string>(
  error: ZodError,
  options: { message?: string; within?: string } = {},
): Refusal<Field> {
  const fieldErrors = fieldErrorsOf<Field>(error, options.within);
  const first = Object.values<string | undefined>(fieldErrors)[0];
  return refuse(400, options.message ?? first ?? "Check the form.", fieldErrors);
}
