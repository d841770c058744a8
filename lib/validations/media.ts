/**
 * Media library input: the list query of GET /api/admin/media, and the details staff write
 * for an item (upload form, edit form, picker).
 */
import { z } from "zod";
import { searchTextSchema } from "./common";

const MEDIA_KINDS = ["IMAGE", "PDF", "AUDIO"] as const;
const MEDIA_PAGE_SIZE = 24;

/** URL parameters arrive as "" when a form leaves them empty: treat that as absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const mediaListQuerySchema = z.object({
  kind: optional(z.enum(MEDIA_KINDS, { error: "kind must be IMAGE, PDF or AUDIO" })),
  q: optional(searchTextSchema()).transform((value) => value ?? ""),
  /** The id of the last item of the previous page (keyset pagination, newest first). */
  cursor: optional(
    z.coerce.number({ error: "cursor must be a number" }).int().positive("cursor must be a positive id"),
  ),
  limit: optional(z.coerce.number().int().min(1).max(100)).transform((value) => value ?? MEDIA_PAGE_SIZE),
});

export type MediaListQuery = z.infer<typeof mediaListQuerySchema>;

export const ALT_REQUIRED_MESSAGE =
  "Describe the image for readers who cannot see it (alt text is required for images).";

export const mediaDetailsSchema = z.object({
  alt: z.string().trim().max(1000, "Alt text is at most 1,000 characters"),
  caption: z.string().trim().max(2000, "The caption is at most 2,000 characters"),
  credit: z.string().trim().max(300, "The credit is at most 300 characters"),
});

export type MediaDetails = z.infer<typeof mediaDetailsSchema>;

/** Reads the details from a form; absent fields are empty. */
export function mediaDetailsFromForm(form: FormData): Record<keyof MediaDetails, unknown> {
  const field = (name: string) => {
    const value = form.get(name);
    return value === null ? "" : value;
  };
  return { alt: field("alt"), caption: field("caption"), credit: field("credit") };
}
