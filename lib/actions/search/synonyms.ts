"use server";

import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/session";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { invalidInput, type FormResult, type FormState } from "@/lib/result";
import { addSynonym, removeSynonym } from "@/lib/search/synonym-admin";
import { formFields } from "@/lib/validations/common";
import { synonymIdSchema, synonymSchema, type SynonymField } from "@/lib/validations/search-synonyms";

/**
 * Search synonyms on /admin/search (permission search.insights, as the page). A change
 * applies to the next search at once, on every server: the engines see the table changed and
 * read it again, and cached result pages, which a synonym may now widen, are dropped.
 */
async function applyChange() {
  await invalidatePublicCache({ search: true });
  revalidatePath("/admin/search");
}

export async function addSynonymAction(
  _previous: FormState<SynonymField>,
  form: FormData,
): Promise<FormResult<SynonymField>> {
  const access = await authorize("search.insights");
  if (!access.ok) return access;
  const parsed = synonymSchema.safeParse(formFields(form, ["term", "alternatives", "direction"]));
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await addSynonym(db, access.user.id, parsed.data);
  if (!result.ok) return result;
  await applyChange();
  return { ok: true, message: result.message };
}

export async function removeSynonymAction(_previous: FormState, form: FormData): Promise<FormResult> {
  const access = await authorize("search.insights");
  if (!access.ok) return access;
  const parsed = synonymIdSchema.safeParse(formFields(form, ["id"]));
  if (!parsed.success) return invalidInput(parsed.error, { message: "No such synonym." });
  const result = await removeSynonym(db, access.user.id, parsed.data.id);
  if (!result.ok) return result;
  await applyChange();
  return result;
}
