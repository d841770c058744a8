import type { ZodError } from "zod";
import { fieldErrorsOf } from "@/lib/validations/subscriber";

/**
 * What staff-area server actions answer: plain data, so it can cross to the browser and
 * be shown by a form (useActionState). `status` is the HTTP status the failure stands for.
 */
export type ActionResult<Field extends string = string> =
  | { ok: true; message: string }
  | {
      ok: false;
      status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 503;
      message: string;
      fieldErrors?: Partial<Record<Field, string>>;
    };

/** A form's state before its first submission is null. */
export type ActionState<Field extends string = string> = ActionResult<Field> | null;

/** One text field of a submitted form ("" when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** A 400 with a message of our own (and optionally which fields it concerns). */
export function badInput(message: string, fieldErrors?: Record<string, string>): ActionResult {
  return { ok: false, status: 400, message, ...(fieldErrors && { fieldErrors }) };
}

/** A 400 naming each field that failed validation, the first one as the message. */
export function invalidInput<Field extends string>(error: ZodError): ActionResult<Field> {
  const fieldErrors = fieldErrorsOf<Field>(error);
  return {
    ok: false,
    status: 400,
    message: Object.values<string | undefined>(fieldErrors)[0] ?? "Check the form.",
    fieldErrors,
  };
}
