/** What every mailing-list operation answers: an HTTP-like status and a message for people. */
export type MailingListResult<Field extends string = string> =
  | { ok: true; status: 200; message: string }
  | {
      ok: false;
      status: 400 | 429 | 503;
      message: string;
      fieldErrors?: Partial<Record<Field, string>>;
      retryAfterSeconds?: number;
    };

export const UNAVAILABLE_MESSAGE = "The mailing list is unavailable just now. Please try again in a few minutes.";

export function unavailable(): MailingListResult<never> {
  return { ok: false, status: 503, message: UNAVAILABLE_MESSAGE };
}
