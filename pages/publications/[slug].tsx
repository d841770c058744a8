/**
 * /publications/[slug]: the most read page, served without React in the browser (README,
 * "The publication page ships no framework JavaScript"). Rendered on first request from
 * the database, then served from the page cache until a change drops its tags
 * (lib/cache/tags.mjs) or an hour passes.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { InlineEnhancements } from "@/components/public/inline-enhancements";
import { PublicationArticle } from "@/components/public/publication-article";
import { PublicationHead } from "@/components/public/publication-head";
import { SearchForm } from "@/components/public/search-form";
import { SignupPostBox } from "@/components/public/signup-post-form";
import { SiteChrome } from "@/components/public/site-chrome";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadPublicationPage, type PublicationPageData } from "@/lib/data/publication-page";
import { reviveDates } from "@/lib/data/revive-dates";
import { db } from "@/lib/db";
import { EVENT_TYPE_SLUG, eventPath } from "@/lib/format/paths";
import { slugSchema } from "@/lib/validations/common";

export const config = { unstable_runtimeJS: false };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

/** The publication, a 308 to its new address when its slug changed, or a 404. */
export const getStaticProps: GetStaticProps<PublicationPageData, { slug: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const slug = slugSchema.safeParse(params?.slug);
  if (!slug.success) return { notFound: true, revalidate };
  const lookup = await loadPublicationPage(db, slug.data);
  // An event's page is at /events/<slug>: its publication address leads there.
  if (lookup.found && lookup.data.publication.type.slug === EVENT_TYPE_SLUG) {
    return { redirect: { destination: eventPath(slug.data), permanent: true }, revalidate };
  }
  // Props cross to the page as JSON: dates become ISO strings, revived once when rendering.
  if (lookup.found) return { props: JSON.parse(JSON.stringify(lookup.data)) as PublicationPageData, revalidate };
  if (lookup.movedTo) return { redirect: { destination: lookup.movedTo, permanent: true }, revalidate };
  return { notFound: true, revalidate };
};

export default function PublicationPage(props: PublicationPageData) {
  const { publication, related, signupTopics, featuredSeries } = reviveDates(props);
  return (
    <>
      <PublicationHead publication={publication} />
      <SiteChrome
        searchBox={<SearchForm />}
        signupBox={<SignupPostBox topics={signupTopics} />}
        featuredSeries={featuredSeries}
      >
        <PublicationArticle publication={publication} related={related} />
      </SiteChrome>
      <InlineEnhancements />
    </>
  );
}
