import Link from "next/link";
import type { PublicationListItem } from "@/lib/data/publications";
import { formatLongDate } from "@/lib/format/dates";

export function PublicationList({ publications }: { publications: PublicationListItem[] }) {
  return (
    <ol className="divide-y divide-rule">
      {publications.map((publication) => (
        <li key={publication.id} className="py-5">
          <article>
            <p className="text-xs font-semibold uppercase tracking-wide text-muted">{publication.type.name}</p>
            <h3 className="mt-1 font-serif text-xl font-bold">
              <Link href={`/publications/${publication.slug}`} className="hover:underline">
                {publication.title}
              </Link>
            </h3>
            <p className="mt-1 text-sm text-muted">
              {publication.publishedAt && (
                <time dateTime={publication.publishedAt.toISOString()}>{formatLongDate(publication.publishedAt)}</time>
              )}
              {publication.authors.length > 0 && <> · {publication.authors.map(({ author }) => author.name).join(", ")}</>}
            </p>
            {publication.summary && <p className="mt-2 text-base leading-relaxed">{publication.summary}</p>}
          </article>
        </li>
      ))}
    </ol>
  );
}
