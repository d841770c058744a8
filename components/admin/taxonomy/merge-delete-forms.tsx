"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { TextField } from "@/components/ui/text-field";
import { deleteTermAction, mergeTermsAction } from "@/lib/actions/taxonomy/manage-term";
import type { TaxonomyKind } from "@/lib/taxonomy/kinds";

type Option = { id: number; name: string };
type Props = { kind: TaxonomyKind; id: number; name: string; singular: string; others: Option[] };

function TermSelect({
  id,
  name,
  label,
  options,
  emptyLabel,
  error,
}: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  emptyLabel: string;
  error?: string;
}) {
  return (
    <TextField
      as="select"
      id={id}
      name={name}
      label={label}
      defaultValue=""
      error={error}
      controlClassName="w-full max-w-md"
    >
      <option value="">{emptyLabel}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </TextField>
  );
}

/** Merge this term into another: its publications move there, it is deleted, its address redirects. */
export function MergeTermForm({ kind, id, name, singular, others }: Props) {
  const { state, pending, formProps } = useFormAction(mergeTermsAction, null);
  return (
    <form {...formProps} className="max-w-2xl space-y-3">
      <ActionMessage state={state} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sourceId" value={id} />
      <TermSelect
        id="merge-target"
        name="targetId"
        label={`Merge ${name} into`}
        options={others}
        emptyLabel={`Choose a ${singular}`}
        error={fieldError(state, "targetId")}
      />
      <SubmitButton pending={pending} tone="secondary">
        Merge
      </SubmitButton>
    </form>
  );
}

/** Delete this term, moving its publications to another (or, for topics and series, nowhere). */
export function DeleteTermForm({ kind, id, singular, others }: Props) {
  const { state, pending, formProps } = useFormAction(deleteTermAction, null);
  return (
    <form {...formProps} className="max-w-2xl space-y-3">
      <ActionMessage state={state} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <TermSelect
        id="delete-target"
        name="targetId"
        label="Move its publications to"
        options={others}
        emptyLabel={
          kind === "author" ? "Nobody (only when it has no publications)" : `No ${singular}: just remove the link`
        }
        error={fieldError(state, "targetId")}
      />
      <SubmitButton pending={pending} tone="danger">
        Delete
      </SubmitButton>
    </form>
  );
}
