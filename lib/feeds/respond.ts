import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { TAXONOMY } from "@/lib/taxonomy/kinds";
import { slugSchema } from "@/lib/validations/common";
import { buildAtom, buildJsonFeed, buildRss, type FeedChannel, type FeedItem } from "./build";
import { absoluteUrl, getFeedItems, type FeedScope } from "./query";

export type FeedFormat = "rss" | "atom" | "json";

/** Each format's file name (beside the page it mirrors), serializer and media type. */
const FORMATS: Record<
  FeedFormat,
  { fileName: string; build: (channel: FeedChannel, items: FeedItem[]) => string; contentType: string }
> = {
  rss: { fileName: "feed.xml", build: buildRss, contentType: "application/rss+xml; charset=utf-8" },
  atom: { fileName: "atom.xml", build: buildAtom, contentType: "application/atom+xml; charset=utf-8" },
  json: { fileName: "feed.json", build: buildJsonFeed, contentType: "application/feed+json; charset=utf-8" },
};

// Feed readers and crawlers poll often; shared caches may serve a copy for five minutes,
// and a stale one for an hour while they refetch.
export const PUBLIC_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

/** The plain-text 404 of the feed and sitemap routes (briefly cacheable: the slug may appear later). */
export function notFoundResponse(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}

/**
 * The GET handler of an author's, topic's or series' feed route
 * (app/(public)/<kind>/[slug]/<file>/route.ts); feedResponse validates the slug.
 */
export function termFeedRoute(format: FeedFormat, kind: "category" | "author" | "series") {
  return async (_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> =>
    feedResponse(format, { kind, slug: (await params).slug });
}

/**
 * The feed of a scope in one format, or a plain-text 404 when the scope does not exist.
 *
 * The feed routes run this per request (`dynamic = "force-dynamic"`) instead of being
 * prerendered and revalidated: `next build` runs without a database (Dockerfile), and one
 * build serves other databases and SITE_URLs than the build saw (npm start, end-to-end
 * runs). Caching is left to HTTP, through PUBLIC_CACHE_CONTROL.
 */
export async function feedResponse(format: FeedFormat, scope: FeedScope): Promise<Response> {
  // A slug that could not be one (a NUL byte, other bytes PostgreSQL refuses, traversal) is
  // a 404 before any query: neither the feed nor the redirect lookup below may see it.
  if (scope.kind !== "site" && !slugSchema.safeParse(scope.slug).success) return notFoundResponse();
  const feed = await getFeedItems(scope);
  const { fileName, build, contentType } = FORMATS[format];
  if (!feed) {
    // A renamed or merged author, topic or series: its feeds follow its page.
    const moved =
      scope.kind !== "site" &&
      (await db.redirect.findUnique({
        where: { fromPath: `${TAXONOMY[scope.kind].publicPath}/${scope.slug}` },
        select: { toPath: true },
      }));
    return moved ? Response.redirect(absoluteUrl(`${moved.toPath}/${fileName}`), 308) : notFoundResponse();
  }
  const pagePath = feed.pagePath === "/" ? "" : feed.pagePath;
  const channel: FeedChannel = {
    title: feed.title,
    description: feed.description,
    siteUrl: absoluteUrl(feed.pagePath),
    feedUrl: absoluteUrl(`${pagePath}/${fileName}`),
    language: "en",
    updated: latestUpdate(feed.items),
    publisher: { name: env.SITE_NAME, url: absoluteUrl("/") },
  };
  return new Response(build(channel, feed.items), {
    headers: { "Content-Type": contentType, "Cache-Control": PUBLIC_CACHE_CONTROL },
  });
}

/** When the feed last changed: its most recently updated item (the epoch for an empty feed, so the output stays stable). */
function latestUpdate(items: FeedItem[]): Date {
  return new Date(Math.max(0, ...items.map((item) => item.updatedAt.getTime())));
}
