import { refuse, type Refusal } from "@/lib/result";

const UNAVAILABLE_MESSAGE = "The mailing list is unavailable just now. Please try again in a few minutes.";

/** The answer when the database or the mail server cannot be reached: try again later. */
export function unavailable(): Refusal<never> {
  return refuse(503, UNAVAILABLE_MESSAGE);
}
