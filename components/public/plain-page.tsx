import type { ReactNode } from "react";
import { InlineEnhancements } from "@/components/public/inline-enhancements";
import { PageHead } from "@/components/public/page-head";
import { SearchForm } from "@/components/public/search-form";
import { SignupPostBox } from "@/components/public/signup-post-form";
import { SiteChrome, type FeaturedSeries } from "@/components/public/site-chrome";
import type { SignupTopic } from "@/lib/data/taxonomy";

export type PlainPageChrome = { featuredSeries: FeaturedSeries | null; signupTopics: SignupTopic[] };

/**
 * A public page served without React in the browser (Pages Router, `unstable_runtimeJS:
 * false`, as pages/publications/[slug].tsx): the site's chrome with the HTML search and
 * signup forms, and the one small inline script that enhances them.
 */
export function PlainPage({
  title,
  description,
  path,
  chrome,
  searchQuery,
  children,
}: {
  title: string | null;
  description: string;
  path: string;
  chrome: PlainPageChrome;
  /** What the header's search box shows (the query, on the results page). */
  searchQuery?: string;
  children: ReactNode;
}) {
  return (
    <>
      <PageHead title={title} description={description} path={path} />
      <SiteChrome
        searchBox={<SearchForm initialQuery={searchQuery} />}
        signupBox={<SignupPostBox topics={chrome.signupTopics} />}
        featuredSeries={chrome.featuredSeries}
      >
        {children}
      </SiteChrome>
      <InlineEnhancements />
    </>
  );
}
