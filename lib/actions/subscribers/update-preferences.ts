"use server";

import { updatePreferences } from "@/lib/subscribers/manage";
import {
  echoedList,
  echoedText,
  preferencesInputFromForm,
  type PreferencesFormState,
} from "@/lib/validations/subscriber";

/** The preference centre's form: the signed token, checked again here, says whose preferences these are. */
export async function savePreferences(_previous: PreferencesFormState, form: FormData): Promise<PreferencesFormState> {
  const input = preferencesInputFromForm(form);
  const result = await updatePreferences(form.get("token"), input);
  const values = {
    firstName: echoedText(input.firstName),
    lastName: echoedText(input.lastName),
    frequency: echoedText(input.frequency, 20),
    topics: echoedList(input.topics),
  };
  if (result.ok) return { status: "success", message: result.message, fieldErrors: {}, values };
  return { status: "error", message: result.message, fieldErrors: result.fieldErrors ?? {}, values };
}
