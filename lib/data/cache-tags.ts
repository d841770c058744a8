/**
 * Cache tags for public reads. Anything that changes what the public sees of a
 * publication revalidates PUBLICATIONS_TAG (lists, counts, feeds) and its own tag.
 */
export const PUBLICATIONS_TAG = "publications";
export const TAXONOMY_TAG = "taxonomy";

export const publicationTag = (slug: string) => `publication:${slug}`;

/** How long cached public data may be served before a background refresh, in seconds. */
export const PUBLIC_REVALIDATE_SECONDS = 3600;
