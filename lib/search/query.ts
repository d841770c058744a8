/**
 * What arrives from people and URLs, made safe for search: the query text, the sort, the
 * archive's filters and the page. Pure functions, shared by the page, the suggest endpoint
 * and the engine.
 */
import { z } from "zod";
import { FILTER_KEYS, parseArchiveQuery, type ArchiveFilters } from "@/lib/validations/archive";
import { SEARCH_SORTS, type SearchRequest, type SearchSort } from "./engine";

/** Longer queries are cut here: nobody types more, and every word costs index lookups. */
export const MAX_QUERY_LENGTH = 256;
/** …and after this many words: fifty common words would each scan a long posting list. */
const MAX_QUERY_WORDS = 12;

// Control and format characters (null bytes included), lone surrogates, private-use and
// unassigned code points: none is text a person means to search for.
const UNSEARCHABLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

/**
 * The query as searched and shown: NFC, no control characters, single spaces, at most 256
 * characters and 12 words, a word repeated outside quotes kept once.
 */
export function cleanQuery(raw: string): string {
  const text = raw.normalize("NFC").replace(UNSEARCHABLE_CHARACTERS, " ").replace(/\s+/gu, " ").trim();
  const characters = Array.from(text); // code points, so an emoji is never cut in half
  const cut = characters.length > MAX_QUERY_LENGTH ? characters.slice(0, MAX_QUERY_LENGTH).join("").trim() : text;
  const seen = new Set<string>();
  const words = cut.split(" ").filter((word) => {
    const key = word.toLowerCase();
    // "or" and "-" are operators, and inside quotes a repeated word belongs to the phrase.
    if (cut.includes('"') || key === "or" || key === "-" || !seen.has(key)) {
      seen.add(key);
      return true;
    }
    return false;
  });
  return words.slice(0, MAX_QUERY_WORDS).join(" ");
}

/** One query-string value: the first when repeated. */
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const searchOnlySchema = z.object({
  q: z.preprocess(firstValue, z.string().transform(cleanQuery).catch("")).catch(""),
  sort: z.preprocess(firstValue, z.enum(SEARCH_SORTS).catch("relevance")).catch("relevance"),
});

type SearchParams = Record<string, string | string[] | undefined>;

/** A search request from a URL's query string. Malformed values are dropped, never rejected. */
export function parseSearchParams(searchParams: SearchParams): SearchRequest {
  const { page, ...filters } = parseArchiveQuery(searchParams);
  const { q, sort } = searchOnlySchema.parse(searchParams);
  return { query: q, sort, filters, page };
}

/** The /search URL for a request; defaults are left out so each result page has one URL. */
export function searchHref(request: {
  query: string;
  filters: ArchiveFilters;
  sort?: SearchSort;
  page?: number;
}): string {
  const params = new URLSearchParams();
  if (request.query) params.set("q", request.query);
  for (const key of FILTER_KEYS) {
    const value = request.filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (request.sort && request.sort !== "relevance") params.set("sort", request.sort);
  if (request.page && request.page > 1) params.set("page", String(request.page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

/** How a query is stored for staff statistics: lower-cased, accents and extra spaces removed. */
export function normalizeForStatistics(query: string): string {
  return cleanQuery(query).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * What the engine needs to know about a parsed tsquery (PostgreSQL's text form, e.g.
 * `'north' <-> 'korea' & !'sanction'`).
 */
export type TsQueryShape = {
  /** Lexemes that must or may occur: what snippets look for. Excluded ones are left out. */
  positiveLexemes: string[];
  /** Phrases ("exact phrase", also hyphenated words) need positions: the index cannot check them. */
  hasPhrase: boolean;
  hasNegation: boolean;
  /**
   * The same query with phrases loosened to "all of these words": it matches a superset,
   * which the GIN index answers without reading any document. Phrases are then checked only
   * on those candidates. Excluded phrases stay as they are: loosening them would exclude
   * more than asked.
   */
  loosened: string;
  /** The same query restricted to weight D: true when the text, not only the names, matches. */
  inText: string;
  /** …to weight A: the title matches (the head vector's part from the title). */
  inTitle: string;
  /** …to weight C: the summary matches (the head vector's part from the summary). */
  inSummary: string;
};

const TSQUERY_TOKEN = /'(?:[^'\\]|''|\\.)*'(?::\*?[A-D]*)?|<(?:-|\d+)>|[!&|()]/g;

export function analyzeTsQuery(text: string): TsQueryShape {
  const tokens = [...text.matchAll(TSQUERY_TOKEN)].map((match) => match[0]);
  const positiveLexemes = new Set<string>();
  const loosened: string[] = [];
  // Tokens with each lexeme's weights left off: the query restricted to one weight appends it.
  const unweighted: string[] = [];
  let hasPhrase = false;
  // Negation reaches the next operand: a lexeme, or a whole parenthesised group.
  let negateNext = false;
  let previousOperandNegated = false;
  const negatedGroups: boolean[] = [];
  tokens.forEach((token, index) => {
    const insideNegatedGroup = negatedGroups.at(-1) ?? false;
    let loose = token;
    let bare = token;
    if (token === "!") {
      negateNext = true;
    } else if (token === "(") {
      negatedGroups.push(insideNegatedGroup || negateNext);
      negateNext = false;
    } else if (token === ")") {
      previousOperandNegated = negatedGroups.pop() ?? false;
    } else if (token.startsWith("'")) {
      previousOperandNegated = negateNext || insideNegatedGroup;
      if (!previousOperandNegated) positiveLexemes.add(unquoteLexeme(token));
      negateNext = false;
      bare = token.slice(0, token.lastIndexOf("'") + 1);
    } else if (token.startsWith("<")) {
      hasPhrase = true;
      // "a b" becomes "a & b", a superset; not where either side is excluded ("a <-> !b").
      if (!insideNegatedGroup && !previousOperandNegated && tokens[index + 1] !== "!") loose = "&";
    }
    loosened.push(loose);
    unweighted.push(bare);
  });
  const onWeight = (weight: "A" | "C" | "D") =>
    unweighted.map((token) => (token.startsWith("'") ? `${token}:${weight}` : token)).join(" ");
  return {
    positiveLexemes: [...positiveLexemes],
    hasPhrase,
    hasNegation: tokens.includes("!"),
    loosened: loosened.join(" "),
    inText: onWeight("D"),
    inTitle: onWeight("A"),
    inSummary: onWeight("C"),
  };
}

function unquoteLexeme(token: string): string {
  const quoted = token.slice(0, token.lastIndexOf("'") + 1);
  return quoted.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, "$1");
}

/**
 * Words of a query as typed, for "Did you mean": letters and digits (any script), with
 * their positions so a correction can replace them in place.
 */
export function queryWords(query: string): Array<{ word: string; index: number }> {
  return [...query.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu)].map((match) => ({ word: match[0], index: match.index }));
}

/** Runs of Hangul syllables long enough to carry a particle or ending (김정은이). */
const HANGUL_RUN = /[\uAC00-\uD7A3]{3,}/gu;

/**
 * The query as the index's Korean pieces: each run of three or more Hangul syllables
 * becomes the phrase of its overlapping two-syllable pieces ("김정은" → "김정 정은"), which
 * the database also indexes (search_hangul_bigrams), so that a Korean word is found inside
 * a longer one (김정은이, 김정은의). Inside quotes the pieces join the quoted phrase.
 */
export function withHangulPieces(query: string): string {
  let quoted = false;
  let result = "";
  let last = 0;
  for (const match of query.matchAll(HANGUL_RUN)) {
    const before = query.slice(last, match.index);
    quoted = (before.match(/"/g)?.length ?? 0) % 2 === 1 ? !quoted : quoted;
    const syllables = Array.from(match[0]);
    const pieces = syllables
      .slice(0, -1)
      .map((syllable, index) => syllable + syllables[index + 1])
      .join(" ");
    result += before + (quoted ? pieces : `"${pieces}"`);
    last = match.index + match[0].length;
  }
  return result + query.slice(last);
}
