/**
 * What the editor sends: the fields of a publication (its body is checked separately by
 * lib/content/schema.ts), workflow actions and bulk actions. Shared by the server
 * actions, the autosave route handler and the editor form.
 */
import { z } from "zod";
import type { PublicationStatus } from "@/lib/generated/prisma/client";
import { databaseIdSchema as id, SLUG_PATTERN } from "./common";

/** Every workflow status, in the order the workflow moves through them. */
export const PUBLICATION_STATUSES = [
  "DRAFT",
  "IN_REVIEW",
  "SCHEDULED",
  "PUBLISHED",
  "ARCHIVED",
] as const satisfies readonly PublicationStatus[];
const optionalId = z.union([id, z.null()]).default(null);
const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters`);
const optionalText = (max: number, label: string) =>
  trimmed(max, label)
    .nullish()
    .transform((value) => (value ? value : null));

/** An SEO image override: our media route or an https address. */
const seoImageUrl = optionalText(2000, "SEO image").refine(
  (value) => value === null || /^\/media\/[^/\\]/.test(value) || /^https:\/\/[^\s"'<>]+$/.test(value),
  "SEO image must be a media library file or an https:// address",
);

/** An author credit: an existing author by id, or a new one created by name. */
const authorCreditSchema = z.union([
  z.object({ id }),
  z.object({
    name: z.string().trim().min(2, "A new author needs a name").max(200, "Author names must be at most 200 characters"),
  }),
]);

const publicationFieldsSchema = z.object({
  title: z.string().trim().min(1, "Title is required").max(300, "Title must be at most 300 characters"),
  /** Empty: generated from the title. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(200, "Slug must be at most 200 characters")
    .refine(
      (value) => value === "" || SLUG_PATTERN.test(value),
      "Slug may hold only lower-case letters, digits and single hyphens",
    )
    .default(""),
  summary: trimmed(2000, "Summary").default(""),
  typeId: id,
  seriesId: optionalId,
  categoryIds: z.array(id).max(50, "At most 50 categories").default([]),
  authors: z.array(authorCreditSchema).max(30, "At most 30 authors").default([]),
  featuredImageId: optionalId,
  featuredImageCaption: trimmed(1000, "Caption").default(""),
  featuredImageCredit: trimmed(300, "Credit").default(""),
  pdfId: optionalId,
  /** ISO date-time with offset; when the publication goes (or went) live. */
  publishAt: z
    .union([z.iso.datetime({ offset: true, error: "Publish date must be a date and time" }), z.null()])
    .default(null),
  seoTitle: optionalText(300, "SEO title"),
  seoDescription: optionalText(500, "SEO description"),
  seoImageUrl,
  bodyJson: z.unknown(),
});

export type PublicationFields = z.infer<typeof publicationFieldsSchema>;

/** A save names the version it started from; `null` creates a new publication. */
export const saveRequestSchema = z.object({
  id: z.union([id, z.null()]).default(null),
  expectedVersion: z.coerce.number().int().min(0),
  /**
   * Sent when leaving the page while this tab's previous save is still in flight: that
   * save may already have moved the version on, and this one carries everything it had.
   */
  afterOwnPendingSave: z.boolean().default(false),
  fields: publicationFieldsSchema,
});

const WORKFLOW_ACTIONS = ["submit", "schedule", "publish", "unpublish", "archive", "trash", "restore"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const transitionRequestSchema = z.object({
  id,
  action: z.enum(WORKFLOW_ACTIONS, { error: "Unknown action" }),
  /** For "schedule": when it goes live. */
  publishAt: z.iso.datetime({ offset: true }).nullish(),
});

const BULK_ACTIONS = [
  "publish",
  "unpublish",
  "archive",
  "trash",
  "restore",
] as const satisfies readonly WorkflowAction[];

export const bulkRequestSchema = z.object({
  ids: z.array(id).min(1, "Choose at least one publication").max(200, "At most 200 publications at once"),
  action: z.enum(BULK_ACTIONS, { error: "Unknown action" }),
});
