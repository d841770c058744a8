/**
 * Site search as the rest of the app sees it: a small interface, so that the PostgreSQL
 * implementation (postgres-engine.ts) could be joined or replaced by an external engine
 * without touching the page, the suggest endpoint or the tests' expectations.
 */
import type { ArchiveFilters } from "@/lib/validations/archive";
import type { SynonymUse } from "./synonyms";

export const SEARCH_SORTS = ["relevance", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_PAGE_SIZE = 20;
/** Results one query can page through (as Elasticsearch's max_result_window); filters narrow further. */
export const MAX_BROWSABLE_RESULTS = 1000;

export type SearchRequest = {
  /** Cleaned by cleanQuery(); "" lists everything. */
  query: string;
  filters: ArchiveFilters;
  sort: SearchSort;
  page: number;
};

export type FacetKey = "type" | "category" | "author" | "series" | "year";
/** `value` is what the URL carries: a slug, or a year. */
export type FacetValue = { value: string; label: string; count: number };
export type Facets = Record<FacetKey, FacetValue[]>;

/** A stretch of a snippet; `match` marks words the query matched (shown in <mark>). */
export type SnippetPart = { text: string; match: boolean };

export type SearchHit = {
  id: number;
  slug: string;
  title: string;
  publishedAt: Date | null;
  type: { name: string; slug: string };
  series: { name: string; slug: string } | null;
  authors: Array<{ name: string; slug: string }>;
  categories: Array<{ name: string; slug: string }>;
  snippet: SnippetPart[];
  /** Set when only the attached PDF matched: the page the snippet comes from… */
  pdfPage?: number;
  /** …and the PDF's address, opening at that page ("/media/…/report.pdf#page=2"). */
  pdfHref?: string;
};

/** An author, topic or series whose name resembles the query. */
export type NameMatch = { kind: "author" | "category" | "series"; name: string; slug: string };

/**
 * Why a non-empty query could not be run: it had no searchable words (only punctuation
 * or words like "the"), or only exclusions ("-korea").
 */
export type QueryProblem = "no-searchable-words" | "only-exclusions";

export type SearchResults = {
  /** The query the results are for; the corrected one when `correctedFrom` is set. */
  query: string;
  /** What was typed, when it found nothing and the results are for a correction. */
  correctedFrom: string | null;
  /** "Did you mean …": a query that finds more, offered when this one finds little. */
  suggestion: string | null;
  /** Synonyms the query was searched with: "Including results for “North Korea” (DPRK)". */
  synonyms: SynonymUse[];
  problem: QueryProblem | null;
  total: number;
  /** Large result sets are counted from a fixed sample of the archive: "About 92,000". */
  totalIsEstimate: boolean;
  facetsAreEstimates: boolean;
  page: number;
  /** Pages that can be opened: capped at MAX_BROWSABLE_RESULTS. */
  pageCount: number;
  hits: SearchHit[];
  facets: Facets;
  names: NameMatch[];
};

export type Suggestion = { kind: "title" | "author" | "category"; label: string; href: string };

export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResults>;
  /** Search-as-you-type: a few titles, authors and topics for what has been typed so far. */
  suggest(prefix: string): Promise<Suggestion[]>;
  close(): Promise<void>;
}
