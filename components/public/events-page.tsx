import Head from "next/head";
import { EventsListingView } from "@/components/public/events-listing";
import { InlineEnhancements } from "@/components/public/inline-enhancements";
import { SearchForm } from "@/components/public/search-form";
import { SignupPostBox } from "@/components/public/signup-post-form";
import { SiteChrome } from "@/components/public/site-chrome";
import type { EventsPageData } from "@/lib/data/events";
import { reviveDates } from "@/lib/data/revive-dates";
import { env } from "@/lib/env";
import { eventsHref } from "@/lib/validations/events-listing";

/** /events and its filtered views (pages/events/index.tsx, pages/events/view/[query].tsx): a page without React. */
export function EventsPage(props: EventsPageData) {
  const { listing, signupTopics, featuredSeries } = reviveDates(props);
  const canonical = new URL(eventsHref(listing.query), env.SITE_URL).toString();
  const title = `Events | ${env.SITE_NAME}`;
  const description = `Upcoming and past events of ${env.SITE_NAME}: panels, briefings and conferences, with recordings.`;
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={description} />
        <link rel="canonical" href={canonical} />
        <link rel="alternate" type="text/calendar" title={`${env.SITE_NAME} events`} href="/events.ics" />
        <meta property="og:type" content="website" />
        <meta property="og:title" content={title} />
        <meta property="og:url" content={canonical} />
        <meta property="og:site_name" content={env.SITE_NAME} />
      </Head>
      <SiteChrome
        searchBox={<SearchForm />}
        signupBox={<SignupPostBox topics={signupTopics} />}
        featuredSeries={featuredSeries}
      >
        <EventsListingView listing={listing} />
      </SiteChrome>
      <InlineEnhancements />
    </>
  );
}
