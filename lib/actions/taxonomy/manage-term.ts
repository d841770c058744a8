"use server";

import { revalidatePath, revalidateTag } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeAction } from "@/lib/auth/session";
import { PUBLICATIONS_TAG, TAXONOMY_TAG } from "@/lib/data/cache-tags";
import { db } from "@/lib/db";
import { TAXONOMY, type TaxonomyKind } from "@/lib/taxonomy/kinds";
import { deleteTerm, mergeTerms, saveTerm } from "@/lib/taxonomy/manage";
import {
  deleteTermSchema,
  mergeTermsSchema,
  taxonomyTermSchema,
  type TaxonomyTermField,
} from "@/lib/validations/taxonomy";
import { formText, invalidInput, type ActionResult, type ActionState } from "../result";

/**
 * Authors, categories and series in the staff area (permission taxonomy.manage). The
 * form says which kind; each action checks the session itself, validates, changes the
 * database (lib/taxonomy/manage.ts) and refreshes the public pages at once.
 */

function refreshPublicPages(kind: TaxonomyKind) {
  revalidateTag(TAXONOMY_TAG, { expire: 0 });
  revalidateTag(PUBLICATIONS_TAG, { expire: 0 });
  revalidatePath(TAXONOMY[kind].adminPath);
}

export async function saveTermAction(
  _previous: ActionState<TaxonomyTermField>,
  form: FormData,
): Promise<ActionResult<TaxonomyTermField>> {
  const { user, refusal } = await authorizeAction("taxonomy.manage");
  if (refusal) return refusal;
  const id = formText(form, "id");
  const parsed = taxonomyTermSchema.safeParse({
    kind: formText(form, "kind"),
    id: id === "" ? undefined : id,
    name: formText(form, "name"),
    slug: formText(form, "slug"),
    description: formText(form, "description"),
    imageUrl: formText(form, "imageUrl"),
    title: formText(form, "title"),
    affiliation: formText(form, "affiliation"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await saveTerm(db, user, parsed.data);
  if (!result.ok) return result;
  refreshPublicPages(parsed.data.kind);
  // A new term opens in its edit page; an edit stays where it is.
  if (parsed.data.id === undefined) redirect(`${TAXONOMY[parsed.data.kind].adminPath}/${result.id}?created=1`);
  return { ok: true, message: result.message };
}

export async function mergeTermsAction(
  _previous: ActionState<"targetId">,
  form: FormData,
): Promise<ActionResult<"targetId">> {
  const { user, refusal } = await authorizeAction("taxonomy.manage");
  if (refusal) return refusal;
  const parsed = mergeTermsSchema.safeParse({
    kind: formText(form, "kind"),
    sourceId: formText(form, "sourceId"),
    targetId: formText(form, "targetId"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await mergeTerms(db, user, parsed.data.kind, parsed.data.sourceId, parsed.data.targetId);
  if (!result.ok) return result;
  refreshPublicPages(parsed.data.kind);
  redirect(`${TAXONOMY[parsed.data.kind].adminPath}/${parsed.data.targetId}?merged=1`);
}

export async function deleteTermAction(
  _previous: ActionState<"targetId">,
  form: FormData,
): Promise<ActionResult<"targetId">> {
  const { user, refusal } = await authorizeAction("taxonomy.manage");
  if (refusal) return refusal;
  const parsed = deleteTermSchema.safeParse({
    kind: formText(form, "kind"),
    id: formText(form, "id"),
    targetId: formText(form, "targetId"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await deleteTerm(db, user, parsed.data.kind, parsed.data.id, parsed.data.targetId);
  if (!result.ok) return result;
  refreshPublicPages(parsed.data.kind);
  redirect(`${TAXONOMY[parsed.data.kind].adminPath}?deleted=1`);
}
