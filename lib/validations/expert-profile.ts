import { z } from "zod";
import { databaseIdSchema } from "./common";

/** An author's entry in the experts directory, as staff edit it on the author's page (/admin/authors/[id]). */
export type ExpertProfileField =
  "photoId" | "isExpert" | "languages" | "availableForMedia" | "pressContact" | "expertise" | "directoryRank";

// Control characters (NUL among them) and lone surrogates never reach a stored line.
const NOT_TEXT = /[\p{Cc}\p{Cs}]/u;
const LANGUAGE = /^[\p{L}\p{M}][\p{L}\p{M} ()'’-]*$/u;
const MAX_LANGUAGES = 12;

const emptyMeansNull = <T extends z.ZodType>(schema: T) => z.union([z.literal("").transform(() => null), schema]);

export const expertProfileSchema = z.object({
  authorId: databaseIdSchema,
  /** A media library image; empty: no photo. */
  photoId: emptyMeansNull(databaseIdSchema),
  isExpert: z.boolean(),
  /** As typed: names separated by commas ("English, Korean"), stored as a list without repeats. */
  languages: z
    .string()
    .max(600, "List fewer languages")
    .transform((text) => [
      ...new Set(
        text
          .split(",")
          .map((name) => name.replace(/\s+/g, " ").trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z
            .string()
            .max(40, "A language's name is at most 40 characters")
            .regex(LANGUAGE, "Write languages as names separated by commas, like English, Korean"),
        )
        .max(MAX_LANGUAGES, `List at most ${MAX_LANGUAGES} languages`),
    ),
  availableForMedia: z.boolean(),
  /** An email address or a line of text; empty: the press office. */
  pressContact: z
    .string()
    .trim()
    .max(200, "The press contact is too long")
    .refine((value) => !NOT_TEXT.test(value), "Use letters, digits and punctuation only"),
  /** Topic ids, in the order shown. */
  expertise: z.array(databaseIdSchema).max(20, "Choose at most 20 topics"),
  /** Lowest first in the directory; empty: after the ranked ones, by name. */
  directoryRank: emptyMeansNull(
    z.coerce.number({ error: "Enter a whole number" }).int("Enter a whole number").min(0).max(9999),
  ),
});

export type ExpertProfileInput = z.infer<typeof expertProfileSchema>;
