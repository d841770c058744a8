/**
 * /events/[slug]: one event, served without React in the browser like the publication page
 * (pages/publications/[slug].tsx): rendered on first request, then served from the page
 * cache until a change drops its tags (`publication:<slug>`, lib/cache/tags.mjs), the
 * event's start, close of registration or end (lib/events/jobs.ts), or an hour passes.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { EventArticle, eventUrl } from "@/components/public/event-article";
import { EventEnhancements } from "@/components/public/event-enhancements";
import { InlineEnhancements } from "@/components/public/inline-enhancements";
import { PublicationHead } from "@/components/public/publication-head";
import { SearchForm } from "@/components/public/search-form";
import { SignupPostBox } from "@/components/public/signup-post-form";
import { SiteChrome } from "@/components/public/site-chrome";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadEventPage, type EventPageData } from "@/lib/data/events";
import { reviveDates } from "@/lib/data/revive-dates";
import { db } from "@/lib/db";
import { slugSchema } from "@/lib/validations/common";

export const config = { unstable_runtimeJS: false };

type Props = { data: EventPageData; renderedAt: Date };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

/** The event, a 308 to its new address (a renamed event, or a publication of another type), or a 404. */
export const getStaticProps: GetStaticProps<Props, { slug: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const slug = slugSchema.safeParse(params?.slug);
  if (!slug.success) return { notFound: true, revalidate };
  const lookup = await loadEventPage(db, slug.data);
  // Props cross to the page as JSON: dates become ISO strings, revived once when rendering.
  if (lookup.found) {
    return { props: JSON.parse(JSON.stringify({ data: lookup.data, renderedAt: new Date() })) as Props, revalidate };
  }
  if (lookup.movedTo) return { redirect: { destination: lookup.movedTo, permanent: true }, revalidate };
  return { notFound: true, revalidate };
};

export default function EventPage(props: Props) {
  const { data, renderedAt } = reviveDates(props);
  return (
    <>
      <PublicationHead publication={data.publication} url={eventUrl(data.publication.slug)} ogType="website" />
      <SiteChrome
        searchBox={<SearchForm />}
        signupBox={<SignupPostBox topics={data.signupTopics} />}
        featuredSeries={data.featuredSeries}
      >
        <EventArticle data={data} now={renderedAt} />
      </SiteChrome>
      <InlineEnhancements />
      <EventEnhancements />
    </>
  );
}
