"use client";

import { TextField } from "@/components/ui/text-field";
import { useActionState, type ReactNode } from "react";
import { bulkTransitionAction } from "@/lib/actions/publications/bulk-transition";

const LABELS = {
  publish: "Publish",
  unpublish: "Unpublish",
  archive: "Archive",
  trash: "Move to trash",
  restore: "Restore",
} as const;

/** Wraps the publications table: its row checkboxes (name="ids") and one action applied to all chosen. */
export function BulkActionsForm({ actions, children }: { actions: (keyof typeof LABELS)[]; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(bulkTransitionAction, null);
  return (
    <form action={formAction} className="mt-4">
      <div className="flex flex-wrap items-end gap-2">
        {actions.length > 0 ? (
          <>
            <TextField
              as="select"
              id="bulk-action"
              name="action"
              label="With selected"
              required
              controlClassName="w-auto"
            >
              {actions.map((action) => (
                <option key={action} value={action}>
                  {LABELS[action]}
                </option>
              ))}
            </TextField>
            <button
              type="submit"
              disabled={pending}
              className="rounded border border-accent px-4 py-2 font-semibold text-accent disabled:opacity-60"
            >
              {pending ? "Applying…" : "Apply"}
            </button>
          </>
        ) : null}
        <p role="status" className={`text-sm ${state && !state.ok ? "text-red-800" : ""}`}>
          {state?.message}
        </p>
      </div>
      {children}
    </form>
  );
}
