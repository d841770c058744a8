// One formatter for the process: making one costs far more than formatting (a results page formats dozens of counts).
const COUNT_FORMAT = new Intl.NumberFormat("en-US");

/** Counts as people write them: 6,262. */
export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
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
