import Head from "next/head";
import { canonicalUrl } from "@/components/public/publication-article";
import type { PublicationDetail } from "@/lib/data/publications";
import { env } from "@/lib/env";
import { mediaUrl } from "@/lib/format/paths";

/**
 * A publication page's <head> (Pages Router, next/head): title, description, canonical
 * URL, OpenGraph and Twitter cards, with staff's SEO overrides first.
 */
export function PublicationHead({
  publication,
  url = canonicalUrl(publication.slug),
  ogType = "article",
}: {
  publication: PublicationDetail;
  /** The canonical address: an event's is its /events/ page. */
  url?: string;
  ogType?: string;
}) {
  const title = publication.seoTitle || publication.title;
  const description = publication.seoDescription || publication.summary;
  const imagePath =
    publication.seoImageUrl || (publication.featuredImage ? mediaUrl(publication.featuredImage.storageKey) : undefined);
  const image = imagePath ? new URL(imagePath, env.SITE_URL).toString() : undefined;
  return (
    <Head>
      <title>{`${title} | ${env.SITE_NAME}`}</title>
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {description && <meta name="description" content={description} />}
      <link rel="canonical" href={url} />
      <meta property="og:type" content={ogType} />
      <meta property="og:title" content={title} />
      {description && <meta property="og:description" content={description} />}
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={env.SITE_NAME} />
      {image && <meta property="og:image" content={image} />}
      {publication.publishedAt && (
        <meta property="article:published_time" content={publication.publishedAt.toISOString()} />
      )}
      <meta property="article:modified_time" content={publication.updatedAt.toISOString()} />
      {publication.authors.map(({ author }) => (
        <meta key={author.slug} property="article:author" content={`${env.SITE_URL}/authors/${author.slug}`} />
      ))}
      {publication.categories.map(({ category }) => (
        <meta key={category.slug} property="article:tag" content={category.name} />
      ))}
      <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
      <meta name="twitter:title" content={title} />
      {description && <meta name="twitter:description" content={description} />}
      {image && <meta name="twitter:image" content={image} />}
    </Head>
  );
}
