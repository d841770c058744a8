/**
 * Site search on PostgreSQL full-text search, over the "SearchDocument" table that the
 * database's triggers keep current (prisma/migrations/*_search/migration.sql).
 *
 * How one search runs, and why it stays fast on a million publications:
 *  - Matching is a GIN lookup on the body vector (title, summary, body and names), and on
 *    the attached PDF's words (the pdf vector: no positions; a phrase is checked on its pages).
 *    The text indexes also hold the topic and author ids, so that a filtered search reads
 *    only the rows that pass its filter.
 *    Phrases are loosened to "all of these words" for the index and checked on the
 *    candidates only: the index stores no word positions, so checking a phrase means
 *    reading a body vector (kilobytes of TOAST), and the small head vector is tried first.
 *  - Counts and facets come from the matched rows' narrow columns. A probe on a fixed
 *    1-in-256 sample of the archive sizes the result set. A small set is then counted and
 *    ranked exactly in one pass; a large one is counted on the 1-in-16 or 1-in-256 sample
 *    (shown as an estimate: "About 92,000 results"), so "korea" on a million publications
 *    reads some 4,000 rows rather than 900,000.
 *  - Ranking reads the small head vector (title > names > summary) and recency, and puts
 *    matches in the attached PDF alone after the others. A large set
 *    ranks its newest head matches (a bounded candidate set), followed by its other matches,
 *    newest first.
 *  - Snippets (ts_headline) are made for the rows shown only, from the summary when it
 *    matches and otherwise from a window of the body around the first match, or from the
 *    first page of the PDF that matches ("in the PDF, page 2") when only the PDF does.
 * The engine owns a small connection pool whose sessions run without JIT (compiling costs
 * more than these queries take) and never sequentially scan the search table (the planner
 * cannot see that testing a body vector means reading its TOAST).
 */
import { createHash } from "node:crypto";
import pg from "pg";
import {
  MAX_BROWSABLE_RESULTS,
  SEARCH_PAGE_SIZE,
  type FacetKey,
  type Facets,
  type NameMatch,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
  type SearchResults,
  type SearchSort,
  type Suggestion,
} from "./engine";
import { PUBLIC_SEARCH_DOCUMENT_SQL } from "@/lib/data/visibility";
import { log } from "@/lib/log";
import { mediaUrl, publicationHref } from "@/lib/format/paths";
import { FILTER_KEYS, SLUG_FILTER_KEYS } from "@/lib/validations/archive";
import { analyzeTsQuery, cleanQuery, queryWords, withHangulPieces, type TsQueryShape } from "./query";
import { MATCH_END, MATCH_START, snippetParts } from "./snippet";
import { expandQuery, synonymEntries, type ExpandedQuery } from "./synonyms";
import { bestCorrection, deletions, foldWord, maxEditDistance, type CorrectionCandidate } from "./typos";

const CONFIG = "quire_english";
/** Result sets with up to this many candidates are counted and ranked exactly. */
const EXACT_CANDIDATES = 2000;
/** …fewer for phrases, whose candidates are checked one by one against their bodies. */
const EXACT_PHRASE_CANDIDATES = 500;
/** The archive's fixed samples (see search_sample_markers in the migration). */
const COARSE_SAMPLE = { marker: "'~ 1/256'", rate: 256 };
const FINE_SAMPLE = { marker: "'~ 1/16'", rate: 16 };
/** The fine sample is used while it holds no more candidates than this. */
const FINE_SAMPLE_CANDIDATES = 512;
/** Bounds the coarse probe; only an archive of several million would reach it. */
const PROBE_CAP = 20_000;
/** An estimated total resting on fewer sampled rows than this is recounted exactly. */
const MIN_SAMPLED_HITS = 50;
/** How many of the newest head matches a large result set ranks: three per result asked for, within bounds. */
const HEAD_CANDIDATES = { perResult: 3, min: 60, max: 1000 };
/**
 * Costs (µs per row, measured on a million publications) that choose between walking
 * newest-first and collecting all matches: walking tests each row it passes, its body
 * (read from TOAST) or its inline head; collecting reads each match's row through the index.
 */
const COST = { bodyCheck: 16, headCheck: 1.5, matchedRow: 6, rankedRow: 8 };
/** "Did you mean" is offered when a query finds fewer results than this. */
const FEW_RESULTS = 3;
/** Title > author, topic, series and type names > summary: the weights of D, C, B, A. */
const RANK_WEIGHTS = "{0.1, 0.4, 0.7, 1.0}";
/** Recency adds up to 0.1, halving after a year: a title match outranks a newer summary match. */
const RECENCY = `0.1 / (1 + extract(epoch FROM now() - d."publishedAt") / 31557600.0)`;
const HEADLINE_OPTIONS = `MaxFragments=2, MaxWords=22, MinWords=10, ShortWord=2, FragmentDelimiter=" … ", StartSel="${MATCH_START}", StopSel="${MATCH_END}"`;
/** A match in the attached PDF alone ranks below every match in the publication itself. */
const PDF_ONLY_PENALTY = 1;
/** The stretch of body around its first match that ts_headline reads, in characters. */
const SNIPPET_WINDOW = { before: 120, length: 450 };
/** The opening of a body (characters) where its first match is looked for before the whole body. */
const SNIPPET_BODY_OPENING = 2000;

type Queryable = Pick<pg.PoolClient, "query">;
type Sample = typeof COARSE_SAMPLE;

/**
 * Runs a statement as a named prepared statement, so that each connection plans it once.
 * Only for statements whose best plan does not depend on the query's words (the hits of a
 * page, counts on the GIN index): a generic plan could walk the date index for a rare word.
 */
function queryPrepared<Row extends pg.QueryResultRow>(
  client: Queryable,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<Row>> {
  const name = `search_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  return client.query<Row>({ name, text, values });
}

/** Positional parameters for one SQL statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** What is searched: the query (null when listing everything) and the filters, by id. */
type Match = {
  tsquery: string | null;
  shape: TsQueryShape | null;
  filters: Partial<Record<FacetKey, number>>;
  /** Rows in the search table (the planner's figure): turns an estimated total into a share. */
  archiveSize: number;
};

type Counts = {
  total: number;
  /** Matches in a title, name or summary (the head), with the filters: sizes the ranking's work. */
  headTotal: number;
  /** Rows the index yields with the filters, before phrases are checked: sizes the work of collecting them. */
  candidates: number;
  totalIsEstimate: boolean;
  facetsAreEstimates: boolean;
  facets: Facets;
};

export type PostgresSearchOptions = { connectionString: string; maxConnections?: number };

/** Synonyms as matched against queries (see synonyms.ts). */
type SynonymEntries = ReturnType<typeof synonymEntries>;

export function createPostgresSearchEngine(options: PostgresSearchOptions): SearchEngine {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: "-c jit=off -c enable_seqscan=off -c TimeZone=UTC -c statement_timeout=15000",
  });
  // An idle connection dropped by the server must not take the process down with it.
  pool.on("error", (error) => log.error({ err: error }, "Search database connection lost"));

  async function withClient<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /** Authors, topics and series named like the query: looked up on a second connection meanwhile. */
  function namesFor(request: SearchRequest): Promise<NameMatch[]> {
    if (!request.query || request.page !== 1) return Promise.resolve([]);
    return withClient((client) => resemblingNames(client, request.query)).catch((error: unknown) => {
      log.error({ err: error }, "Looking up names for search failed");
      return [];
    });
  }

  const synonyms: Synonyms = { entries: [], stamp: null };

  async function search(request: SearchRequest): Promise<SearchResults> {
    const names = namesFor(request);
    const results = await withClient((client) => searchWithCorrection(client, request, synonyms));
    return results.correctedFrom
      ? { ...results, names: await namesFor({ ...request, query: results.query }) }
      : { ...results, names: await names };
  }

  return {
    search,
    suggest: (prefix) => withClient((client) => suggest(client, prefix)),
    close: () => pool.end(),
  };
}

/**
 * Staff's synonyms as this process last read them, and the stamp of the table then: its row
 * count and last change, which every search reads with its query (prepare), so that a change
 * made here or on another server is read again before the first search that follows it, and
 * a result page cached after a change never reflects the old synonyms.
 */
type Synonyms = { entries: SynonymEntries; stamp: string | null };

/** Changes when a synonym is added, edited or removed. */
const SYNONYMS_STAMP_SQL = `SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "SearchSynonym"`;

async function readSynonyms(client: Queryable, synonyms: Synonyms, stamp: string): Promise<void> {
  try {
    const { rows } = await client.query<{ term: string; alternatives: string[] | null; twoWay: boolean }>(
      `SELECT term, alternatives, "twoWay" FROM "SearchSynonym" ORDER BY id`,
    );
    synonyms.entries = synonymEntries(rows.map((row) => ({ ...row, alternatives: row.alternatives ?? [] })));
  } catch (error) {
    // The search goes on with the synonyms read before; the next change is read again.
    log.error({ err: error }, "Reading search synonyms failed");
  }
  synonyms.stamp = stamp;
}

/** The search, and when it finds little, "Did you mean"; when it finds nothing, the correction's results. */
async function searchWithCorrection(
  client: Queryable,
  request: SearchRequest,
  synonyms: Synonyms,
): Promise<SearchResults> {
  const results = await searchOnce(client, request, synonyms);
  if (!request.query || results.problem || results.total >= FEW_RESULTS) return results;
  const suggestion = await correction(client, request.query, results.total);
  if (!suggestion) return results;
  if (results.total > 0) return { ...results, suggestion };
  return { ...(await searchOnce(client, { ...request, query: suggestion }, synonyms)), correctedFrom: request.query };
}

async function searchOnce(client: Queryable, request: SearchRequest, synonyms: Synonyms): Promise<SearchResults> {
  let expanded = expandQuery(request.query, synonyms.entries);
  let prepared = await prepare(client, request, expanded);
  if (request.query && prepared.synonymsStamp !== synonyms.stamp) {
    // The synonyms changed since they were read: read them, and parse the query again with them.
    await readSynonyms(client, synonyms, prepared.synonymsStamp);
    expanded = expandQuery(request.query, synonyms.entries);
    prepared = await prepare(client, request, expanded);
  }
  const { match, problem } = prepared;
  const results: SearchResults = {
    query: request.query,
    correctedFrom: null,
    suggestion: null,
    synonyms: expanded.uses,
    problem,
    total: 0,
    totalIsEstimate: false,
    facetsAreEstimates: false,
    page: request.page,
    pageCount: 1,
    hits: [],
    facets: emptyFacets(),
    names: [],
  };
  if (problem) return results;
  const offset = (request.page - 1) * SEARCH_PAGE_SIZE;
  const { counts, ids } = await countAndRank(client, match, request.sort, offset);
  const hits = await loadHits(client, ids, match);
  const { total, totalIsEstimate, facetsAreEstimates, facets } = counts;
  const pageCount = Math.max(1, Math.ceil(Math.min(total, MAX_BROWSABLE_RESULTS) / SEARCH_PAGE_SIZE));
  return { ...results, total, totalIsEstimate, facetsAreEstimates, facets, pageCount, hits };
}

/**
 * Parses the query, turns the filters' slugs into ids, reads the archive's size and the
 * synonyms' stamp: one round trip.
 */
async function prepare(
  client: Queryable,
  request: SearchRequest,
  expanded: ExpandedQuery,
): Promise<{ match: Match; problem: SearchResults["problem"]; synonymsStamp: string }> {
  const { rows } = await client.query<{
    tsquery: string | null;
    indexable: string | null;
    archiveSize: number;
    type: number | null;
    category: number | null;
    author: number | null;
    series: number | null;
    synonymsStamp: string;
  }>(
    `SELECT q::text AS tsquery, querytree(q) AS indexable, (${SYNONYMS_STAMP_SQL}) AS "synonymsStamp",
            (SELECT greatest(reltuples, 1)::float8 FROM pg_class WHERE oid = '"SearchDocument"'::regclass) AS "archiveSize",
            (SELECT id FROM "PublicationType" WHERE slug = $2) AS type,
            (SELECT id FROM "Category" WHERE slug = $3) AS category,
            (SELECT id FROM "Author" WHERE slug = $4) AS author,
            (SELECT id FROM "Series" WHERE slug = $5) AS series
       FROM (SELECT CASE WHEN $1 = '' THEN NULL
                         WHEN $7::jsonb IS NULL THEN websearch_to_tsquery('${CONFIG}', $6)
                         ELSE search_synonym_query($7::jsonb) END AS q) parsed`,
    [
      request.query,
      request.filters.type ?? null,
      request.filters.category ?? null,
      request.filters.author ?? null,
      request.filters.series ?? null,
      withHangulPieces(request.query),
      expanded.branches.length > 0
        ? JSON.stringify(
            expanded.branches.map((branch) => ({
              rest: withHangulPieces(branch.rest),
              groups: branch.groups.map((group) => group.map(withHangulPieces)),
            })),
          )
        : null,
    ],
  );
  const row = rows[0]!;
  const filters: Match["filters"] = {};
  for (const key of SLUG_FILTER_KEYS) {
    // An unknown slug is a filter nothing passes, as in the archive.
    if (request.filters[key] !== undefined) filters[key] = row[key] ?? -1;
  }
  if (request.filters.year !== undefined) filters.year = request.filters.year;
  const tsquery = request.query && row.tsquery ? row.tsquery : null;
  const match: Match = {
    tsquery,
    shape: tsquery ? analyzeTsQuery(tsquery) : null,
    filters,
    archiveSize: row.archiveSize,
  };
  const synonymsStamp = row.synonymsStamp;
  if (request.query && !row.tsquery) return { match, problem: "no-searchable-words", synonymsStamp };
  if (request.query && row.indexable === "T") return { match, problem: "only-exclusions", synonymsStamp };
  return { match, problem: null, synonymsStamp };
}

// --- SQL pieces ------------------------------------------------------------------------

/**
 * Conditions that select the candidates: visible, and (with a query) matching it through
 * the GIN index, restricted to a sample when one is given. Phrases are loosened here.
 */
function candidateWhere(params: Params, match: Match, sample?: Sample): string {
  const conditions = [PUBLIC_SEARCH_DOCUMENT_SQL];
  const marker = sample ? params.add(sample.marker, "::tsquery") : null;
  if (match.shape) {
    const query = params.add(match.shape.loosened, "::tsquery");
    conditions.push(textMatch(marker ? `(${query} && ${marker})` : query));
    conditions.push(...exclusionsAcrossPdf(params, match));
  } else if (marker) {
    conditions.push(`d.body @@ ${marker}`);
  }
  return conditions.join(" AND ");
}

/** The body or the attached PDF's words match (@@: each through its GIN index). */
function textMatch(query: string): string {
  return `(d.body @@ ${query} OR d.pdf @@ ${query})`;
}

/**
 * An excluded word ("sanctions -russia") excludes a publication wherever it occurs: a body
 * that names Russia is not found through its PDF, nor a PDF that does through the body.
 * Checked on the body and the PDF's words together, for publications with a PDF only; the
 * loosened query, since the PDF's words have no positions.
 */
function exclusionsAcrossPdf(params: Params, match: Match): string[] {
  if (!match.shape?.hasNegation) return [];
  return [`(d.pdf IS NULL OR ts_match_vq(d.body || d.pdf, ${params.add(match.shape.loosened, "::tsquery")}))`];
}

/**
 * Whether a candidate has the phrase. Function calls rather than @@, so that the planner
 * does not try to answer this from an index; the inline head is read before the body.
 */
function phraseCheck(params: Params, match: Match): string {
  if (!match.shape?.hasPhrase) return "true";
  const query = params.add(match.tsquery, "::tsquery");
  return `(ts_match_vq(d.head, ${query}) OR ts_match_vq(d.body, ${query}) OR ${pdfPageMatch(query)})`;
}

/**
 * A page of the attached PDF has the phrase: the pdf vector keeps no positions (a phrase
 * never matches it), each page's vector does, or the phrase runs on from the page to the
 * next. Read only for candidates with a PDF.
 */
function pdfPageMatch(query: string): string {
  return `(d.pdf IS NOT NULL AND EXISTS (
             SELECT 1 FROM "Publication" attaching JOIN "MediaPage" mp ON mp."mediaId" = attaching."pdfId"
              WHERE attaching.id = d."publicationId" AND (ts_match_vq(mp.vector, ${query}) OR ${pageSeamMatch("mp", query)})))`;
}

/** The characters on either side of a page break that a phrase running across it is looked for in. */
const PAGE_SEAM = 300;

/** The phrase runs from the end of `page` (a "MediaPage" row) into the start of the next page. */
function pageSeamMatch(page: string, query: string): string {
  return `EXISTS (SELECT 1 FROM "MediaPage" next_page
                   WHERE next_page."mediaId" = ${page}."mediaId" AND next_page.page = ${page}.page + 1
                     AND ts_match_vq(to_tsvector('${CONFIG}', right(${page}.text, ${PAGE_SEAM}) || ' ' || left(next_page.text, ${PAGE_SEAM})), ${query}))`;
}

/**
 * Every match with the filters, for walking newest-first (no loosening: one body read per
 * row). The texts are tested by function calls rather than @@, so that the planner walks
 * the date index: it cannot estimate how many publications a name's words match (they
 * come together), and would collect and sort tens of thousands of rows instead.
 */
function matchWhere(params: Params, match: Match): string {
  const conditions = [PUBLIC_SEARCH_DOCUMENT_SQL];
  if (match.tsquery && match.shape) {
    const query = params.add(match.tsquery, "::tsquery");
    // A phrase cannot match the pdf vector itself: its words do, then a page has the phrase.
    const inPdf = match.shape.hasPhrase
      ? `(ts_match_vq(d.pdf, ${params.add(match.shape.loosened, "::tsquery")}) AND ${pdfPageMatch(query)})`
      : `ts_match_vq(d.pdf, ${query})`;
    conditions.push(`(ts_match_vq(d.body, ${query}) OR (d.pdf IS NOT NULL AND ${inPdf}))`);
    conditions.push(...exclusionsAcrossPdf(params, match));
  }
  return [...conditions, ...Object.values(filterConditions(params, match))].join(" AND ");
}

function filterConditions(params: Params, match: Match): Partial<Record<FacetKey, string>> {
  const { type, category, author, series, year } = match.filters;
  const conditions: Partial<Record<FacetKey, string>> = {};
  if (type !== undefined) conditions.type = `d."typeId" = ${params.add(type)}`;
  if (category !== undefined) conditions.category = `d."categoryIds" @> ARRAY[${params.add(category, "::int")}]`;
  if (author !== undefined) conditions.author = `d."authorIds" @> ARRAY[${params.add(author, "::int")}]`;
  if (series !== undefined) conditions.series = `d."seriesId" = ${params.add(series)}`;
  if (year !== undefined) conditions.year = `d.year = ${params.add(year)}`;
  return conditions;
}

/** The body is read only for publications with a PDF, to tell a match in the PDF alone. */
function scoreOf(query: string): string {
  return `ts_rank('${RANK_WEIGHTS}', d.head, ${query}) + ${RECENCY}
          - CASE WHEN d.pdf IS NOT NULL AND NOT ts_match_vq(d.body, ${query}) THEN ${PDF_ONLY_PENALTY} ELSE 0 END`;
}

// --- Counting and ranking --------------------------------------------------------------

/**
 * The total, the facets and the ids of the requested page. The coarse probe decides how:
 * exactly (small sets, one pass), or on a sample with a bounded ranking (large sets).
 */
async function countAndRank(
  client: Queryable,
  match: Match,
  sort: SearchSort,
  offset: number,
): Promise<{ counts: Counts; ids: number[] }> {
  const page = { sort: match.tsquery ? sort : "newest", offset } as const;
  const exactLimit = match.shape?.hasPhrase ? EXACT_PHRASE_CANDIDATES : EXACT_CANDIDATES;
  const coarse = await countMatches(client, match, { sample: COARSE_SAMPLE, candidateCap: PROBE_CAP });
  const estimatedCandidates = coarse.candidates * COARSE_SAMPLE.rate;
  if (estimatedCandidates <= exactLimit) {
    const exact = await countMatches(client, match, { candidateCap: 4 * exactLimit, page });
    if (!exact.truncated) return { counts: exact.counts, ids: exact.ids };
  }
  let sampled = coarse;
  // The fine sample while it is small, or up to four times that when the coarse one caught
  // too few hits to go by (a rare phrase among common words, or narrow filters): reading a
  // few thousand sampled rows costs less than counting every filtered match.
  const fewHits = coarse.hits < MIN_SAMPLED_HITS;
  const fineCap = (fewHits ? 4 : 2) * FINE_SAMPLE_CANDIDATES;
  const fineWanted = fewHits ? fineCap : FINE_SAMPLE_CANDIDATES;
  if (estimatedCandidates <= FINE_SAMPLE.rate * fineWanted) {
    const fine = await countMatches(client, match, { sample: FINE_SAMPLE, candidateCap: fineCap });
    if (!fine.truncated) sampled = fine;
  }
  let counts = sampled.counts;
  if (!match.tsquery && Object.keys(match.filters).length === 0) {
    // "Total Index: 6,262 publications" is exact: an index-only count of the visible rows.
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "SearchDocument" d WHERE ${PUBLIC_SEARCH_DOCUMENT_SQL}`,
    );
    counts = { ...counts, total: rows[0]!.count, totalIsEstimate: false };
  } else if (sampled.hits < MIN_SAMPLED_HITS && counts.candidates <= 4 * exactLimit) {
    // Filters can leave few of a large set: count those exactly (people page through them).
    const exactTotal = await countExactly(client, match, 4 * exactLimit);
    if (exactTotal !== null) counts = { ...counts, total: exactTotal, totalIsEstimate: false };
  }
  if (counts.total === 0 || offset >= Math.min(counts.total, MAX_BROWSABLE_RESULTS)) return { counts, ids: [] };
  const ids =
    page.sort === "newest"
      ? await newestMatches(client, match, offset + SEARCH_PAGE_SIZE, counts)
      : await rankLargeSet(client, match, offset, counts);
  return { counts, ids: ids.slice(offset, offset + SEARCH_PAGE_SIZE) };
}

type FacetRow = {
  facet: FacetKey | "total" | "head" | "filtered" | "page";
  value: number;
  hits: number;
  candidates: number | null;
  slug: string | null;
  label: string | null;
  position: number | null;
};

/**
 * One pass over the candidates (of a sample, or all of them): the total with every filter,
 * per facet the counts with every filter but its own (so each facet offers alternatives to
 * its current choice), and, when asked, the ids of one page.
 */
async function countMatches(
  client: Queryable,
  match: Match,
  options: { sample?: Sample; candidateCap: number; page?: { sort: SearchSort; offset: number } },
): Promise<{ counts: Counts; candidates: number; truncated: boolean; hits: number; ids: number[] }> {
  const params = new Params();
  const filters = filterConditions(params, match);
  const passes = (key: FacetKey) => `${key}_ok`;
  const filtersBut = (except: FacetKey | null) =>
    FILTER_KEYS.filter((key) => key !== except)
      .map(passes)
      .join(" AND ");
  const allBut = (except: FacetKey | null) => `phrase_ok AND ${filtersBut(except)}`;
  const flags = FILTER_KEYS.map((key) => `${filters[key] ?? "true"} AS ${passes(key)}`).join(", ");
  const relevance = options.page?.sort === "relevance" && match.tsquery;
  // Whether the head matches and the score count only for rows that pass every filter:
  // computed for those alone (a topic filter leaves a fraction of the candidates).
  const passesFilters = Object.values(filters);
  const forFiltered = (expression: string, otherwise: string) =>
    passesFilters.length === 0
      ? expression
      : `CASE WHEN ${passesFilters.join(" AND ")} THEN ${expression} ELSE ${otherwise} END`;
  // The page's rows carry their rank in `hits`.
  const pageRows = options.page
    ? `UNION ALL SELECT 'page', id, rank, NULL FROM (
         SELECT id, row_number() OVER (ORDER BY ${relevance ? "score DESC, " : ""}"publishedAt" DESC, id DESC) AS rank
           FROM matched WHERE ${allBut(null)}) ranked
        WHERE rank > ${options.page.offset} AND rank <= ${options.page.offset + SEARCH_PAGE_SIZE}`
    : "";
  const sql = `
    WITH matched AS MATERIALIZED (
      SELECT d."publicationId" AS id, d."publishedAt", d."typeId", d."seriesId", d.year, d."categoryIds", d."authorIds",
             ${flags}, ${phraseCheck(params, match)} AS phrase_ok,
             ${match.tsquery ? forFiltered(`ts_match_vq(d.head, ${params.add(match.tsquery, "::tsquery")})`, "false") : "false"} AS head_ok
             ${relevance ? `, ${forFiltered(scoreOf(params.add(match.tsquery, "::tsquery")), "NULL")} AS score` : ""}
        FROM "SearchDocument" d
       WHERE ${candidateWhere(params, match, options.sample)}
       LIMIT ${options.candidateCap}
    ), counts AS (
      SELECT 'total' AS facet, 0 AS value, count(*) FILTER (WHERE ${allBut(null)}) AS hits, count(*) AS candidates FROM matched
      UNION ALL SELECT 'head', 0, count(*) FILTER (WHERE head_ok AND ${allBut(null)}), NULL FROM matched
      UNION ALL SELECT 'filtered', 0, count(*) FILTER (WHERE ${filtersBut(null)}), NULL FROM matched
      UNION ALL SELECT 'type', "typeId", count(*), NULL FROM matched WHERE ${allBut("type")} GROUP BY "typeId"
      UNION ALL SELECT 'series', "seriesId", count(*), NULL FROM matched WHERE "seriesId" IS NOT NULL AND ${allBut("series")} GROUP BY "seriesId"
      UNION ALL SELECT 'year', year, count(*), NULL FROM matched WHERE year IS NOT NULL AND ${allBut("year")} GROUP BY year
      UNION ALL SELECT 'category', category_id, count(*), NULL FROM matched, unnest("categoryIds") AS category_id WHERE ${allBut("category")} GROUP BY category_id
      UNION ALL SELECT 'author', author_id, count(*), NULL FROM matched, unnest("authorIds") AS author_id WHERE ${allBut("author")} GROUP BY author_id
      ${pageRows}
    )
    SELECT counts.facet, counts.value, counts.hits::int AS hits, counts.candidates::int AS candidates,
           coalesce(t.slug, c.slug, a.slug, s.slug, counts.value::text) AS slug,
           coalesce(t.name, c.name, a.name, s.name, counts.value::text) AS label,
           t.position
      FROM counts
      LEFT JOIN "PublicationType" t ON counts.facet = 'type' AND t.id = counts.value
      LEFT JOIN "Category" c ON counts.facet = 'category' AND c.id = counts.value
      LEFT JOIN "Author" a ON counts.facet = 'author' AND a.id = counts.value
      LEFT JOIN "Series" s ON counts.facet = 'series' AND s.id = counts.value`;
  const { rows } = await queryPrepared<FacetRow>(client, sql, params.values);

  const rate = options.sample?.rate ?? 1;
  const total = rows.find((row) => row.facet === "total");
  const values = (key: FacetKey) =>
    rows
      .filter((row) => row.facet === key)
      .map((row) => ({
        value: row.slug ?? String(row.value),
        label: row.label ?? String(row.value),
        count: row.hits * rate,
        position: row.position ?? 0,
      }));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "en");
  const plain = ({ value, label, count }: { value: string; label: string; count: number }) => ({ value, label, count });
  const facets: Facets = {
    type: values("type")
      .sort((a, b) => a.position - b.position)
      .map(plain),
    category: values("category").sort(byLabel).map(plain),
    author: values("author")
      .sort((a, b) => b.count - a.count || byLabel(a, b))
      .map(plain),
    series: values("series").sort(byLabel).map(plain),
    year: values("year")
      .sort((a, b) => Number(b.value) - Number(a.value))
      .map(plain),
  };
  return {
    counts: {
      total: (total?.hits ?? 0) * rate,
      headTotal: (rows.find((row) => row.facet === "head")?.hits ?? 0) * rate,
      candidates: (rows.find((row) => row.facet === "filtered")?.hits ?? 0) * rate,
      totalIsEstimate: rate > 1,
      facetsAreEstimates: rate > 1,
      facets,
    },
    candidates: total?.candidates ?? 0,
    truncated: (total?.candidates ?? 0) >= options.candidateCap,
    hits: total?.hits ?? 0,
    ids: rows
      .filter((row) => row.facet === "page")
      .sort((a, b) => a.hits - b.hits)
      .map((row) => row.value),
  };
}

/** The exact total, reading at most `cap` candidates (null if there are more). */
async function countExactly(client: Queryable, match: Match, cap: number): Promise<number | null> {
  const params = new Params();
  const where = [candidateWhere(params, match), ...Object.values(filterConditions(params, match))].join(" AND ");
  const { rows } = await client.query<{ count: number; read: number }>(
    `SELECT count(*) FILTER (WHERE ${phraseCheck(params, match)})::int AS count, count(*)::int AS read
       FROM (SELECT d."publicationId", d.head, d.body, d.pdf FROM "SearchDocument" d WHERE ${where} LIMIT ${cap}) d`,
    params.values,
  );
  const { count, read } = rows[0]!;
  return read < cap ? count : null;
}

/**
 * Relevance for a large set: its head matches ranked by score (a match in a title, name or
 * summary beats one in the body alone), then its other matches, newest first. With many
 * head matches only the newest few hundred are ranked, walking the date index; with few,
 * all of them are collected through the head's GIN index and ranked.
 */
async function rankLargeSet(client: Queryable, match: Match, offset: number, counts: Counts): Promise<number[]> {
  const needed = offset + SEARCH_PAGE_SIZE;
  const candidates = Math.min(HEAD_CANDIDATES.max, Math.max(HEAD_CANDIDATES.min, needed * HEAD_CANDIDATES.perResult));
  const walkCost = (candidates / (counts.headTotal / match.archiveSize)) * COST.headCheck;
  const collectCost = counts.headTotal * COST.rankedRow;
  // A sample that caught no head match means there are few: collecting them is cheap.
  const walk = counts.headTotal > 0 && walkCost < collectCost;
  const params = new Params();
  const query = params.add(match.tsquery, "::tsquery");
  // Walking, the head is tested by a function call rather than @@: the planner would
  // otherwise collect every head match through the GIN index and sort them by date, since
  // it underestimates how many there are (an author's name matches thousands).
  const headMatch = walk ? `ts_match_vq(d.head, ${query})` : `d.head @@ ${query}`;
  const conditions = [PUBLIC_SEARCH_DOCUMENT_SQL, headMatch, ...Object.values(filterConditions(params, match))];
  // The head cannot tell that an excluded word is absent from the body; the body's GIN
  // index can, exactly with the loosened query (@@, so that the planner may intersect the
  // two indexes). The phrase itself is settled by the head.
  if (match.shape?.hasNegation) conditions.push(`d.body @@ ${params.add(match.shape.loosened, "::tsquery")}`);
  conditions.push(...exclusionsAcrossPdf(params, match));
  const select = `SELECT d."publicationId" AS id, d."publishedAt", ${scoreOf(query)} AS score FROM "SearchDocument" d WHERE ${conditions.join(" AND ")}`;
  const source = walk
    ? `(${select} ORDER BY d."publishedAt" DESC LIMIT ${candidates}) newest`
    : `(WITH collected AS MATERIALIZED (${select}) SELECT * FROM collected) every`;
  const { rows } = await client.query<{ id: number }>(
    `SELECT id FROM ${source} ORDER BY score DESC, "publishedAt" DESC, id DESC LIMIT ${needed}`,
    params.values,
  );
  const ranked = rows.map((row) => row.id);
  if (ranked.length >= needed) return ranked;
  const seen = new Set(ranked);
  const newest = await newestMatches(client, match, needed + ranked.length, counts);
  return [...ranked, ...newest.filter((id) => !seen.has(id))];
}

/**
 * The newest `limit` matches. Walking the (visible, publishedAt) index and testing each
 * body is cheap when matches are common; collecting the candidates through the GIN index,
 * sorting them by date and checking phrases only until `limit` pass is cheap when they are
 * rare. The planner cannot cost body tests, so the choice is made here.
 */
async function newestMatches(client: Queryable, match: Match, limit: number, counts: Counts): Promise<number[]> {
  const params = new Params();
  const share = Math.max(counts.total, 1) / match.archiveSize;
  const walkCost = (limit / share) * COST.bodyCheck;
  const phraseChecks = match.shape?.hasPhrase ? (limit * counts.candidates) / Math.max(counts.total, 1) : 0;
  const collectCost = counts.candidates * COST.matchedRow + phraseChecks * COST.bodyCheck;
  let sql: string;
  if (!match.tsquery || walkCost <= collectCost) {
    sql = `SELECT d."publicationId" AS id FROM "SearchDocument" d WHERE ${matchWhere(params, match)}
            ORDER BY d."publishedAt" DESC, d."publicationId" DESC LIMIT ${limit}`;
  } else {
    const where = [candidateWhere(params, match), ...Object.values(filterConditions(params, match))].join(" AND ");
    const candidates = `WITH candidates AS MATERIALIZED (SELECT d."publicationId" AS id, d."publishedAt" FROM "SearchDocument" d WHERE ${where})`;
    const newestFirst = `(SELECT * FROM candidates ORDER BY "publishedAt" DESC, id DESC OFFSET 0) c`;
    // Phrases are checked on the newest candidates first, until enough pass (OFFSET 0 keeps
    // the sort below the check; the row is fetched again by its key only when checked).
    sql = match.shape?.hasPhrase
      ? `${candidates} SELECT c.id FROM ${newestFirst}
           WHERE EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."publicationId" = c.id AND ${phraseCheck(params, match)}) LIMIT ${limit}`
      : `${candidates} SELECT c.id FROM ${newestFirst} LIMIT ${limit}`;
  }
  const { rows } = await client.query<{ id: number }>(sql, params.values);
  return rows.map((row) => row.id);
}

function emptyFacets(): Facets {
  return { type: [], category: [], author: [], series: [], year: [] };
}

// --- Results ---------------------------------------------------------------------------

type HitRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
  type: { name: string; slug: string };
  series: { name: string; slug: string } | null;
  authors: Array<{ name: string; slug: string }> | null;
  categories: Array<{ name: string; slug: string }> | null;
  headline: string | null;
  pdfPage: number | null;
  pdfStorageKey: string | null;
};

/** The publications of one page, in rank order, with their snippets. */
async function loadHits(client: Queryable, ids: number[], match: Match): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const params = new Params();
  const idList = params.add(ids, "::int[]");
  let headline = "NULL";
  let pdfPage = "NULL";
  let pdfStorageKey = "NULL";
  let snippetSource = "";
  if (match.tsquery && match.shape) {
    const query = params.add(match.tsquery, "::tsquery");
    // Any of the words marks a fragment: with "all of these words", ts_headline would mark
    // nothing in a window that holds only some of them.
    const anyWord = match.shape.positiveLexemes
      .map((lexeme) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`)
      .join(" | ");
    const anyWordQuery = params.add(anyWord || match.tsquery, "::tsquery");
    // Stems are mostly prefixes of the words they come from ("sanction" of "sanctions");
    // "polici" (policy) is the common exception. Words are looked for as written first,
    // lower-case or capitalised, since lower-casing a whole body costs more than searching it.
    const stems = match.shape.positiveLexemes.flatMap((lexeme) =>
      lexeme.endsWith("i") ? [lexeme, `${lexeme.slice(0, -1)}y`] : [lexeme],
    );
    const probes = params.add(stems, "::text[]");
    const casedProbes = params.add(
      [...stems, ...stems.map((stem) => stem.charAt(0).toUpperCase() + stem.slice(1))],
      "::text[]",
    );
    // Each text is computed once: OFFSET 0 stops PostgreSQL from inlining these
    // subqueries, which would repeat them wherever their result is used.
    const firstMatch = (text: string, words = probes) =>
      `(SELECT min(nullif(strpos(folded.text, probe), 0)) FROM (SELECT ${text} AS text OFFSET 0) folded, unnest(${words}) probe)`;
    // The summary when it matches, or when only names match (the body vector's text part,
    // weight D, does not); both are read from the head vector, which holds the title (A) and
    // the summary (C), rather than by parsing the texts again. Otherwise a window of the body
    // around the first match, folding accents only when the plain text has none and the title
    // does not explain the match. A body is stored compressed: its opening is searched first,
    // since PostgreSQL then decompresses only that stretch, and the whole body only when the
    // opening has no match (|| '' decompresses it once for all the words, where strpos would
    // decompress it again for each).
    snippetSource = `
      JOIN "SearchDocument" d ON d."publicationId" = p.id
      CROSS JOIN LATERAL (
        SELECT CASE
          WHEN d.head @@ ${params.add(match.shape.inSummary, "::tsquery")} OR NOT d.body @@ ${params.add(match.shape.inText, "::tsquery")} THEN NULL
          ELSE coalesce(
            ${firstMatch(`substr(p."bodyHtml", 1, ${SNIPPET_BODY_OPENING})`, casedProbes)},
            ${firstMatch(`p."bodyHtml" || ''`, casedProbes)},
            ${firstMatch(`lower(p."bodyHtml")`)},
            CASE WHEN d.head @@ ${params.add(match.shape.inTitle, "::tsquery")} THEN NULL ELSE ${firstMatch(`lower(unaccent(p."bodyHtml"))`)} END)
        END AS at
        OFFSET 0
      ) body_match
      -- Only the attached PDF matches: its first page that does (phrases checked on the page),
      -- or where a phrase runs on to the next page, or else that has one of the words (all
      -- of them are in the PDF, spread over its pages).
      LEFT JOIN LATERAL (
        SELECT mp.page, mp.text FROM "MediaPage" mp
         WHERE d.pdf IS NOT NULL AND NOT ts_match_vq(d.body, ${query})
           AND mp."mediaId" = p."pdfId" AND mp.vector @@ ${anyWordQuery}
         ORDER BY ts_match_vq(mp.vector, ${query}) DESC, ${match.shape.hasPhrase ? `${pageSeamMatch("mp", query)} DESC, ` : ""}mp.page
         LIMIT 1
      ) pdf_page ON true
      CROSS JOIN LATERAL (
        SELECT CASE WHEN pdf_page.page IS NOT NULL THEN (
                 SELECT regexp_replace(substr(pdf_page.text, greatest(1, at - ${SNIPPET_WINDOW.before}), ${SNIPPET_WINDOW.length}),
                                       CASE WHEN at > ${SNIPPET_WINDOW.before} THEN '^\\S*\\s+' ELSE '^$' END, '')
                   FROM (SELECT coalesce(${firstMatch("pdf_page.text", casedProbes)}, ${firstMatch("lower(pdf_page.text)")}, 1) AS at) found)
               WHEN body_match.at IS NULL AND p.summary <> '' THEN p.summary
               -- Cut on character boundaries; then drop a tag cut in half at either end, and
               -- a word cut in half at the start.
               ELSE regexp_replace(regexp_replace(regexp_replace(
                      substr(p."bodyHtml", greatest(1, coalesce(body_match.at, 1) - ${SNIPPET_WINDOW.before}), ${SNIPPET_WINDOW.length}),
                      '^[^<]*>', ''), '<[^>]*$', ''), CASE WHEN coalesce(body_match.at, 1) > ${SNIPPET_WINDOW.before} THEN '^\\S*\\s+' ELSE '^$' END, '')
               END AS text
        OFFSET 0
      ) source`;
    pdfPage = "pdf_page.page";
    pdfStorageKey = `CASE WHEN pdf_page.page IS NOT NULL THEN (SELECT m."storageKey" FROM "Media" m WHERE m.id = p."pdfId") END`;
    headline = `ts_headline('${CONFIG}', translate(source.text, '${MATCH_START}${MATCH_END}', ''),
                            ${anyWordQuery}, ${params.add(HEADLINE_OPTIONS)})`;
  }
  const { rows } = await queryPrepared<HitRow>(
    client,
    `SELECT p.id, p.slug, p.title, p.summary, p."publishedAt" AT TIME ZONE 'UTC' AS "publishedAt",
            json_build_object('name', t.name, 'slug', t.slug) AS type,
            CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('name', s.name, 'slug', s.slug) END AS series,
            (SELECT json_agg(json_build_object('name', a.name, 'slug', a.slug) ORDER BY pa.position)
               FROM "PublicationAuthor" pa JOIN "Author" a ON a.id = pa."authorId" WHERE pa."publicationId" = p.id) AS authors,
            (SELECT json_agg(json_build_object('name', c.name, 'slug', c.slug) ORDER BY c.name)
               FROM "PublicationCategory" pc JOIN "Category" c ON c.id = pc."categoryId" WHERE pc."publicationId" = p.id) AS categories,
            ${headline} AS headline, ${pdfPage} AS "pdfPage", ${pdfStorageKey} AS "pdfStorageKey"
       FROM unnest(${idList}) WITH ORDINALITY AS page(id, position)
       JOIN "Publication" p ON p.id = page.id
       JOIN "PublicationType" t ON t.id = p."typeId"
       LEFT JOIN "Series" s ON s.id = p."seriesId"
       ${snippetSource}
      ORDER BY page.position`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    publishedAt: row.publishedAt,
    type: row.type,
    series: row.series,
    authors: row.authors ?? [],
    categories: row.categories ?? [],
    snippet:
      row.headline === null ? (row.summary ? [{ text: row.summary, match: false }] : []) : snippetParts(row.headline),
    ...(row.pdfPage !== null &&
      row.pdfStorageKey !== null && {
        pdfPage: row.pdfPage,
        pdfHref: `${mediaUrl(row.pdfStorageKey)}#page=${row.pdfPage}`,
      }),
  }));
}

// --- Typos, names and suggestions ------------------------------------------------------

/**
 * "Did you mean": an author, topic or series name close to the whole query, or else the
 * query with each word that (almost) matches nothing replaced by the closest word of the
 * archive's vocabulary: the fewest edits (Damerau–Levenshtein, a transposition counting
 * one), then a name's word, then the most frequent. Candidates come from the vocabulary's
 * deletion neighbourhood ("SearchTermDeletion"), which finds "novak" for "nvoak" where
 * trigrams cannot. When the query finds nothing, a word that finds nothing and has no
 * correction is left out. Offered only if it finds more than the query did.
 */
async function correction(client: Queryable, query: string, total: number): Promise<string | null> {
  // A possessive or contraction is corrected in its word only ("Seoukl's" → "Seoul's").
  const typedWords = queryWords(query).slice(0, 12);
  const words = typedWords.map(({ word, index }) => ({ word: word.split(/['’]/u)[0]!, index }));
  if (words.length === 0) return null;
  const { rows: names } = await client.query<{ display: string }>(
    `SELECT display FROM "SearchTerm", lower(unaccent($1)) AS folded
      WHERE kind <> 'word' AND term % folded AND term <> folded AND similarity(term, folded) >= 0.5
      ORDER BY similarity(term, folded) DESC LIMIT 1`,
    [query],
  );
  // The words that find (almost) nothing, with how many they find (up to FEW_RESULTS).
  const { rows: rare } = await client.query<{ position: number; found: number }>(
    `SELECT w.position::int AS position,
            -- A word found in the coarse sample is common; only rarer ones are counted (CASE fixes the order).
            CASE WHEN EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d.body @@ (f.query && $2::tsquery)) THEN ${FEW_RESULTS}
                 ELSE ${fewMatches("f.query")}
            END AS found
       FROM unnest($1::text[]) WITH ORDINALITY AS w(word, position)
       CROSS JOIN LATERAL (SELECT lower(unaccent(w.word)) AS folded, plainto_tsquery('${CONFIG}', w.word) AS query) f
      WHERE length(f.folded) >= 3 AND numnode(f.query) > 0`,
    [words.map((entry) => entry.word), COARSE_SAMPLE.marker],
  );
  // Words that find nothing are the typos; rare words that do find something (a place
  // named once) are corrected only when no word finds nothing.
  const unmatched = rare.filter((row) => row.found < FEW_RESULTS);
  const nothing = unmatched.filter((row) => row.found === 0);
  const typed = (nothing.length > 0 ? nothing : unmatched).map(({ position }) => ({
    position,
    folded: foldWord(words[position - 1]!.word),
  }));
  const candidates = await correctionCandidates(
    client,
    typed.map((entry) => entry.folded),
  );
  let corrected = query;
  // When the query finds nothing, a word that finds nothing and has no correction (a typo
  // of a word too common to index: "betewen") is left out, as long as others remain.
  let droppable = total === 0 ? Math.min(nothing.length, words.length - 1) : 0;
  for (const { position, folded } of [...typed].sort((a, b) => b.position - a.position)) {
    const term = bestCorrection(folded, candidates);
    if (term) {
      const { word, index } = words[position - 1]!;
      corrected = corrected.slice(0, index) + term + corrected.slice(index + word.length);
    } else if (droppable > 0 && nothing.some((row) => row.position === position)) {
      const { word, index } = typedWords[position - 1]!;
      corrected = corrected.slice(0, index) + corrected.slice(index + word.length);
      droppable -= 1;
    }
  }
  corrected = corrected.replace(/\s+/gu, " ").trim();
  const proposals = [names[0]?.display, corrected !== query ? corrected : undefined].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of proposals) {
    const { rows } = await client.query<{ count: number }>(
      `SELECT ${fewMatches("q")} AS count FROM websearch_to_tsquery('${CONFIG}', $1) q`,
      [candidate],
    );
    if (rows[0]!.count > total) return candidate;
  }
  return null;
}

/**
 * How many visible publications match `query`, up to FEW_RESULTS: in their bodies, then in
 * their attached PDFs alone (a word found only in a PDF is no typo). The PDF-only matches
 * are collected in a CTE that the LIMIT stops early: a LIMIT beside the match itself would
 * make the planner walk the whole date index looking for them.
 */
function fewMatches(query: string): string {
  const visible = PUBLIC_SEARCH_DOCUMENT_SQL;
  return `(SELECT CASE WHEN body.found >= ${FEW_RESULTS} THEN ${FEW_RESULTS} ELSE body.found + (
             WITH pdf_only AS MATERIALIZED (
               SELECT 1 FROM "SearchDocument" d WHERE ${visible} AND d.pdf @@ ${query} AND NOT ts_match_vq(d.body, ${query}))
             SELECT count(*)::int FROM (SELECT 1 FROM pdf_only LIMIT ${FEW_RESULTS} - body.found) found) END
      FROM (SELECT count(*)::int AS found FROM (
              SELECT 1 FROM "SearchDocument" d WHERE ${visible} AND d.body @@ ${query} LIMIT ${FEW_RESULTS}) found) body)`;
}

/**
 * Vocabulary words within reach of the typed (folded) words: those sharing a deletion with
 * them (up to two deletions on the typed side, one on the vocabulary's). Each comes with its
 * frequency and the name it belongs to, if any; bestCorrection() measures and chooses.
 */
async function correctionCandidates(client: Queryable, typed: string[]): Promise<CorrectionCandidate[]> {
  if (typed.length === 0) return [];
  const keys = [...new Set(typed.flatMap((word) => deletions(word, maxEditDistance(word))))];
  const { rows } = await client.query<CorrectionCandidate>(
    `SELECT t.term, t.documents,
            (SELECT n.display FROM "SearchTerm" n
              WHERE n.kind <> 'word' AND n.term ~ ('\\m' || t.term || '\\M') ORDER BY n.kind, n.display LIMIT 1) AS name
       FROM (SELECT DISTINCT x.term FROM "SearchTermDeletion" x WHERE x.deletion = ANY ($1::text[])) found
       JOIN "SearchTerm" t ON t.term = found.term AND t.kind = 'word'`,
    [keys],
  );
  return rows;
}

/** Authors, topics and series whose names resemble the query, for links above the results. */
async function resemblingNames(client: Queryable, query: string): Promise<NameMatch[]> {
  const { rows } = await client.query<{ kind: NameMatch["kind"]; display: string; slug: string }>(
    `SELECT kind, display, slug FROM "SearchTerm", lower(unaccent($1)) AS folded
      WHERE kind <> 'word' AND slug IS NOT NULL AND term % folded AND similarity(term, folded) >= 0.45
      ORDER BY similarity(term, folded) DESC, display LIMIT 3`,
    [query],
  );
  return rows.map((row) => ({ kind: row.kind, name: row.display, slug: row.slug }));
}

/** Titles are looked for among the newest `recentlyTried`, then among `collected` matches of any date. */
const SUGGESTION_LIMITS = { names: 4, titles: 5, recentlyTried: 1000, collected: 500 };
/** LIKE's wildcards, escaped in what was typed. */
const LIKE_ESCAPED = `replace(replace(replace(folded, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

async function suggest(client: Queryable, prefix: string): Promise<Suggestion[]> {
  const words =
    cleanQuery(prefix)
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  const typed = words.join(" ");
  if (typed.length < 2) return [];
  const titles = await suggestTitles(client, words);
  const names = await client.query<{ kind: "author" | "category"; display: string; slug: string }>(
    `SELECT kind, display, slug FROM "SearchTerm", lower(unaccent($1)) AS folded
      WHERE kind IN ('author', 'category') AND slug IS NOT NULL AND term LIKE '%' || ${LIKE_ESCAPED} || '%'
      ORDER BY term LIKE ${LIKE_ESCAPED} || '%' DESC, kind, display
      LIMIT ${SUGGESTION_LIMITS.names}`,
    [typed],
  );
  return [
    ...titles.map((row): Suggestion => ({
      kind: "title",
      label: row.title,
      href: publicationHref(row.slug, row.type),
    })),
    ...names.rows.map((row): Suggestion => ({
      kind: row.kind,
      label: row.display,
      href: row.kind === "author" ? `/authors/${row.slug}` : `/categories/${row.slug}`,
    })),
  ];
}

/**
 * Titles (weight A) with every word typed, the last one possibly unfinished, newest first.
 * A prefix may match most of the archive or almost nothing: the newest publications are
 * tried first (cheap when it is common), then a bounded number of matches through the
 * index (cheap when it is rare). A last word of one letter waits for the next keystroke.
 */
async function suggestTitles(
  client: Queryable,
  words: string[],
): Promise<Array<{ title: string; slug: string; type: string }>> {
  const complete = words.at(-1)!.length > 1 ? words : words.slice(0, -1);
  if (complete.length === 0) return [];
  const titleQuery = complete
    .map((word, index) => `'${word}':${index === complete.length - 1 ? "*" : ""}A`)
    .join(" & ");
  const limit = SUGGESTION_LIMITS.titles;
  const recent = await client.query<{ title: string; slug: string; type: string }>(
    `SELECT p.title, p.slug, (SELECT t.slug FROM "PublicationType" t WHERE t.id = p."typeId") AS type FROM (
       SELECT d."publicationId", d."publishedAt", d.head FROM "SearchDocument" d WHERE ${PUBLIC_SEARCH_DOCUMENT_SQL}
        ORDER BY d."publishedAt" DESC LIMIT ${SUGGESTION_LIMITS.recentlyTried}
     ) d JOIN "Publication" p ON p.id = d."publicationId"
      WHERE d.head @@ to_tsquery('${CONFIG}', $1) ORDER BY d."publishedAt" DESC LIMIT ${limit}`,
    [titleQuery],
  );
  if (recent.rows.length === limit) return recent.rows;
  const all = await client.query<{ title: string; slug: string; type: string }>(
    `WITH matches AS MATERIALIZED (
       SELECT d."publicationId", d."publishedAt" FROM "SearchDocument" d WHERE ${PUBLIC_SEARCH_DOCUMENT_SQL} AND d.head @@ to_tsquery('${CONFIG}', $1)
        LIMIT ${SUGGESTION_LIMITS.collected}
     )
     SELECT p.title, p.slug, (SELECT t.slug FROM "PublicationType" t WHERE t.id = p."typeId") AS type
       FROM matches JOIN "Publication" p ON p.id = matches."publicationId"
      ORDER BY matches."publishedAt" DESC LIMIT ${limit}`,
    [titleQuery],
  );
  return all.rows;
}
