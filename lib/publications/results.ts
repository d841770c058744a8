/** What the publication operations answer: a typed result with an HTTP-like status for refusals. */
export type Refusal = {
  ok: false;
  status: 400 | 401 | 403 | 404 | 409;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** On 409: the version now stored, who saved it and when, so the editor can offer reload or overwrite. */
  conflict?: { currentVersion: number; savedBy: string | null; savedAt: string };
};

export const refuse = (
  status: Refusal["status"],
  message: string,
  fieldErrors?: Record<string, string[]>,
): Refusal => ({
  ok: false,
  status,
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});

/** What must happen after the database changed: public cache tags to revalidate, a go-live job to enqueue. */
export type Effects = { revalidate: string[]; goLiveAt?: Date };

export const NO_EFFECTS: Effects = { revalidate: [] };
