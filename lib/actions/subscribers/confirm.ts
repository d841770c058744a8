"use server";

import { confirmSubscription } from "@/lib/subscribers/confirm";
import type { TokenFormState } from "@/lib/validations/subscriber";

/** The "Confirm" button on /subscribe/confirm: the signed token is the only authority. */
export async function confirm(_previous: TokenFormState, form: FormData): Promise<TokenFormState> {
  const result = await confirmSubscription(form.get("token"));
  return { status: result.ok ? "success" : "error", message: result.message };
}
