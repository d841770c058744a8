"use server";

import { headers } from "next/headers";
import { clientIp } from "@/lib/http/client-ip";
import { signUp } from "@/lib/subscribers/signup";
import { echoedList, echoedText, signupInputFromForm, type SignupFormState } from "@/lib/validations/subscriber";

/**
 * The signup form (SignupBox, /subscribe): public, so no session, and the previous state
 * React sends back is ignored. Everything is validated again in signUp; the same code
 * answers POST /api/subscribe.
 */
export async function subscribe(_previous: SignupFormState, form: FormData): Promise<SignupFormState> {
  const input = signupInputFromForm(form);
  const result = await signUp(input, { ip: clientIp(await headers()) });
  if (result.ok) return { status: "success", message: result.message, fieldErrors: {} };
  return {
    status: "error",
    message: result.message,
    fieldErrors: result.fieldErrors ?? {},
    values: {
      email: echoedText(input.email),
      firstName: echoedText(input.firstName),
      lastName: echoedText(input.lastName),
      topics: echoedList(input.topics),
    },
  };
}
