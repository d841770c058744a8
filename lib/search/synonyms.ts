/**
 * Synonyms and acronyms applied to a query as it is searched (no reindex), pure: which
 * stretches of a query staff's synonyms (the "SearchSynonym" table, edited on
 * /admin/search) cover, and what each then also means. The engine turns the result into
 * one tsquery: the rest of the query as typed, and for each synonym found "this or any of
 * these" (search_synonym_query in the database).
 */
import { foldWord } from "./typos";

export type Synonym = {
  /** As written by staff, e.g. "DPRK". */
  term: string;
  /** e.g. ["North Korea"]. */
  alternatives: string[];
  /** Two-way: every alternative finds the term and the others too; one-way: only the term its alternatives. */
  twoWay: boolean;
};

/** A synonym that a query used: shown on the results page ("Including results for “North Korea” (DPRK)"). */
export type SynonymUse = { matched: string; alternatives: string[] };

/** One "or" branch of a query: "a b or c" is (a and b) or c. */
export type ExpandedBranch = {
  /** The branch without the stretches synonyms covered (websearch syntax, as typed). */
  rest: string;
  /** For each stretch: what was typed, then what it also means. */
  groups: string[][];
};

export type ExpandedQuery = {
  /** Empty when no synonym applies: the query is searched as typed. */
  branches: ExpandedBranch[];
  uses: SynonymUse[];
};

/** Words longest synonyms may span. */
const MAX_PHRASE_WORDS = 6;

/**
 * Acronyms that are also common English words ("US" and "us", "WHO" and "who") match only
 * when typed in capitals; other acronyms match in any case ("dprk", "nato").
 */
const ENGLISH_WORDS = new Set([
  "us",
  "who",
  "it",
  "am",
  "an",
  "as",
  "at",
  "be",
  "do",
  "go",
  "he",
  "if",
  "in",
  "is",
  "me",
  "my",
  "no",
  "of",
  "on",
  "or",
  "so",
  "to",
  "up",
  "we",
  "all",
  "can",
  "may",
  "new",
  "now",
  "one",
]);

type Word = { key: string; written: string; capitals: boolean };

/** A phrase's words as compared: folded, without dots and apostrophes ("U.S." = "US", "People’s" = "peoples"). */
function wordsOf(phrase: string): Word[] {
  return phrase
    .split(/[\s\-–—/]+/u)
    .map((written) => {
      const bare = written.replace(/[.'’]/gu, "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      return { key: foldWord(bare), written, capitals: bare.length > 1 && bare === bare.toUpperCase() };
    })
    .filter((word) => word.key !== "");
}

type Entry = { words: Word[]; phrase: string; means: string[] };

/** Each phrase that triggers a synonym, with what it means: a two-way set in every direction, a one-way term forward. */
export function synonymEntries(synonyms: Synonym[]): Entry[] {
  const entries: Entry[] = [];
  for (const synonym of synonyms) {
    const all = [synonym.term, ...synonym.alternatives];
    const triggers = synonym.twoWay ? all : [synonym.term];
    for (const phrase of triggers) {
      const words = wordsOf(phrase);
      if (words.length === 0 || words.length > MAX_PHRASE_WORDS) continue;
      entries.push({ words, phrase, means: all.filter((other) => other !== phrase) });
    }
  }
  return entries;
}

function wordMatches(typed: Word, wanted: Word): boolean {
  if (typed.key !== wanted.key) return false;
  // An acronym that is also an English word is meant only in capitals.
  return !(wanted.capitals && ENGLISH_WORDS.has(wanted.key)) || typed.capitals;
}

/**
 * The synonyms a query uses, longest stretch first, left to right. Quoted phrases ask for
 * exactly those words, and words after "-" are excluded: neither is expanded. A word joined
 * by hyphens ("U.S.-ROK") is compared part by part.
 */
export function expandQuery(query: string, entries: Entry[]): ExpandedQuery {
  if (entries.length === 0) return { branches: [], uses: [] };
  // Split at "or" outside quotes: each branch is expanded on its own.
  const branchTexts: string[] = [];
  let quoted = false;
  let current: string[] = [];
  for (const token of query.split(" ").filter(Boolean)) {
    if (!quoted && /^or$/i.test(token)) {
      branchTexts.push(current.join(" "));
      current = [];
      continue;
    }
    if ((token.match(/"/g) ?? []).length % 2 === 1) quoted = !quoted;
    current.push(token);
  }
  branchTexts.push(current.join(" "));
  const branches: ExpandedBranch[] = [];
  const uses: SynonymUse[] = [];
  for (const text of branchTexts) {
    const branch = expandBranch(text, entries);
    branches.push({ rest: branch.rest, groups: branch.groups });
    for (const use of branch.uses)
      if (!uses.some((known) => known.matched.toLowerCase() === use.matched.toLowerCase())) uses.push(use);
  }
  return branches.some((branch) => branch.groups.length > 0) ? { branches, uses } : { branches: [], uses: [] };
}

function expandBranch(query: string, entries: Entry[]): { rest: string; groups: string[][]; uses: SynonymUse[] } {
  type Part = { word: Word; token: number };
  const tokens = query.split(" ").filter(Boolean);
  const parts: Part[] = [];
  let quoted = false;
  tokens.forEach((token, index) => {
    const opensOrCloses = (token.match(/"/g) ?? []).length;
    const inQuotes = quoted || opensOrCloses > 0;
    if (opensOrCloses % 2 === 1) quoted = !quoted;
    if (inQuotes || token.startsWith("-")) return;
    for (const word of wordsOf(token)) parts.push({ word, token: index });
  });
  const typedKeys = new Set(parts.map((part) => part.word.key));
  const covered = new Set<number>();
  const consumedTokens = new Map<number, number>();
  const groups: string[][] = [];
  const uses: SynonymUse[] = [];
  const byLength = [...entries].sort((a, b) => b.words.length - a.words.length);
  for (let start = 0; start < parts.length;) {
    const entry = byLength.find(
      (candidate) =>
        start + candidate.words.length <= parts.length &&
        candidate.words.every((word, offset) => {
          const part = parts[start + offset]!;
          // A stretch stays within consecutive words of the query.
          const contiguous = offset === 0 || part.token - parts[start + offset - 1]!.token <= 1;
          return contiguous && wordMatches(part.word, word);
        }),
    );
    if (!entry) {
      start++;
      continue;
    }
    const stretch = parts.slice(start, start + entry.words.length);
    // The same words may trigger several synonyms ("North Korea" = "DPRK", = "NK"): all apply.
    const key = entry.words.map((word) => word.key).join(" ");
    const means = [
      ...new Set(
        byLength
          .filter(
            (other) =>
              other.words.map((word) => word.key).join(" ") === key &&
              other.words.every((word, offset) => wordMatches(stretch[offset]!.word, word)),
          )
          .flatMap((other) => other.means),
      ),
    ]
      // An alternative the query spells out already adds nothing ("korean peninsula" is not widened by "peninsula").
      .filter((phrase) => !wordsOf(phrase).every((word) => typedKeys.has(word.key)));
    if (means.length === 0) {
      start++;
      continue;
    }
    const matched = stretch
      .map((part) => part.word.written.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ""))
      .join(" ");
    for (let offset = 0; offset < stretch.length; offset++) {
      covered.add(start + offset);
      consumedTokens.set(stretch[offset]!.token, (consumedTokens.get(stretch[offset]!.token) ?? 0) + 1);
    }
    groups.push([matched, ...means]);
    if (!uses.some((use) => use.matched.toLowerCase() === matched.toLowerCase()))
      uses.push({ matched, alternatives: means });
    start += entry.words.length;
  }
  if (groups.length === 0) return { rest: query, groups, uses };
  // The rest: tokens no synonym touched as typed; of a hyphenated token, the parts left over.
  const rest = tokens.flatMap((token, index) => {
    if (!consumedTokens.has(index)) return [token];
    return parts
      .map((part, position) => ({ part, position }))
      .filter(({ part, position }) => part.token === index && !covered.has(position))
      .map(({ part }) => part.word.written);
  });
  return { rest: rest.join(" "), groups, uses };
}
