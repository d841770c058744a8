import Link from "next/link";
import { CiteThis } from "@/components/public/cite-this";
import { PublicationList } from "@/components/public/publication-list";
import { ShareLinks } from "@/components/public/share-links";
import type { PublicationDetail, PublicationListItem } from "@/lib/data/publications";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/format/bytes";
import { formatLongDate } from "@/lib/format/dates";
import { readingMinutes } from "@/lib/format/numbers";
import { mediaUrl } from "@/lib/format/paths";
import { imageSrcSet } from "@/lib/media/variants";

export const canonicalUrl = (slug: string) => `${env.SITE_URL}/publications/${slug}`;

/** Shown as "updated" only when edited a day or more after publishing. */
function updatedDate(publication: PublicationDetail): Date | null {
  if (!publication.publishedAt) return null;
  return publication.updatedAt.getTime() - publication.publishedAt.getTime() > 24 * 3600 * 1000
    ? publication.updatedAt
    : null;
}

/** One publication as readers see it: the public page and the private preview both render this. */
export function PublicationArticle({
  publication,
  related,
}: {
  publication: PublicationDetail;
  related: PublicationListItem[];
}) {
  const url = canonicalUrl(publication.slug);
  const updated = updatedDate(publication);
  const authors = publication.authors.map(({ author }) => author);

  const structuredData = {
    "@context": "https://schema.org",
    "@type": publication.type.slug === "report" ? "Report" : "Article",
    headline: publication.title,
    description: publication.summary,
    url,
    mainEntityOfPage: url,
    datePublished: publication.publishedAt?.toISOString(),
    dateModified: publication.updatedAt.toISOString(),
    author: authors.map((author) => ({
      "@type": "Person",
      name: author.name,
      jobTitle: author.title || undefined,
      url: `${env.SITE_URL}/authors/${author.slug}`,
    })),
    publisher: { "@type": "Organization", name: env.SITE_NAME, url: env.SITE_URL },
    articleSection: publication.categories.map(({ category }) => category.name),
    wordCount: publication.wordCount,
  };

  return (
    <article className="publication">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(structuredData).replace(/</g, "\\u003c") }}
      />
      {publication.series && (
        <p className="mb-4 text-sm">
          <Link href={`/series/${publication.series.slug}`} className="text-accent underline">
            ← Return to {publication.series.name}
          </Link>
        </p>
      )}
      <p className="text-xs font-semibold uppercase tracking-wide text-muted">{publication.type.name}</p>
      <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">{publication.title}</h1>

      <p className="mt-3 text-sm text-muted">
        {publication.publishedAt && (
          <time dateTime={publication.publishedAt.toISOString()}>{formatLongDate(publication.publishedAt)}</time>
        )}
        {updated && (
          <>
            {" · Updated "}
            <time dateTime={updated.toISOString()}>{formatLongDate(updated)}</time>
          </>
        )}
        {" · "}
        {readingMinutes(publication.wordCount)} min read
      </p>

      {publication.categories.length > 0 && (
        <ul aria-label="Topics" className="mt-3 flex flex-wrap gap-2 text-sm">
          {publication.categories.map(({ category }) => (
            <li key={category.slug}>
              <Link
                href={`/categories/${category.slug}`}
                className="rounded-full bg-gray-100 px-3 py-1 text-ink hover:underline"
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      )}

      {authors.length > 0 && (
        <ul aria-label="Authors" className="mt-5 space-y-1">
          {authors.map((author) => (
            <li key={author.slug}>
              <Link href={`/authors/${author.slug}`} className="font-semibold hover:underline">
                {author.name}
              </Link>
              {(author.title || author.affiliation) && (
                <span className="block text-sm text-muted">
                  {[author.title, author.affiliation].filter(Boolean).join(" at ")}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      {publication.featuredImage && (
        <figure className="mt-8">
          {/* eslint-disable-next-line @next/next/no-img-element -- stored media, dimensions known */}
          <img
            src={mediaUrl(publication.featuredImage.storageKey)}
            srcSet={imageSrcSet(publication.featuredImage)}
            // The article column: max-w-5xl (64rem) less its padding.
            sizes="(min-width: 64rem) 62rem, 100vw"
            alt={publication.featuredImage.alt}
            width={publication.featuredImage.width ?? undefined}
            height={publication.featuredImage.height ?? undefined}
            className="h-auto w-full"
          />
          {(publication.featuredImageCaption || publication.featuredImageCredit) && (
            <figcaption className="mt-2 text-sm text-muted">
              {publication.featuredImageCaption}{" "}
              {publication.featuredImageCredit && <span className="italic">{publication.featuredImageCredit}</span>}
            </figcaption>
          )}
        </figure>
      )}

      {publication.summary && <p className="mt-8 text-lg leading-relaxed">{publication.summary}</p>}

      {publication.pdf && (
        <p className="mt-6">
          <a
            href={mediaUrl(publication.pdf.storageKey)}
            className="inline-flex rounded bg-accent px-4 py-2 font-semibold text-white"
            download
          >
            Download PDF ({formatBytes(publication.pdf.sizeBytes)})
          </a>
        </p>
      )}

      {/* bodyHtml is rendered and sanitized on the server before it is stored. */}
      <div
        className="prose-body mt-8 max-w-prose font-serif text-lg"
        dangerouslySetInnerHTML={{ __html: publication.bodyHtml }}
      />

      <p className="print-only mt-8 text-sm">Read online: {url}</p>
      <ShareLinks url={url} title={publication.title} />
      <CiteThis
        citation={{
          title: publication.title,
          authors: authors.map((author) => ({ name: author.name, familyFirst: author.nameOrder === "FAMILY_FIRST" })),
          publishedAt: publication.publishedAt ?? publication.createdAt,
          siteName: env.SITE_NAME,
          url,
          typeName: publication.type.name,
        }}
      />

      {related.length > 0 && (
        <section aria-labelledby="related-heading" className="related mt-12">
          <h2 id="related-heading" className="font-serif text-2xl font-bold">
            Related publications
          </h2>
          <PublicationList publications={related} showSummary={false} />
        </section>
      )}
    </article>
  );
}
