"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorize } from "@/lib/auth/session";
import type { PublicChange } from "@/lib/cache/changes";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { TAXONOMY, type TaxonomyKind } from "@/lib/taxonomy/kinds";
import { deleteTerm, mergeTerms, saveTerm } from "@/lib/taxonomy/manage";
import {
  deleteTermSchema,
  mergeTermsSchema,
  taxonomyTermSchema,
  type TaxonomyTermField,
} from "@/lib/validations/taxonomy";
import { formText } from "@/lib/validations/common";
import { invalidInput, type FormResult, type FormState } from "@/lib/result";

/**
 * Authors, categories and series in the staff area (permission taxonomy.manage). The
 * form says which kind; each action checks the session itself, validates, changes the
 * database (lib/taxonomy/manage.ts) and refreshes the public pages at once.
 */

async function refreshPages(kind: TaxonomyKind, change: PublicChange) {
  await invalidatePublicCache(change);
  revalidatePath(TAXONOMY[kind].adminPath);
}

export async function saveTermAction(
  _previous: FormState<TaxonomyTermField>,
  form: FormData,
): Promise<FormResult<TaxonomyTermField>> {
  const access = await authorize("taxonomy.manage");
  if (!access.ok) return access;
  const { user } = access;
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
    nameOrder: formText(form, "nameOrder") || undefined,
    featured: formText(form, "featured") === "on",
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await saveTerm(db, user, parsed.data);
  if (!result.ok) return result;
  await refreshPages(parsed.data.kind, result.change);
  // A new term opens in its edit page; an edit stays where it is.
  if (parsed.data.id === undefined) redirect(`${TAXONOMY[parsed.data.kind].adminPath}/${result.id}?created=1`);
  return { ok: true, message: result.message };
}

export async function mergeTermsAction(
  _previous: FormState<"targetId">,
  form: FormData,
): Promise<FormResult<"targetId">> {
  const access = await authorize("taxonomy.manage");
  if (!access.ok) return access;
  const { user } = access;
  const parsed = mergeTermsSchema.safeParse({
    kind: formText(form, "kind"),
    sourceId: formText(form, "sourceId"),
    targetId: formText(form, "targetId"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await mergeTerms(db, user, parsed.data.kind, parsed.data.sourceId, parsed.data.targetId);
  if (!result.ok) return result;
  await refreshPages(parsed.data.kind, result.change);
  redirect(`${TAXONOMY[parsed.data.kind].adminPath}/${parsed.data.targetId}?merged=1`);
}

export async function deleteTermAction(
  _previous: FormState<"targetId">,
  form: FormData,
): Promise<FormResult<"targetId">> {
  const access = await authorize("taxonomy.manage");
  if (!access.ok) return access;
  const { user } = access;
  const parsed = deleteTermSchema.safeParse({
    kind: formText(form, "kind"),
    id: formText(form, "id"),
    targetId: formText(form, "targetId"),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await deleteTerm(db, user, parsed.data.kind, parsed.data.id, parsed.data.targetId);
  if (!result.ok) return result;
  await refreshPages(parsed.data.kind, result.change);
  redirect(`${TAXONOMY[parsed.data.kind].adminPath}?deleted=1`);
}
