/**
 * Staff's search synonyms (/admin/search): a term, what it also means (one per line), and
 * whether the alternatives find the term too (two-way) or not (one-way).
 */
import { z } from "zod";

export const MAX_SYNONYM_LENGTH = 100;
export const MAX_ALTERNATIVES = 20;

/** Printable text: no control characters, single spaces. */
const phrase = z
  .string()
  .transform((value) => value.normalize("NFC").replace(/\s+/gu, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Write a word or phrase.")
      .max(MAX_SYNONYM_LENGTH, `At most ${MAX_SYNONYM_LENGTH} characters.`)
      .refine((value) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(value), "Use letters, digits and punctuation only.")
      .refine((value) => /[\p{L}\p{N}]/u.test(value), "Write a word or phrase with letters or digits."),
  );

export const synonymSchema = z
  .object({
    term: phrase,
    alternatives: z
      .string()
      .max(MAX_ALTERNATIVES * (MAX_SYNONYM_LENGTH + 2), "Too long.")
      .transform((value) =>
        value
          .split(/\r?\n|;/u)
          .map((line) => line.replace(/\s+/gu, " ").trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(phrase)
          .min(1, "Give at least one word or phrase it also means, one per line.")
          .max(MAX_ALTERNATIVES, `At most ${MAX_ALTERNATIVES} alternatives.`),
      ),
    direction: z.enum(["two-way", "one-way"], { message: "Choose two-way or one-way." }),
  })
  .transform(({ term, alternatives, direction }) => ({
    term,
    alternatives: [...new Set(alternatives)].filter((alternative) => alternative.toLowerCase() !== term.toLowerCase()),
    twoWay: direction === "two-way",
  }))
  .refine((value) => value.alternatives.length > 0, {
    message: "The alternatives must differ from the term.",
    path: ["alternatives"],
  });

export type SynonymField = "term" | "alternatives" | "direction";
export type SynonymInput = z.infer<typeof synonymSchema>;

export const synonymIdSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
