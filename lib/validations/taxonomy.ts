import { z } from "zod";
import { databaseIdSchema as idSchema, searchTextSchema, SLUG_PATTERN } from "./common";

/** Authors, categories (topics) and series. */
const TAXONOMY_KINDS = ["author", "category", "series"] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

const taxonomyKindSchema = z.enum(TAXONOMY_KINDS);

/** An https:// address, or a path to a file in the media library (/media/…). Empty means none. */
const imageUrlSchema = z
  .string()
  .trim()
  .max(2000, "The address is too long")
  .refine((value) => {
    if (value === "" || /^\/media\/[^\s?#]+$/.test(value)) return true;
    try {
      return new URL(value).protocol === "https:";
    } catch {
      return false;
    }
  }, "Enter an address starting with https:// or a /media/ path")
  .transform((value) => value || null);

export const taxonomyTermSchema = z.object({
  kind: taxonomyKindSchema,
  /** Absent when creating. */
  id: idSchema.optional(),
  name: z.string().trim().min(1, "Enter a name").max(200, "The name is too long"),
  /** Empty: generated from the name. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(80, "The slug is too long")
    .refine(
      (value) => value === "" || SLUG_PATTERN.test(value),
      "Use lower-case letters, digits and single hyphens, like north-korea",
    ),
  description: z.string().trim().max(10_000, "The text is too long"),
  imageUrl: imageUrlSchema,
  /** Authors only: the line under the name and where they work. */
  title: z.string().trim().max(200, "The title is too long"),
  affiliation: z.string().trim().max(200, "The affiliation is too long"),
  /**
   * Authors only: "given-first" ("Eleanor Whitfield") or "family-first" ("Kim Jong-un"):
   * citations invert only given-first names. Absent (other kinds' forms): given-first.
   */
  nameOrder: z
    .enum(["given-first", "family-first"], { message: "Choose how the name is written" })
    .default("given-first")
    .transform((value) => (value === "family-first" ? ("FAMILY_FIRST" as const) : ("GIVEN_FIRST" as const))),
  /** Series only: shown on the home page and in the main navigation (one series at a time). */
  featured: z.boolean().default(false),
});

export type TaxonomyTermInput = z.infer<typeof taxonomyTermSchema>;
export type TaxonomyTermField = "name" | "slug" | "description" | "imageUrl" | "title" | "affiliation" | "nameOrder";

export const mergeTermsSchema = z
  .object({ kind: taxonomyKindSchema, sourceId: idSchema, targetId: idSchema })
  .refine((input) => input.sourceId !== input.targetId, {
    path: ["targetId"],
    message: "Choose another one to merge into",
  });

export const deleteTermSchema = z
  .object({
    kind: taxonomyKindSchema,
    id: idSchema,
    /** Where the publications go; empty means nowhere (they only lose the link). */
    targetId: z.union([z.literal("").transform(() => null), idSchema]),
  })
  .refine((input) => input.targetId !== input.id, { path: ["targetId"], message: "Choose another one" });

export const taxonomySearchSchema = searchTextSchema();
