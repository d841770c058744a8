/** Building blocks shared by the schemas: ids, slugs, and reading forms and query strings. */
import { z } from "zod";

/** A row id as it arrives in a form, a route or a query string: a positive PostgreSQL integer. */
export const databaseIdSchema = z.coerce
  .number({ error: "Not a valid id" })
  .int("Not a valid id")
  .positive("Not a valid id")
  .max(2_147_483_647, "Not a valid id");

/** A slug as it appears in a public address: lower-case letters, digits and hyphens. */
export const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

// Control characters (NUL among them: PostgreSQL refuses it in text) and lone surrogates.
const NOT_TEXT = /[\p{Cc}\p{Cs}]/gu;

/**
 * Free text from a list's search box (?q=): control characters and lone surrogates become
 * spaces, so none reaches a query; cut to `max` characters. Never an error: a mangled
 * search shows the list.
 */
export const searchTextSchema = (max = 200) =>
  z
    .string()
    .transform((value) => value.replace(NOT_TEXT, " ").replace(/\s+/g, " ").trim().slice(0, max))
    .catch("");

/** A slug staff write: lower-case letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One text field of a submitted form ("" when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** The named text fields of a form that are present, for a schema to check. */
export function formFields(form: FormData, names: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** A query-string value as pages receive it: the first when the name is repeated. */
export function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A URL's query string as a page's searchParams arrive (repeated names keep every value).
 * A null-prototype object, so names like `constructor` or `__proto__` are plain keys.
 */
export function searchParamsRecord(params: URLSearchParams): Record<string, string[]> {
  const record: Record<string, string[]> = Object.create(null);
  for (const [name, value] of params) (record[name] ??= []).push(value);
  return record;
}
