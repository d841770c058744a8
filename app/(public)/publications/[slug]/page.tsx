import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { z } from "zod";
import { canonicalUrl, PublicationArticle } from "@/components/public/publication-article";
import { getPublishedPublication, getRedirect, getRelatedPublications, type PublicationDetail } from "@/lib/data/publications";
import { env } from "@/lib/env";
import { mediaUrl } from "@/lib/media/url";

// Rendered on first request, then served from cache until content changes (tags) or an hour passes.
export const revalidate = 3600;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

const slugSchema = z.string().min(1).max(200).regex(/^[a-z0-9-]+$/);

/** The publication, a 308 to its new address when its slug changed, or a 404. */
async function loadPublication(params: Props["params"]): Promise<PublicationDetail> {
  const parsed = slugSchema.safeParse((await params).slug);
  if (!parsed.success) notFound();
  const publication = await getPublishedPublication(parsed.data);
  if (publication) return publication;
  const movedTo = await getRedirect(`/publications/${parsed.data}`);
  if (movedTo) permanentRedirect(movedTo);
  notFound();
}


export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // The page itself answers 404s and redirects; answering them here too doubles the Location header.
  const parsed = slugSchema.safeParse((await params).slug);
  const publication = parsed.success ? await getPublishedPublication(parsed.data) : null;
  if (!publication) return {};
  const title = publication.seoTitle || publication.title;
  const description = publication.seoDescription || publication.summary;
  const image = publication.seoImageUrl || (publication.featuredImage ? mediaUrl(publication.featuredImage.storageKey) : undefined);
  return {
    title,
    description,
    alternates: { canonical: canonicalUrl(publication.slug) },
    openGraph: {
      type: "article",
      title,
      description,
      url: canonicalUrl(publication.slug),
      siteName: env.SITE_NAME,
      publishedTime: publication.publishedAt?.toISOString(),
      modifiedTime: publication.updatedAt.toISOString(),
      authors: publication.authors.map(({ author }) => `${env.SITE_URL}/authors/${author.slug}`),
      tags: publication.categories.map(({ category }) => category.name),
      images: image ? [{ url: image }] : undefined,
    },
    twitter: { card: image ? "summary_large_image" : "summary", title, description, images: image ? [image] : undefined },
  };
}

export default async function PublicationPage({ params }: Props) {
  const publication = await loadPublication(params);
  const related = await getRelatedPublications(publication.id);
  return <PublicationArticle publication={publication} related={related} />;
}
