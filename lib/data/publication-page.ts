/**
 * The data of a publication's public page, as GET /api/publications/[slug] answers it and
 * pages/publications/[slug].tsx renders it. No server-only imports: the Pages Router page
 * cannot load the data layer (lib/db is App Router server code), so it asks the server.
 */
import { ownOrigin } from "@/lib/http/own-origin";
import type { PublicationDetail, PublicationListItem } from "./publications";
import { reviveDates } from "./revive-dates";

export type PublicationPageData = {
  publication: PublicationDetail;
  related: PublicationListItem[];
  /** The topics the page's signup box offers. */
  signupTopics: Array<{ slug: string; name: string }>;
};

/** The 404 answer: `movedTo` when the publication's slug changed. */
export type PublicationPageMissing = { message: string; movedTo?: string };

export const publicationPagePath = (slug: string) => `/api/publications/${encodeURIComponent(slug)}`;

export type PublicationPageLookup = { found: true; data: PublicationPageData } | { found: false; movedTo?: string };

/** Asks this server for a publication's page data; throws when it cannot answer (the page then shows the error page). */
export async function fetchPublicationPage(slug: string): Promise<PublicationPageLookup> {
  const response = await fetch(new URL(publicationPagePath(slug), ownOrigin()), {
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status === 404) {
    const missing = (await response.json()) as PublicationPageMissing;
    return { found: false, movedTo: missing.movedTo };
  }
  if (!response.ok) throw new Error(`${publicationPagePath(slug)} answered ${response.status}`);
  return { found: true, data: reviveDates((await response.json()) as PublicationPageData) };
}
