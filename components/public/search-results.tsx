import { PublicationLink } from "@/components/public/publication-link";
import { formatLongDate } from "@/lib/format/dates";
import type { SearchHit, SnippetPart } from "@/lib/search/engine";
import { formatPdfPlace } from "@/lib/search/format";

/** One page of search results: type, title, date, authors, topics and a snippet with the matched words marked. */
export function SearchResultList({ hits }: { hits: SearchHit[] }) {
  return (
    <ol className="divide-y divide-rule">
      {hits.map((hit) => (
        <li key={hit.id} className="py-5">
          <article>
            <p className="text-xs font-semibold uppercase tracking-wide text-muted">
              {hit.type.name}
              {hit.series && <> · {hit.series.name}</>}
            </p>
            <h2 className="mt-1 font-serif text-xl font-bold leading-snug">
              <PublicationLink slug={hit.slug} typeSlug={hit.type.slug} className="hover:underline">
                {hit.title}
              </PublicationLink>
            </h2>
            <p className="mt-1 text-sm text-muted">
              {hit.publishedAt && (
                <time dateTime={hit.publishedAt.toISOString()}>{formatLongDate(hit.publishedAt)}</time>
              )}
              {hit.authors.length > 0 && (
                <>
                  {" · "}
                  <LinkList items={hit.authors} basePath="/authors" />
                </>
              )}
              {hit.categories.length > 0 && (
                <>
                  {" · "}
                  <LinkList items={hit.categories} basePath="/categories" />
                </>
              )}
            </p>
            {hit.snippet.length > 0 && (
              <p className="mt-2 leading-relaxed">
                {hit.pdfPage !== undefined && hit.pdfHref !== undefined && (
                  <>
                    <a href={hit.pdfHref} className="text-sm font-semibold text-muted underline underline-offset-2">
                      {formatPdfPlace(hit.pdfPage)}
                    </a>
                    <span className="text-sm font-semibold text-muted">: </span>
                  </>
                )}
                <Snippet parts={hit.snippet} />
              </p>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}

/** Plain <a>, as in the facets: the results page runs no React in the browser. */
function LinkList({ items, basePath }: { items: Array<{ name: string; slug: string }>; basePath: string }) {
  return items.map((item, index) => (
    <span key={item.slug}>
      {index > 0 && ", "}
      <a href={`${basePath}/${item.slug}`} className="underline-offset-2 hover:underline">
        {item.name}
      </a>
    </span>
  ));
}

/** Text parts are rendered as text (React escapes them); matches in <mark>. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return parts.map((part, index) =>
    part.match ? (
      <mark key={index} className="rounded-sm bg-yellow-200 px-0.5 text-ink">
        {part.text}
      </mark>
    ) : (
      <span key={index}>{part.text}</span>
    ),
  );
}
