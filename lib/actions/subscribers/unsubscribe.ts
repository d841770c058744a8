"use server";

import { z } from "zod";
import { unsubscribe } from "@/lib/subscribers/manage";
import type { TokenFormState } from "@/lib/validations/subscriber";

// Where the button was, for the audit log only: it grants nothing, so a forged value is harmless.
const sourceSchema = z.enum(["page", "preferences"]).catch("page");

/** The "Unsubscribe" button on /unsubscribe and in the preference centre. */
export async function unsubscribeWithForm(_previous: TokenFormState, form: FormData): Promise<TokenFormState> {
  const result = await unsubscribe(form.get("token"), sourceSchema.parse(form.get("source")));
  return { status: result.ok ? "success" : "error", message: result.message };
}
