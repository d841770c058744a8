import { z } from "zod";

export const listingSlugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** `?page=` of a listing page; anything malformed means page 1. */
export function parseListingPage(searchParams: Record<string, string | string[] | undefined>): number {
  const raw = searchParams.page;
  return pageSchema.parse(Array.isArray(raw) ? raw[0] : (raw ?? 1));
}

export function listingHref(basePath: string, page: number): string {
  return page > 1 ? `${basePath}?page=${page}` : basePath;
}
