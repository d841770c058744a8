import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getPublishedPublication } from "@/lib/data/publications";
import { formatLongDate } from "@/lib/format/dates";
import { readingMinutes } from "@/lib/format/numbers";

type Props = { params: Promise<{ slug: string }> };

const slugSchema = z.string().max(200).regex(/^[a-z0-9-]+$/);

async function loadPublication(params: Props["params"]) {
  const parsed = slugSchema.safeParse((await params).slug);
  if (!parsed.success) notFound();
  return (await getPublishedPublication(parsed.data)) ?? notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const publication = await loadPublication(params);
  return { title: publication.title, description: publication.summary };
}

export default async function PublicationPage({ params }: Props) {
  const publication = await loadPublication(params);
  return (
    <article>
      <p className="text-xs font-semibold uppercase tracking-wide text-muted">{publication.type.name}</p>
      <h1 className="mt-2 font-serif text-4xl font-bold leading-tight">{publication.title}</h1>
      <p className="mt-3 text-sm text-muted">
        {publication.publishedAt && (
          <time dateTime={publication.publishedAt.toISOString()}>{formatLongDate(publication.publishedAt)}</time>
        )}{" "}
        · {readingMinutes(publication.wordCount)} min read
      </p>
      {publication.authors.length > 0 && (
        <ul className="mt-4 space-y-1 text-sm">
          {publication.authors.map(({ author }) => (
            <li key={author.slug}>
              <span className="font-semibold">{author.name}</span>
              {author.title && (
                <span className="text-muted">
                  {" "}
                  — {author.title}
                  {author.affiliation && ` at ${author.affiliation}`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {publication.summary && <p className="mt-6 text-lg leading-relaxed">{publication.summary}</p>}
      {/* bodyHtml is rendered and sanitized on the server before it is stored. */}
      <div className="prose-body mt-8 max-w-prose font-serif text-lg" dangerouslySetInnerHTML={{ __html: publication.bodyHtml }} />
      <p className="mt-10">
        <Link href="/" className="text-accent underline">
          Back to the latest publications
        </Link>
      </p>
    </article>
  );
}
