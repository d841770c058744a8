import type { ReactNode } from "react";

/** Shared pieces of the mailing-list forms: labelled fields with their error messages. */

export const inputClass = "w-full rounded border border-gray-500 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-700";
export const buttonClass = "rounded bg-accent px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm font-semibold text-red-800">
      {message}
    </p>
  );
}

type TextFieldProps = {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: "text" | "email";
  autoComplete: string;
  defaultValue?: string;
  required?: boolean;
};

export function TextField({ id, name, label, hint, error, type = "text", autoComplete, defaultValue, required }: TextFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col text-sm">
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
        {hint && (
          <span id={`${id}-hint`} className="text-muted">
            {hint}
          </span>
        )}
      </div>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 ${inputClass}`}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TopicCheckboxes({
  id,
  topics,
  checked,
  error,
  legend = "Topics",
}: {
  id: string;
  topics: Array<{ slug: string; name: string }>;
  checked: (slug: string) => boolean;
  error?: string;
  legend?: string;
}) {
  if (topics.length === 0) return null;
  return (
    <fieldset className="text-sm" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <ul className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {topics.map((topic) => (
          <li key={topic.slug} className="flex items-center gap-2">
            <input id={`${id}-${topic.slug}`} type="checkbox" name="topics" value={topic.slug} defaultChecked={checked(topic.slug)} className="h-4 w-4" />
            <label htmlFor={`${id}-${topic.slug}`}>{topic.name}</label>
          </li>
        ))}
      </ul>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** A message after an action: errors interrupt (alert), successes are announced politely. */
export function FormMessage({ tone, children }: { tone: "success" | "error"; children: ReactNode }) {
  return tone === "error" ? (
    <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
      {children}
    </p>
  ) : (
    <p className="rounded border border-green-700 bg-green-50 p-3 text-sm text-green-900">{children}</p>
  );
}
