import Head from "next/head";
import Link from "next/link";
import { Pagination } from "@/components/public/pagination";
import { PlainPage, type PlainPageChrome } from "@/components/public/plain-page";
import { ActiveSearchFilters, SearchFacets, SearchSortLinks } from "@/components/public/search-facets";
import { SearchResultList } from "@/components/public/search-results";
import { pluralize } from "@/lib/format/numbers";
import type { NameMatch, SearchRequest, SearchResults } from "@/lib/search/engine";
import { formatResultCount, formatSynonymNote } from "@/lib/search/format";
import { searchHref } from "@/lib/search/query";

/** What the results page renders from: the request, its results and the site's chrome (as JSON: dates are strings). */
export type SearchPageData = { request: SearchRequest; results: SearchResults; chrome: PlainPageChrome };

/** The page's data as props: plain JSON, which Next.js requires of page props. */
export function searchPageProps(data: SearchPageData): SearchPageData {
  return JSON.parse(JSON.stringify(data)) as SearchPageData;
}

/**
 * /search?q=…: rendered per request the first time a search is asked for
 * (pages/search/index.tsx), then from the page cache (pages/search/view/[query].tsx; see
 * lib/search/requests.ts). Served without React in the browser, like the publication page:
 * the header's box gets its suggestions from the inline enhancements, and facets, sorting
 * and pages are links.
 */
export function SearchPage(data: SearchPageData) {
  const { request, chrome } = data;
  const results = reviveDates(data.results);
  const current = { query: results.query, filters: request.filters, sort: request.sort };
  const hrefFor = (page: number) => searchHref({ ...current, page });
  return (
    <PlainPage
      title={results.query ? `Search: ${results.query}` : "Search"}
      description="Search all of the institute's publications."
      path={searchHref({ ...current, page: results.page })}
      chrome={chrome}
      searchQuery={request.query}
    >
      <Head>
        {/* Result pages change with every publication: crawlers should follow them, not index them. */}
        <meta name="robots" content="noindex, follow" />
      </Head>
      <h1 className="font-serif text-3xl font-bold">{results.query ? "Search results" : "Search All Site Content"}</h1>
      <p className="mt-2 text-muted" role="status">
        {summaryLine(results, Object.keys(request.filters).length > 0)}
      </p>
      <QueryNotes results={results} request={request} />
      {results.names.length > 0 && <NameMatches names={results.names} />}
      <div className="mt-6 grid gap-8 md:grid-cols-[15rem_1fr]">
        <div>
          <SearchFacets facets={results.facets} current={current} estimates={results.facetsAreEstimates} />
        </div>
        <section aria-label="Search results" className="min-w-0">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <ActiveSearchFilters facets={results.facets} current={current} />
            {results.query && results.total > 1 && <SearchSortLinks current={current} />}
          </div>
          <ResultsBody results={results} filtered={Object.keys(request.filters).length > 0} query={results.query} />
          <Pagination page={results.page} pageCount={results.pageCount} hrefFor={hrefFor} />
        </section>
      </div>
    </PlainPage>
  );
}

/** Page props arrive as JSON: the hits' dates as strings. */
function reviveDates(results: SearchResults): SearchResults {
  return {
    ...results,
    hits: results.hits.map((hit) => ({ ...hit, publishedAt: hit.publishedAt ? new Date(hit.publishedAt) : null })),
  };
}

/** "1,234 results for “korea”", or with no query "Total Index: 6,262 publications". */
function summaryLine(results: SearchResults, filtered: boolean): string {
  if (!results.query) {
    return filtered || results.totalIsEstimate
      ? `${results.totalIsEstimate ? "About " : ""}${pluralize(results.total, "publication")}`
      : `Total Index: ${pluralize(results.total, "publication")}`;
  }
  if (results.problem) return `No results for “${results.query}”`;
  return `${formatResultCount(results.total, results.totalIsEstimate)} for “${results.query}”`;
}

function QueryNotes({
  results,
  request,
}: {
  results: SearchResults;
  request: { filters: object; sort: "relevance" | "newest" };
}) {
  const link = (query: string) => searchHref({ query, filters: request.filters, sort: request.sort });
  return (
    <>
      {results.correctedFrom && (
        <p className="mt-2">
          No results for “{results.correctedFrom}”. Showing results for <strong>{results.query}</strong> instead.
        </p>
      )}
      {results.synonyms.length > 0 && <p className="mt-2 text-muted">{formatSynonymNote(results.synonyms)}</p>}
      {results.suggestion && (
        <p className="mt-2">
          Did you mean{" "}
          <Link href={link(results.suggestion)} className="font-semibold text-accent underline">
            {results.suggestion}
          </Link>
          ?
        </p>
      )}
      {results.problem === "no-searchable-words" && (
        <p className="mt-2">
          Your search has no words that can be searched for (only very common words or punctuation). Try more specific
          words.
        </p>
      )}
      {results.problem === "only-exclusions" && (
        <p className="mt-2">
          Excluding words with “-” works only alongside a word to look for, such as: sanctions -russia.
        </p>
      )}
    </>
  );
}

const NAME_KINDS: Record<NameMatch["kind"], { label: string; path: string }> = {
  author: { label: "Author", path: "/authors" },
  category: { label: "Topic", path: "/categories" },
  series: { label: "Series", path: "/series" },
};

/** Authors, topics and series named like the query: straight to their pages. */
function NameMatches({ names }: { names: NameMatch[] }) {
  return (
    <nav aria-label="Matching authors and topics" className="mt-4">
      <ul className="flex flex-wrap gap-3 text-sm">
        {names.map((name) => (
          <li key={`${name.kind}-${name.slug}`}>
            <Link
              href={`${NAME_KINDS[name.kind].path}/${name.slug}`}
              className="inline-flex gap-2 rounded border border-rule px-3 py-1.5 hover:bg-gray-100"
            >
              <span className="text-muted">{NAME_KINDS[name.kind].label}:</span>{" "}
              <span className="font-semibold text-accent">{name.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ResultsBody({ results, filtered, query }: { results: SearchResults; filtered: boolean; query: string }) {
  if (results.hits.length > 0) return <SearchResultList hits={results.hits} />;
  if (results.problem) return null;
  return (
    <div className="py-6">
      <p>No publications match {query ? "this search" : "these filters"}.</p>
      <p className="mt-2 text-muted">
        Check the spelling, try fewer or more general words
        {filtered && (
          <>
            , or{" "}
            <Link href={searchHref({ query, filters: {} })} className="text-accent underline">
              search without filters
            </Link>
          </>
        )}
        .
      </p>
    </div>
  );
}
