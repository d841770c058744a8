/** Site addresses that code in several layers builds (the public URL contract: DESIGN.md). */

export const publicationPath = (slug: string) => `/publications/${slug}`;
