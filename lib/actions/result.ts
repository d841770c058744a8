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
