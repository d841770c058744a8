/** Counts as people write them: 6,262. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat("en-US").format(value);
}

/** "1 publication", "6,262 publications". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

const WORDS_PER_MINUTE = 230;

/** Reading time shown on a publication: never less than one minute. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
