/**
 * The data of a publication's public page, read in the server process: by the page itself
 * (pages/publications/[slug].tsx, on a page-cache miss) and by GET /api/publications/[slug].
 * Free of "server-only" (Next.js refuses it in the Pages Router), like every module it imports.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { publicationPath } from "@/lib/format/paths";
import {
  findPublishedPublication,
  findRedirect,
  findRelatedPublications,
  type PublicationDetail,
  type PublicationListItem,
} from "./publications";
import { readFeaturedSeries, readSignupTopics, type SignupTopic } from "./taxonomy";

export type PublicationPageData = {
  publication: PublicationDetail;
  related: PublicationListItem[];
  /** The topics the page's signup box offers. */
  signupTopics: SignupTopic[];
  /** The series the main navigation links. */
  featuredSeries: { slug: string; name: string } | null;
};

/** Found, or not: `movedTo` when the publication's slug changed. */
export type PublicationPageLookup = { found: true; data: PublicationPageData } | { found: false; movedTo?: string };

export async function loadPublicationPage(database: DatabaseClient, slug: string): Promise<PublicationPageLookup> {
  const publication = await findPublishedPublication(database, slug);
  if (!publication) {
    const movedTo = await findRedirect(database, publicationPath(slug));
    return movedTo ? { found: false, movedTo } : { found: false };
  }
  const [related, signupTopics, featuredSeries] = await Promise.all([
    findRelatedPublications(database, publication.id),
    readSignupTopics(database),
    readFeaturedSeries(database),
  ]);
  return {
    found: true,
    data: {
      publication,
      related,
      signupTopics,
      featuredSeries: featuredSeries && { slug: featuredSeries.slug, name: featuredSeries.name },
    },
  };
}
