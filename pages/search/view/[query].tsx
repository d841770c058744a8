/**
 * A results page asked for again, as server.ts rewrites it (lib/search/requests.ts): the
 * search travels as one path segment (lib/search/cache-key.ts), so each is rendered once and
 * served from the page cache, which drops it with the listings, taxonomy and search tags
 * (lib/cache/tags.mjs) whenever what is public or what queries mean changes. Only keys written
 * as searchCacheKey writes them render; any other is a 404, which the cache does not keep.
 * Served without React in the browser.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { SearchPage, searchPageProps, type SearchPageData } from "@/components/public/search-page";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { getPageChrome } from "@/lib/data/page-chrome";
import { searchSite } from "@/lib/search";
import { searchRequestFromKey } from "@/lib/search/cache-key";

export const config = { unstable_runtimeJS: false };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

export const getStaticProps: GetStaticProps<SearchPageData, { query: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const request = typeof params?.query === "string" ? searchRequestFromKey(params.query) : null;
  if (!request) return { notFound: true, revalidate };
  const [results, chrome] = await Promise.all([searchSite(request), getPageChrome()]);
  if (results.page > results.pageCount) return { notFound: true, revalidate };
  return { props: searchPageProps({ request, results, chrome }), revalidate };
};

export default SearchPage;
