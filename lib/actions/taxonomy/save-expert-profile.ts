"use server";

import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/session";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { invalidInput, type FormResult, type FormState } from "@/lib/result";
import { saveExpertProfile } from "@/lib/taxonomy/expert-profile";
import { TAXONOMY } from "@/lib/taxonomy/kinds";
import { formText } from "@/lib/validations/common";
import { expertProfileSchema, type ExpertProfileField } from "@/lib/validations/expert-profile";

/** Saves an author's directory profile (permission taxonomy.manage, as every author edit). */
export async function saveExpertProfileAction(
  _previous: FormState<ExpertProfileField>,
  form: FormData,
): Promise<FormResult<ExpertProfileField>> {
  const access = await authorize("taxonomy.manage");
  if (!access.ok) return access;
  const parsed = expertProfileSchema.safeParse({
    authorId: formText(form, "authorId"),
    photoId: formText(form, "photoId"),
    isExpert: formText(form, "isExpert") === "on",
    languages: formText(form, "languages"),
    availableForMedia: formText(form, "availableForMedia") === "on",
    pressContact: formText(form, "pressContact"),
    expertise: form.getAll("expertise").filter((value) => typeof value === "string"),
    directoryRank: formText(form, "directoryRank").trim(),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const result = await saveExpertProfile(db, access.user, parsed.data);
  if (!result.ok) return result;
  await invalidatePublicCache(result.change);
  revalidatePath(`${TAXONOMY.author.adminPath}/${parsed.data.authorId}`);
  return { ok: true, message: result.message };
}
