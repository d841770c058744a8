/**
 * The home page: one lead story with its image, the featured items, upcoming events, the
 * featured series' latest, the latest publications, topics, a strip of experts and the
 * "Stay Informed" box. Rendered at build time and then once per change (its tags,
 * lib/cache/tags.mjs, under the key "/index"); served without React in the browser, as
 * pages/publications/[slug].tsx, so a phone downloads and runs no framework JavaScript.
 */
import type { GetStaticProps } from "next";
import { EventTeasers } from "@/components/public/event-teasers";
import { CompactList, ExpertStrip, FeaturedGrid, HomeSection, LeadStory } from "@/components/public/home-sections";
import { PlainPage } from "@/components/public/plain-page";
import { TopicCards } from "@/components/public/topic-cards";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadHomePage, type HomePageData } from "@/lib/data/home";
import { reviveDates } from "@/lib/data/revive-dates";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { pluralize } from "@/lib/format/numbers";

export const config = { unstable_runtimeJS: false };

export const getStaticProps: GetStaticProps<HomePageData> = async () => ({
  props: JSON.parse(JSON.stringify(await loadHomePage(db))) as HomePageData,
  revalidate: PUBLIC_REVALIDATE_SECONDS,
});

export default function HomePage(props: HomePageData) {
  const home = reviveDates(props);
  const chrome = {
    featuredSeries: home.featuredSeries && { slug: home.featuredSeries.slug, name: home.featuredSeries.name },
    signupTopics: home.signupTopics,
  };
  return (
    <PlainPage
      title={null}
      description={`Research, commentary and events from ${env.SITE_NAME}.`}
      path="/"
      chrome={chrome}
    >
      <h1 className="sr-only">{env.SITE_NAME}: research, commentary and events</h1>
      {home.lead && (
        <section aria-label="Lead story">
          <LeadStory lead={home.lead} />
        </section>
      )}

      {home.featured.length > 0 && (
        <HomeSection id="featured-heading" title="Featured" className="mt-12">
          <FeaturedGrid items={home.featured} />
        </HomeSection>
      )}

      <div className="mt-12 grid gap-12 lg:grid-cols-3 lg:gap-10">
        {home.events.length > 0 && (
          <HomeSection id="events-heading" title="Upcoming events" more={{ href: "/events", label: "All events" }}>
            <EventTeasers events={home.events} />
          </HomeSection>
        )}
        {home.featuredSeries && home.featuredSeries.items.length > 0 && (
          <HomeSection
            id="featured-series-heading"
            title={home.featuredSeries.name}
            more={{ href: `/series/${home.featuredSeries.slug}`, label: `More from ${home.featuredSeries.name}` }}
          >
            <CompactList items={home.featuredSeries.items} />
          </HomeSection>
        )}
        <HomeSection
          id="latest-heading"
          title="Latest publications"
          more={{ href: "/publications", label: `Total Index: ${pluralize(home.total, "publication")}` }}
          className={home.events.length > 0 ? "" : "lg:col-span-2"}
        >
          <CompactList items={home.latest} />
        </HomeSection>
      </div>

      <HomeSection
        id="topics-heading"
        title="Topics"
        more={{ href: "/categories", label: "All topics" }}
        className="mt-14"
      >
        <TopicCards topics={home.topics} headingLevel={3} showDescription={false} />
      </HomeSection>

      {home.experts.length > 0 && (
        <HomeSection
          id="experts-heading"
          title="Our experts"
          more={{ href: "/experts", label: "Find an expert" }}
          className="mt-14"
        >
          <ExpertStrip experts={home.experts} />
        </HomeSection>
      )}
    </PlainPage>
  );
}
