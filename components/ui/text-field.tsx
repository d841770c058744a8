import type { ComponentProps, ReactNode } from "react";

/**
 * The one labelled form control of the site: a text input, a textarea or a select with its
 * visible label (htmlFor), an optional hint and an error message. Hint and error are tied to
 * the control with aria-describedby, and an error marks it aria-invalid.
 *
 * Two looks: "md" for staff forms (hint under the label) and "sm" for the compact reader-facing
 * forms (hint beside the label, a red border on an invalid control).
 */

type Size = "md" | "sm";

const STYLES = {
  md: {
    wrapper: undefined,
    label: "block text-sm font-semibold",
    hint: "text-sm text-muted",
    control: "mt-1 rounded border border-gray-500 bg-white px-3 py-2",
    error: "mt-1 text-sm text-red-800",
  },
  sm: {
    wrapper: "flex flex-col text-sm",
    label: "font-semibold",
    hint: "text-muted",
    control: "mt-1 rounded border border-gray-500 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-700",
    error: "mt-1 text-sm font-semibold text-red-800",
  },
} as const;

/** The staff forms' label style, for a fieldset's legend that should read like a field's label. */
export const labelClass = STYLES.md.label;

type FieldFrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The field's problem, shown under the control. */
  error?: string;
  /** Marks the control invalid when its problem is described elsewhere (a message for the whole form). */
  invalid?: boolean;
  /** Renders the error slot even when empty (hidden), for a script to fill; see FieldError. */
  reserveError?: boolean;
  /** Keeps the label for assistive technology only. */
  labelHidden?: boolean;
  size?: Size;
  /** Classes of the wrapper (layout, grid placement). */
  className?: string;
  /** Width and extra classes of the control; full width by default. */
  controlClassName?: string;
};

type Controlled<Tag extends "input" | "textarea" | "select"> = Omit<ComponentProps<Tag>, "id" | "className" | "size">;

export type TextFieldProps = FieldFrameProps &
  (
    | ({ as?: "input" } & Controlled<"input">)
    | ({ as: "textarea" } & Controlled<"textarea">)
    | ({ as: "select" } & Controlled<"select">)
  );

export function TextField(props: TextFieldProps) {
  const {
    id,
    label,
    hint,
    error,
    invalid,
    reserveError = false,
    labelHidden = false,
    size = "md",
    className,
    controlClassName = "w-full",
    as = "input",
    ...control
  } = props;
  const styles = STYLES[size];
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy =
    [control["aria-describedby"], hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const shared = {
    id,
    "aria-invalid": error || invalid ? true : undefined,
    "aria-describedby": describedBy,
    className: `${styles.control} ${controlClassName}`.trim(),
  } as const;

  const labelElement = (
    <label htmlFor={id} className={labelHidden ? "sr-only" : styles.label}>
      {label}
    </label>
  );
  const hintElement = hint ? (
    size === "sm" ? (
      <span id={hintId} className={styles.hint}>
        {hint}
      </span>
    ) : (
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
    )
  ) : null;

  const field =
    as === "textarea" ? (
      <textarea {...(control as Controlled<"textarea">)} {...shared} />
    ) : as === "select" ? (
      <select {...(control as Controlled<"select">)} {...shared} />
    ) : (
      <input type="text" {...(control as Controlled<"input">)} {...shared} />
    );

  return (
    <div className={[styles.wrapper, className].filter(Boolean).join(" ") || undefined}>
      {size === "sm" ? (
        <div className="flex items-baseline gap-1">
          {labelElement}
          {hintElement}
        </div>
      ) : (
        <>
          {labelElement}
          {hintElement}
        </>
      )}
      {field}
      <FieldError id={`${id}-error`} message={error} field={control.name} reserve={reserveError} size={size} />
    </div>
  );
}

/**
 * A field's error, also under a group of checkboxes or radio buttons (in their fieldset).
 * `reserve` renders it empty and hidden for a script to fill: components/enhancements/signup-form.ts
 * finds it by `field`, the field's name (data-error-for).
 */
export function FieldError({
  id,
  message,
  field,
  reserve = false,
  size = "md",
}: {
  id: string;
  message?: string;
  field?: string;
  reserve?: boolean;
  size?: Size;
}) {
  if (!message && !reserve) return null;
  return (
    <p id={id} hidden={!message} data-error-for={field} className={STYLES[size].error}>
      {message}
    </p>
  );
}
