/** The query string of the staff's publications list (/admin/publications). */
import { z } from "zod";
import { databaseIdSchema, firstValue, searchTextSchema } from "./common";
import { PUBLICATION_STATUSES } from "./publication";

export const ADMIN_PAGE_SIZE = 25;
const MAX_PAGE = 1000;

export const ADMIN_SORTS = ["updated", "published", "title", "created"] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];
export const SORT_LABELS: Record<AdminSort, string> = {
  updated: "Recently updated",
  published: "Publish date",
  title: "Title (A–Z)",
  created: "Recently created",
};

/** The list's query string; anything malformed falls back to its default rather than failing. */
const adminPublicationQuerySchema = z.object({
  q: z.preprocess(firstValue, searchTextSchema().default("")),
  status: z.preprocess(firstValue, z.enum(PUBLICATION_STATUSES).optional().catch(undefined)),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)),
  type: z.preprocess(firstValue, databaseIdSchema.optional().catch(undefined)),
  author: z.preprocess(firstValue, databaseIdSchema.optional().catch(undefined)),
  category: z.preprocess(firstValue, databaseIdSchema.optional().catch(undefined)),
  /** Absent: most recently updated first. */
  sort: z.preprocess(firstValue, z.enum(ADMIN_SORTS).optional().catch(undefined)),
  /** "trash": the publications moved to the trash, instead of all the others. */
  view: z.preprocess(firstValue, z.enum(["trash"]).optional().catch(undefined)),
});

export type AdminPublicationQuery = z.infer<typeof adminPublicationQuerySchema>;

export function parseAdminPublicationQuery(
  searchParams: Record<string, string | string[] | undefined>,
): AdminPublicationQuery {
  return adminPublicationQuerySchema.parse(searchParams);
}
