"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { ActionMessage, fieldError, SubmitButton } from "@/components/admin/form-controls";
import { labelClass, TextField } from "@/components/ui/text-field";
import { saveTermAction } from "@/lib/actions/taxonomy/manage-term";
import type { TaxonomyKind } from "@/lib/taxonomy/kinds";

type Values = {
  id?: number;
  name: string;
  slug: string;
  description: string;
  imageUrl: string;
  title: string;
  affiliation: string;
  familyNameFirst: boolean;
  featured: boolean;
};

/** Create or edit an author, category or series. */
export function TermForm({ kind, values, singular }: { kind: TaxonomyKind; values: Values; singular: string }) {
  const { state, pending, formProps } = useFormAction(saveTermAction, null);
  const error = (field: string) => fieldError(state, field);
  return (
    <form {...formProps} noValidate className="max-w-2xl space-y-4">
      <ActionMessage state={state} />
      <input type="hidden" name="kind" value={kind} />
      {values.id !== undefined && <input type="hidden" name="id" value={values.id} />}
      <TextField
        id="term-name"
        name="name"
        label="Name"
        required
        defaultValue={values.name}
        maxLength={200}
        error={error("name")}
      />
      <TextField
        id="term-slug"
        name="slug"
        label="Slug"
        defaultValue={values.slug}
        maxLength={80}
        hint={`The last part of the ${singular}'s public address. Leave it empty to make one from the name; when it changes, the old address redirects.`}
        error={error("slug")}
      />
      {kind === "author" && (
        <>
          <fieldset aria-describedby="term-name-order-hint">
            <legend className={labelClass}>Name order</legend>
            <p id="term-name-order-hint" className="text-sm text-muted">
              How citations write the name: a given-first name is inverted (“Whitfield, E.”), a family-first name stays
              as written (“Kim Jong-un”).
            </p>
            <div className="mt-1 flex flex-wrap gap-6">
              <label className="flex items-center gap-2">
                <input type="radio" name="nameOrder" value="given-first" defaultChecked={!values.familyNameFirst} />{" "}
                Given, then family (Jane Doe)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="nameOrder" value="family-first" defaultChecked={values.familyNameFirst} />{" "}
                Family, then given (Kim Jong-un)
              </label>
            </div>
            {error("nameOrder") && <p className="mt-1 text-sm text-red-800">{error("nameOrder")}</p>}
          </fieldset>
          <TextField
            id="term-title"
            name="title"
            label="Title line"
            defaultValue={values.title}
            maxLength={200}
            hint="For example: Non-Resident Fellow"
            error={error("title")}
          />
          <TextField
            id="term-affiliation"
            name="affiliation"
            label="Affiliation"
            defaultValue={values.affiliation}
            maxLength={200}
            error={error("affiliation")}
          />
        </>
      )}
      <TextField
        id="term-description"
        name="description"
        label={kind === "author" ? "Biography" : "Description"}
        as="textarea"
        rows={5}
        defaultValue={values.description}
        maxLength={10_000}
        error={error("description")}
      />
      <TextField
        id="term-image"
        name="imageUrl"
        label={kind === "author" ? "Photo URL" : "Image URL"}
        type="url"
        defaultValue={values.imageUrl}
        hint="An https:// address, or a /media/ path from the media library."
        error={error("imageUrl")}
      />
      {kind === "series" && (
        <div className="flex items-center gap-2">
          <input id="term-featured" type="checkbox" name="featured" defaultChecked={values.featured} />
          <label htmlFor="term-featured" className="text-sm">
            Featured: on the home page and in the main navigation (replaces the series featured now)
          </label>
        </div>
      )}
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
