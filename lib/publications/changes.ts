/** What a publication write changed for readers (pure: lib/publications/effects.ts acts on it). */
import type { PublicChange } from "@/lib/cache/changes";
import { isPublic, type VisibilityFields } from "@/lib/data/visibility";

/** A publication's state as far as readers are concerned. */
export type PublicationState = VisibilityFields & { slug: string };

/**
 * What readers see changed when a publication went from `before` to `after` (null: did not
 * exist): its page at either slug and every list, when it was or is public; and, when it
 * stopped being public, the related reading on other pages that may link it.
 */
export function changeOfPublication(
  before: PublicationState | null,
  after: PublicationState | null,
  now = new Date(),
): PublicChange {
  const wasPublic = before !== null && isPublic(before, now);
  const nowPublic = after !== null && isPublic(after, now);
  if (!wasPublic && !nowPublic) return {};
  const slugs = [before?.slug, after?.slug].filter((slug): slug is string => slug !== undefined);
  return { publications: [...new Set(slugs)], listings: true, ...(wasPublic && !nowPublic && { removals: true }) };
}
