import "server-only";
import { db } from "@/lib/db";
import { publicWhere } from "@/lib/data/visibility";
import { publicationHref } from "@/lib/format/paths";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { slugSchema } from "@/lib/validations/common";
import type { FeedItem } from "./build";

/** How many of the latest publications a feed carries. */
const FEED_ITEM_LIMIT = 30;

export type FeedScope = { kind: "site" } | { kind: "category" | "author" | "series"; slug: string };

export type FeedContent = { title: string; description: string; pagePath: string; items: FeedItem[] };

// SITE_URL may be given with a trailing slash; paths always start with one.
const siteBase = env.SITE_URL.replace(/\/+$/, "");

/** The public address of a site path such as "/publications/some-slug". */
export function absoluteUrl(path: string): string {
  return `${siteBase}${path}`;
}

type ResolvedScope = Omit<FeedContent, "items"> & { where: Prisma.PublicationWhereInput };

/** The feed's title, page and filter, or null when the category, author or series does not exist. */
async function resolveScope(scope: FeedScope): Promise<ResolvedScope | null> {
  if (scope.kind === "site") {
    return {
      title: env.SITE_NAME,
      description: `The latest publications from ${env.SITE_NAME}.`,
      pagePath: "/",
      where: {},
    };
  }
  const parsed = slugSchema.safeParse(scope.slug);
  if (!parsed.success) return null;
  const slug = parsed.data;
  const titled = (name: string) => `${name} | ${env.SITE_NAME}`;

  switch (scope.kind) {
    case "category": {
      const category = await db.category.findUnique({
        where: { slug },
        select: { id: true, name: true, description: true },
      });
      if (!category) return null;
      return {
        title: titled(category.name),
        description: category.description || `The latest publications on ${category.name} from ${env.SITE_NAME}.`,
        pagePath: `/categories/${slug}`,
        where: { categories: { some: { categoryId: category.id } } },
      };
    }
    case "author": {
      const author = await db.author.findUnique({ where: { slug }, select: { id: true, name: true } });
      if (!author) return null;
      return {
        title: titled(author.name),
        description: `The latest publications by ${author.name} at ${env.SITE_NAME}.`,
        pagePath: `/authors/${slug}`,
        where: { authors: { some: { authorId: author.id } } },
      };
    }
    case "series": {
      const series = await db.series.findUnique({
        where: { slug },
        select: { id: true, name: true, description: true },
      });
      if (!series) return null;
      return {
        title: titled(series.name),
        description: series.description || `The latest from ${series.name}, a series by ${env.SITE_NAME}.`,
        pagePath: `/series/${slug}`,
        where: { seriesId: series.id },
      };
    }
  }
}

/** The latest publications of a scope, newest first, as feed items; null for an unknown slug. */
export async function getFeedItems(scope: FeedScope): Promise<FeedContent | null> {
  const resolved = await resolveScope(scope);
  if (!resolved) return null;
  const { where, ...channel } = resolved;

  const rows = await db.publication.findMany({
    where: { ...publicWhere(), ...where },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_ITEM_LIMIT,
    select: {
      slug: true,
      type: { select: { slug: true } },
      title: true,
      summary: true,
      bodyHtml: true,
      publishedAt: true,
      updatedAt: true,
      authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true, slug: true } } } },
      categories: { orderBy: { category: { name: "asc" } }, select: { category: { select: { name: true } } } },
    },
  });

  const items = rows.map((row): FeedItem => {
    const url = absoluteUrl(publicationHref(row.slug, row.type.slug));
    // Never null here (the filter requires a date); the fallback only satisfies the type.
    const publishedAt = row.publishedAt ?? row.updatedAt;
    return {
      id: url,
      url,
      title: row.title,
      summary: row.summary,
      contentHtml: row.bodyHtml,
      publishedAt,
      // A publication scheduled after its last edit was still "updated" when it went out.
      updatedAt: row.updatedAt > publishedAt ? row.updatedAt : publishedAt,
      authors: row.authors.map(({ author }) => ({ name: author.name, url: absoluteUrl(`/authors/${author.slug}`) })),
      categories: row.categories.map(({ category }) => category.name),
    };
  });
  return { ...channel, items };
}
