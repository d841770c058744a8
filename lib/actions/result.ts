import type { ZodError } from "zod";
import { fieldErrorsOf } from "@/lib/validations/subscriber";

/**
 * What staff-area server actions answer: plain data, so it can cross to the browser and
 * be shown by a form (useActionState). `status` is the HTTP status the failure stands for.
 */
export type ActionResult<Field extends string = string> =
  | { ok: true; message: string }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 410 | 429; message: string; fieldErrors?: Partial<Record<Field, string>> };

/** A form's state before its first submission is null. */
export type ActionState<Field extends string = string> = ActionResult<Field> | null;

/** One text field of a submitted form ("" when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** What staff-side server actions and their core functions answer: plain data, with an HTTP-like status on failure. */
export type StaffResult =
  | { ok: true; message: string }
  | { ok: false; status: 400 | 403 | 404 | 409 | 413 | 429 | 503; message: string; fieldErrors?: Record<string, string> };

export const INITIAL_STAFF_RESULT: StaffResult | null = null;

export function badInput(message: string, fieldErrors?: Record<string, string>): StaffResult {
  return { ok: false, status: 400, message, ...(fieldErrors && { fieldErrors }) };
}

/** The first problem for each field of a zod error, and the first overall as the message. */
export function fromZodIssues(issues: readonly { path: PropertyKey[]; message: string }[]): StaffResult {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return badInput(Object.values(fieldErrors)[0] ?? "Please check the form.", fieldErrors);
}

/** A 400 naming each field that failed validation, the first one as the message. */
export function invalidInput<Field extends string>(error: ZodError): ActionResult<Field> {
  const fieldErrors = fieldErrorsOf<Field>(error);
  return { ok: false, status: 400, message: Object.values<string | undefined>(fieldErrors)[0] ?? "Check the form.", fieldErrors };
}
