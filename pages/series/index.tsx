/**
 * /series: every series, the featured one (the institute's blog, "The Peninsula" in the
 * demo) first and larger, each with its description, count and newest publication.
 * Rendered once, then served from the page cache; no framework JavaScript in the browser.
 */
import type { GetStaticProps } from "next";
import { PlainPage, type PlainPageChrome } from "@/components/public/plain-page";
import { PublicationLink } from "@/components/public/publication-link";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { readPageChrome } from "@/lib/data/page-chrome";
import { reviveDates } from "@/lib/data/revive-dates";
import { readSeriesIndex, type SeriesIndexEntry } from "@/lib/data/taxonomy";
import { db } from "@/lib/db";
import { formatLongDate } from "@/lib/format/dates";
import { pluralize } from "@/lib/format/numbers";

export const config = { unstable_runtimeJS: false };

type Props = { series: SeriesIndexEntry[]; chrome: PlainPageChrome };

export const getStaticProps: GetStaticProps<Props> = async () => {
  const [series, chrome] = await Promise.all([readSeriesIndex(db), readPageChrome(db)]);
  return { props: JSON.parse(JSON.stringify({ series, chrome })) as Props, revalidate: PUBLIC_REVALIDATE_SECONDS };
};

function SeriesEntry({ entry, lead }: { entry: SeriesIndexEntry; lead: boolean }) {
  return (
    <article className={lead ? "grid gap-6 md:grid-cols-5" : "flex h-full flex-col"}>
      {entry.imageUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- staff's image for the series, decorative
        <img
          src={entry.imageUrl}
          alt=""
          width={lead ? 960 : 480}
          height={lead ? 540 : 270}
          loading={lead ? "eager" : "lazy"}
          className={`aspect-[16/9] h-auto w-full bg-gray-100 object-cover ${lead ? "md:col-span-3" : ""}`}
        />
      )}
      <div className={lead && entry.imageUrl ? "md:col-span-2" : ""}>
        {entry.featured && (
          <p className="text-xs font-semibold uppercase tracking-widest text-accent">Featured series</p>
        )}
        <h2 className={`mt-1 font-serif font-bold leading-tight ${lead ? "text-3xl" : "text-xl"}`}>
          <a href={`/series/${entry.slug}`} className="hover:underline">
            {entry.name}
          </a>
        </h2>
        <p className="mt-1 text-sm text-muted">{pluralize(entry.count, "publication")}</p>
        {entry.description && <p className="mt-3 leading-relaxed">{entry.description}</p>}
        {entry.newest && (
          <p className="mt-3 text-sm">
            <span className="font-semibold">Latest: </span>
            <PublicationLink
              slug={entry.newest.slug}
              typeSlug={entry.newest.type.slug}
              className="text-accent underline underline-offset-2"
            >
              {entry.newest.title}
            </PublicationLink>
            {entry.newest.publishedAt && (
              <span className="text-muted">
                {" · "}
                <time dateTime={entry.newest.publishedAt.toISOString()}>
                  {formatLongDate(entry.newest.publishedAt)}
                </time>
              </span>
            )}
          </p>
        )}
      </div>
    </article>
  );
}

export default function SeriesIndexPage(props: Props) {
  const { series, chrome } = reviveDates(props);
  const [first, ...rest] = series;
  const lead = first?.featured ? first : null;
  const others = lead ? rest : series;
  return (
    <PlainPage
      title="Series"
      description="The institute's series: its blog, paper series and podcasts."
      path="/series"
      chrome={chrome}
    >
      <header className="max-w-3xl">
        <p className="text-xs font-semibold uppercase tracking-widest text-muted">Research</p>
        <h1 className="mt-1 font-serif text-4xl font-bold leading-tight">Series</h1>
      </header>
      {lead && (
        <div className="mt-8 border-b border-rule pb-10">
          <SeriesEntry entry={lead} lead />
        </div>
      )}
      <ul className="mt-10 grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
        {others.map((entry) => (
          <li key={entry.slug}>
            <SeriesEntry entry={entry} lead={false} />
          </li>
        ))}
      </ul>
    </PlainPage>
  );
}
