import type { ReactNode } from "react";

export const FIELD_CLASS = "mt-1 w-full rounded border border-gray-500 px-3 py-2";

export type FieldInputProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A labelled control with an optional hint and its errors, tied together for screen readers. */
export function FormField({
  id,
  name,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: FieldInputProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", errors ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, name, "aria-invalid": errors ? true : undefined, "aria-describedby": describedBy })}
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export type FormMessage = { tone: "error" | "success"; text: string } | null;

/** A form's outcome. Both live regions are always present, so screen readers announce what appears in them. */
export function FormMessages({ message }: { message: FormMessage }) {
  return (
    <>
      <p role="status" className="text-green-800">
        {message?.tone === "success" ? message.text : ""}
      </p>
      <p role="alert" className="text-red-800">
        {message?.tone === "error" ? message.text : ""}
      </p>
    </>
  );
}
