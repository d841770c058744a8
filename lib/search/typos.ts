/**
 * Typo correction's arithmetic, pure: folding a word as the vocabulary stores it, the
 * deletion neighbourhood a misspelt word is looked up by (SymSpell; the vocabulary's side is
 * "SearchTermDeletion", kept by the database), the Damerau–Levenshtein distance that decides
 * between the words found, and the choice itself.
 */

/** Lower-cased, accents removed: "Novák" → "novak", as "SearchTerm".term. */
export function foldWord(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Edits forgiven in a word of this length: one up to four letters, two from five. */
export function maxEditDistance(word: string): number {
  return Array.from(word).length <= 4 ? 1 : 2;
}

/**
 * The word and every string made by deleting up to `distance` of its letters. The database
 * stores each vocabulary word with its single deletions, so a typed word with up to two
 * deletions meets every word one edit away (a substitution or transposition is a deletion
 * on each side) and most words two edits away.
 */
export function deletions(word: string, distance: number): string[] {
  const found = new Set([word]);
  let frontier = [word];
  for (let round = 0; round < distance; round++) {
    const next: string[] = [];
    for (const current of frontier) {
      const letters = Array.from(current);
      if (letters.length <= 1) continue;
      for (let index = 0; index < letters.length; index++) {
        const shorter = [...letters.slice(0, index), ...letters.slice(index + 1)].join("");
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return [...found];
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and transpositions of adjacent letters each count one. "nvoak" → "novak": 1.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const rows = s.length + 1;
  const columns = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/** A vocabulary word found for a misspelt one. */
export type CorrectionCandidate = {
  term: string;
  /** Public publications using it in a title or summary. */
  documents: number;
  /** An author's, topic's or series' name the word belongs to, as written ("Lukáš Novák"). */
  name: string | null;
};

/**
 * The best correction of `typed` (folded) among the candidates: the smallest edit
 * distance, within what the word's length forgives; then a word of a name (people search
 * for names); then the most frequent; then alphabetical, so the choice is stable. Returned
 * as written in the name when it is one ("Novák"), otherwise as the vocabulary has it.
 */
export function bestCorrection(typed: string, candidates: CorrectionCandidate[]): string | null {
  const limit = maxEditDistance(typed);
  const ranked = candidates
    .filter((candidate) => candidate.term !== typed)
    .map((candidate) => ({ ...candidate, distance: editDistance(typed, candidate.term) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.name !== null) - Number(a.name !== null) ||
        b.documents - a.documents ||
        a.term.localeCompare(b.term),
    );
  const best = ranked[0];
  if (!best) return null;
  const written = best.name?.match(/[\p{L}\p{N}]+/gu)?.find((word) => foldWord(word) === best.term);
  return written ?? best.term;
}
