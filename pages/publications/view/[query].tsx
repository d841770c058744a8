/**
 * /publications (rewritten by next.config.js to the key "all", or "page%3DN" for a page
 * number alone) and /publications?type=…&category=…&author=…&series=…&year=…&page=…
 * (rewritten by proxy.ts): the query travels as one path segment, so each filter set and
 * page is rendered once and served from the page cache until content changes (the
 * listings and taxonomy tags, lib/cache/tags.mjs) or an hour passes. A page without React
 * in the browser: the filter form is a plain GET form. Only keys those rewrites write
 * (canonicalArchiveQuery), naming terms that exist and a page that exists, render; any other
 * answers 404, which the page cache does not keep (lib/cache/memory-cache-handler.mjs), so
 * made-up addresses cost a render each but never memory.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { ArchiveView } from "@/components/public/archive-view";
import { PlainPage } from "@/components/public/plain-page";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadArchivePage, type ArchivePageData } from "@/lib/data/archive";
import { reviveDates } from "@/lib/data/revive-dates";
import { env } from "@/lib/env";
import { canonicalArchiveQuery } from "@/lib/validations/archive";

export const config = { unstable_runtimeJS: false };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

export const getStaticProps: GetStaticProps<ArchivePageData, { query: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const query = typeof params?.query === "string" ? canonicalArchiveQuery(params.query) : null;
  const data = query && (await loadArchivePage(query));
  if (!data) return { notFound: true, revalidate };
  return { props: JSON.parse(JSON.stringify(data)) as ArchivePageData, revalidate };
};

export default function ArchivePage(props: ArchivePageData) {
  const { chrome, ...view } = reviveDates(props);
  return (
    <PlainPage
      title="Publications"
      description={`Every publication of ${env.SITE_NAME}, by type, topic, author, series and year.`}
      // Every filter set and page names the archive itself as the canonical address.
      path="/publications"
      chrome={chrome}
    >
      <ArchiveView {...view} />
    </PlainPage>
  );
}
