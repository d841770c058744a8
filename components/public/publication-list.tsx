import Link from "next/link";
import { PublicationLink } from "@/components/public/publication-link";
import type { PublicationListItem } from "@/lib/data/publications";
import { formatLongDate } from "@/lib/format/dates";

type Props = { publications: PublicationListItem[]; headingLevel?: 2 | 3; showSummary?: boolean };

export function PublicationList({ publications, headingLevel = 3, showSummary = true }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="divide-y divide-rule">
      {publications.map((publication) => (
        <li key={publication.id} className="py-5">
          <article>
            <p className="text-xs font-semibold uppercase tracking-wide text-muted">
              {publication.type.name}
              {publication.series && <> · {publication.series.name}</>}
            </p>
            <Heading className="mt-1 font-serif text-xl font-bold leading-snug">
              <PublicationLink slug={publication.slug} typeSlug={publication.type.slug} className="hover:underline">
                {publication.title}
              </PublicationLink>
            </Heading>
            <p className="mt-1 text-sm text-muted">
              {publication.publishedAt && (
                <time dateTime={publication.publishedAt.toISOString()}>{formatLongDate(publication.publishedAt)}</time>
              )}
              {publication.authors.length > 0 && (
                <>
                  {" · "}
                  {publication.authors.map(({ author }, index) => (
                    <span key={author.slug}>
                      {index > 0 && ", "}
                      <Link href={`/authors/${author.slug}`} className="underline-offset-2 hover:underline">
                        {author.name}
                      </Link>
                    </span>
                  ))}
                </>
              )}
            </p>
            {showSummary && publication.summary && <p className="mt-2 leading-relaxed">{publication.summary}</p>}
          </article>
        </li>
      ))}
    </ol>
  );
}
