/**
 * The typo set of bench/search.ts: misspellings made by a seeded random procedure (one
 * transposition, deletion, insertion or substitution) over title words and author names
 * of the archive, each searched through the engine, with the share that finds the intended
 * item in the top 10.
 *
 *  - Title words: a public publication is drawn, one word of its title (five letters or
 *    more) misspelt, and the whole title searched as typed with that typo. Intended item:
 *    that publication.
 *  - Author names: an author with public publications is drawn, the longest part of the
 *    name misspelt, and that part searched alone ("Nvoak"). Intended item: any publication
 *    by that author.
 * A case counts only if its correct spelling finds the intended item in the top 10: the set
 * measures forgiveness, not ranking. Typos that happen to make another word of the archive
 * ("trade" → "grade") stay in, as they would for readers.
 */
import pg from "pg";
import type { SearchEngine } from "@/lib/search/engine";
import { cleanQuery } from "@/lib/search/query";
import { createRandom, type Random } from "@/scripts/demo/random";

export type TypoKind = "transposition" | "deletion" | "insertion" | "substitution";
export const TYPO_KINDS: TypoKind[] = ["transposition", "deletion", "insertion", "substitution"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One edit of `word` of the given kind at a random place, never giving the word back unchanged. */
export function misspell(word: string, kind: TypoKind, random: Random): string {
  const letters = Array.from(word);
  for (let attempt = 0; attempt < 20; attempt++) {
    const copy = [...letters];
    if (kind === "transposition") {
      const at = random.int(0, copy.length - 2);
      [copy[at], copy[at + 1]] = [copy[at + 1]!, copy[at]!];
    } else if (kind === "deletion") {
      copy.splice(random.int(0, copy.length - 1), 1);
    } else if (kind === "insertion") {
      copy.splice(random.int(0, copy.length), 0, random.pick([...LETTERS]));
    } else {
      copy[random.int(0, copy.length - 1)] = random.pick([...LETTERS]);
    }
    const typo = copy.join("");
    if (typo.toLowerCase() !== word.toLowerCase()) return typo;
  }
  return `${word}x`;
}

type Case = {
  source: "title word" | "author name";
  kind: TypoKind;
  typed: string;
  correct: string;
  wanted: (hit: Hit) => boolean;
};
type Hit = { slug: string; authors: Array<{ slug: string }> };

export type TypoSetResult = {
  cases: number;
  found: number;
  /** Drawn cases left out because the correct spelling does not find the item in the top 10. */
  skipped: number;
  byKind: Record<TypoKind, { cases: number; found: number }>;
  bySource: Record<Case["source"], { cases: number; found: number }>;
  failures: string[];
};

/** The first ten results for what was typed, cleaned as the search page and GET /api/search clean it. */
const top10 = async (engine: SearchEngine, typed: string): Promise<Hit[]> =>
  (await engine.search({ query: cleanQuery(typed), filters: {}, sort: "relevance", page: 1 })).hits.slice(0, 10);

/** Draws `count` cases (half title words, half author names) with `seed`, and runs them. */
export async function runTypoSet(
  databaseUrl: string,
  engine: SearchEngine,
  options: { count: number; seed: number },
): Promise<TypoSetResult> {
  const random = createRandom(options.seed);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let titles: Array<{ slug: string; title: string }>;
  let authors: Array<{ slug: string; name: string }>;
  try {
    titles = (
      await client.query<{ slug: string; title: string }>(
        `SELECT slug, title FROM "Publication" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL AND "publishedAt" <= now() ORDER BY id`,
      )
    ).rows;
    authors = (
      await client.query<{ slug: string; name: string }>(
        `SELECT a.slug, a.name FROM "Author" a
          WHERE EXISTS (SELECT 1 FROM "PublicationAuthor" pa JOIN "Publication" p ON p.id = pa."publicationId"
                         WHERE pa."authorId" = a.id AND p.status = 'PUBLISHED' AND p."deletedAt" IS NULL AND p."publishedAt" <= now())
          ORDER BY a.id`,
      )
    ).rows;
  } finally {
    await client.end();
  }
  const result: TypoSetResult = {
    cases: 0,
    found: 0,
    skipped: 0,
    byKind: Object.fromEntries(TYPO_KINDS.map((kind) => [kind, { cases: 0, found: 0 }])) as TypoSetResult["byKind"],
    bySource: { "title word": { cases: 0, found: 0 }, "author name": { cases: 0, found: 0 } },
    failures: [],
  };
  const words = (text: string) => text.match(/[\p{L}]+/gu) ?? [];
  for (let drawn = 0; result.cases < options.count && drawn < options.count * 5; drawn++) {
    const kind = TYPO_KINDS[drawn % TYPO_KINDS.length]!;
    let testCase: Case | null = null;
    if (drawn % 2 === 0 && titles.length > 0) {
      const publication = random.pick(titles);
      const candidates = words(publication.title).filter((word) => word.length >= 5);
      if (candidates.length === 0) continue;
      const word = random.pick(candidates);
      const typo = misspell(word, kind, random);
      testCase = {
        source: "title word",
        kind,
        typed: publication.title.replace(word, typo),
        correct: publication.title,
        wanted: (hit) => hit.slug === publication.slug,
      };
    } else if (authors.length > 0) {
      const author = random.pick(authors);
      const part = [...words(author.name)].sort((a, b) => b.length - a.length)[0];
      if (!part || part.length < 4) continue;
      testCase = {
        source: "author name",
        kind,
        typed: misspell(part, kind, random),
        correct: part,
        wanted: (hit) => hit.authors.some((entry) => entry.slug === author.slug),
      };
    }
    if (!testCase) continue;
    if (!(await top10(engine, testCase.correct)).some(testCase.wanted)) {
      result.skipped++;
      continue;
    }
    const found = (await top10(engine, testCase.typed)).some(testCase.wanted);
    result.cases++;
    result.byKind[testCase.kind].cases++;
    result.bySource[testCase.source].cases++;
    if (found) {
      result.found++;
      result.byKind[testCase.kind].found++;
      result.bySource[testCase.source].found++;
    } else {
      result.failures.push(`${testCase.kind}: “${testCase.typed}” (for “${testCase.correct}”)`);
    }
  }
  return result;
}

/** The figures, as the bench prints them. */
export function printTypoSet(result: TypoSetResult, seed: number): void {
  const share = (part: { cases: number; found: number }) =>
    `${part.found}/${part.cases} (${part.cases ? ((100 * part.found) / part.cases).toFixed(1) : "–"} %)`;
  console.log(
    `Typo set (seed ${seed}): ${share(result)} find the intended item in the top 10 (target ≥ 95 %); ${result.skipped} drawn cases left out (their correct spelling misses the top 10)`,
  );
  for (const kind of TYPO_KINDS) console.log(`  ${kind.padEnd(26)} ${share(result.byKind[kind])}`);
  for (const source of ["title word", "author name"] as const)
    console.log(`  ${source.padEnd(26)} ${share(result.bySource[source])}`);
  for (const failure of result.failures.slice(0, 20)) console.log(`  missed: ${failure}`);
}
