/**
 * /search?q=… rendered for whoever asks: a search asked for the first time, or with the
 * result cache off (server.ts sends repeated ones to the cached pages/search/view/[query].tsx;
 * lib/search/requests.ts). Served without React in the browser.
 */
import type { GetServerSideProps } from "next";
import { SearchPage, searchPageProps, type SearchPageData } from "@/components/public/search-page";
import { getPageChrome } from "@/lib/data/page-chrome";
import { searchSite } from "@/lib/search";
import { parseSearchParams } from "@/lib/search/query";

export const config = { unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<SearchPageData> = async ({ query }) => {
  const request = parseSearchParams(query);
  const [results, chrome] = await Promise.all([searchSite(request), getPageChrome()]);
  // Past the last page of results: the address leads nowhere (as on the archive and listings).
  if (results.page > results.pageCount) return { notFound: true };
  return { props: searchPageProps({ request, results, chrome }) };
};

export default SearchPage;
