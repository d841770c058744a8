import type { ReactNode } from "react";
import { Portrait } from "@/components/public/portrait";
import { PublicationLink } from "@/components/public/publication-link";
import { TeaserFigure } from "@/components/public/teaser-figure";
import type { ExpertCard as ExpertCardData } from "@/lib/data/experts";
import type { PublicationListItem } from "@/lib/data/publications";
import type { PublicationTeaser } from "@/lib/data/teasers";
import { formatLongDate } from "@/lib/format/dates";

/** A home page section: a rule, a serif heading with an optional "more" link, then the content. */
export function HomeSection({
  id,
  title,
  more,
  children,
  className = "",
}: {
  id: string;
  title: ReactNode;
  more?: { href: string; label: string };
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={id} className={`border-t-2 border-ink pt-4 ${className}`}>
      <div className="mb-5 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={id} className="font-serif text-2xl font-bold">
          {title}
        </h2>
        {more && (
          <a href={more.href} className="text-sm font-semibold text-accent underline-offset-4 hover:underline">
            {more.label}
          </a>
        )}
      </div>
      {children}
    </section>
  );
}

/** "Commentary · The Peninsula": what a publication is, above its title. */
function Kicker({ item }: { item: PublicationListItem }) {
  return (
    <p className="text-xs font-semibold uppercase tracking-widest text-muted">
      {item.type.name}
      {item.series && <> · {item.series.name}</>}
    </p>
  );
}

/** Date and authors under a title. */
export function Byline({ item }: { item: PublicationListItem }) {
  return (
    <p className="mt-2 text-sm text-muted">
      {item.publishedAt && <time dateTime={item.publishedAt.toISOString()}>{formatLongDate(item.publishedAt)}</time>}
      {item.authors.length > 0 && (
        <>
          {item.publishedAt && " · "}
          {item.authors.map(({ author }, index) => (
            <span key={author.slug}>
              {index > 0 && ", "}
              <a href={`/authors/${author.slug}`} className="underline-offset-2 hover:underline">
                {author.name}
              </a>
            </span>
          ))}
        </>
      )}
    </p>
  );
}

/** The story a page leads with: its image (caption, credit) beside a large headline and summary. */
export function LeadStory({ lead, headingLevel = 2 }: { lead: PublicationTeaser; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <article className="grid gap-6 md:grid-cols-12 md:gap-8">
      {lead.featuredImage && (
        <div className="md:col-span-7">
          <TeaserFigure teaser={lead} sizes="(min-width: 64rem) 36rem, (min-width: 48rem) 58vw, 100vw" eager />
        </div>
      )}
      <div className={lead.featuredImage ? "md:col-span-5" : "md:col-span-12 max-w-3xl"}>
        <Kicker item={lead} />
        <Heading className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">
          <PublicationLink slug={lead.slug} typeSlug={lead.type.slug} className="hover:underline">
            {lead.title}
          </PublicationLink>
        </Heading>
        {lead.summary && <p className="mt-4 text-lg leading-relaxed">{lead.summary}</p>}
        <Byline item={lead} />
      </div>
    </article>
  );
}

/** Featured items in a row of cards, each with its image when it has one. */
export function FeaturedGrid({ items }: { items: PublicationTeaser[] }) {
  return (
    <ul className="grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-4">
      {items.map((item) => (
        <li key={item.id}>
          <article>
            {item.featuredImage && (
              <div className="mb-3">
                <TeaserFigure
                  teaser={item}
                  sizes="(min-width: 64rem) 15rem, (min-width: 40rem) 50vw, 100vw"
                  showCaption={false}
                />
              </div>
            )}
            <Kicker item={item} />
            <h3 className="mt-1 font-serif text-lg font-bold leading-snug">
              <PublicationLink slug={item.slug} typeSlug={item.type.slug} className="hover:underline">
                {item.title}
              </PublicationLink>
            </h3>
            <Byline item={item} />
          </article>
        </li>
      ))}
    </ul>
  );
}

/** Titles with their dates: the latest publications, the featured series' newest posts. */
export function CompactList({ items }: { items: PublicationListItem[] }) {
  return (
    <ol className="divide-y divide-rule">
      {items.map((item) => (
        <li key={item.id} className="py-4 first:pt-0">
          <article>
            <Kicker item={item} />
            <h3 className="mt-1 font-serif text-lg font-bold leading-snug">
              <PublicationLink slug={item.slug} typeSlug={item.type.slug} className="hover:underline">
                {item.title}
              </PublicationLink>
            </h3>
            <Byline item={item} />
          </article>
        </li>
      ))}
    </ol>
  );
}

/** A strip of experts: portrait, name and title, linking to each profile. */
export function ExpertStrip({ experts }: { experts: ExpertCardData[] }) {
  return (
    <ul className="grid grid-cols-2 gap-x-6 gap-y-8 sm:grid-cols-3 lg:grid-cols-6">
      {experts.map((expert) => (
        <li key={expert.slug} className="flex flex-col items-center text-center">
          <Portrait person={expert} size={112} />
          <h3 className="mt-3 font-serif text-base font-bold leading-snug">
            <a href={`/authors/${expert.slug}`} className="hover:underline">
              {expert.name}
            </a>
          </h3>
          {expert.title && <p className="mt-0.5 text-sm text-muted">{expert.title}</p>}
        </li>
      ))}
    </ul>
  );
}
