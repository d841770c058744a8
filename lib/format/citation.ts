/**
 * "Cite this" formats for a publication. Names written given name first are split at the
 * last space (given names, then family name) and inverted where a style asks ("Doe, J. Q.").
 * Names written family name first (the author's name order: "Kim Jong-un", "Park Seo-yeon")
 * are cited as written, never inverted with a comma.
 */
export type CitationAuthor = string | { name: string; familyFirst?: boolean };

export type CitationInput = {
  title: string;
  authors: CitationAuthor[];
  publishedAt: Date;
  siteName: string;
  url: string;
  typeName: string;
};

type Name = { given: string; family: string; written: string; familyFirst: boolean };

function splitName(author: CitationAuthor): Name {
  const { name, familyFirst = false } = typeof author === "string" ? { name: author } : author;
  const written = name.trim().replace(/\s+/g, " ");
  if (familyFirst) {
    const cut = written.indexOf(" ");
    return cut === -1
      ? { given: "", family: written, written, familyFirst }
      : { given: written.slice(cut + 1), family: written.slice(0, cut), written, familyFirst };
  }
  const cut = written.lastIndexOf(" ");
  return cut === -1
    ? { given: "", family: written, written, familyFirst }
    : { given: written.slice(0, cut), family: written.slice(cut + 1), written, familyFirst };
}

/** "Family, Given" where a style inverts a name; a family-first name as written. */
const inverted = (name: Name, given = name.given) =>
  name.familyFirst || !given ? name.written : `${name.family}, ${given}`;

const initials = (given: string) =>
  given
    .split(/[\s]+/)
    .filter(Boolean)
    .map((part) =>
      part
        .split("-")
        .map((piece) => `${piece[0]}.`)
        .join("-"),
    )
    .join(" ");

/** "A", "A, and B" (the first name is inverted, hence the comma), "A, B, and C". */
function joinInvertedList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export function apa(input: CitationInput): string {
  const names = input.authors.map(splitName).map((name) => inverted(name, name.given && initials(name.given)));
  const authors =
    names.length > 1 ? `${names.slice(0, -1).join(", ")}, & ${names[names.length - 1]}` : (names[0] ?? input.siteName);
  const date = input.publishedAt;
  return `${authors} (${date.getUTCFullYear()}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}). ${input.title}. ${input.siteName}. ${input.url}`;
}

export function mla(input: CitationInput): string {
  const names = input.authors.map(splitName);
  const first = names[0];
  let authors = "";
  if (first) {
    const lead = inverted(first);
    // The comma before "and" follows an inverted name only.
    const and = lead === first.written ? " and " : ", and ";
    authors = names.length === 1 ? lead : names.length === 2 ? `${lead}${and}${names[1]!.written}` : `${lead}, et al`;
    authors += ". ";
  }
  const date = input.publishedAt;
  return `${authors}"${input.title}." ${input.siteName}, ${date.getUTCDate()} ${MLA_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${input.url}.`;
}

export function chicago(input: CitationInput): string {
  const names = input.authors.map(splitName);
  const formatted = names.map((name, index) => (index === 0 ? inverted(name) : name.written));
  const twoUninverted = formatted.length === 2 && formatted[0] === names[0]!.written;
  const list = twoUninverted ? formatted.join(" and ") : joinInvertedList(formatted);
  const authors = formatted.length ? `${list}. ` : "";
  const date = input.publishedAt;
  return `${authors}"${input.title}." ${input.siteName}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}. ${input.url}.`;
}

export function bibtex(input: CitationInput): string {
  const names = input.authors.map(splitName);
  const key = `${(names[0]?.family ?? "quire").toLowerCase().replace(/[^a-z0-9]/g, "")}${input.publishedAt.getUTCFullYear()}`;
  const escape = (value: string) => value.replace(/([{}\\&%$#_])/g, "\\$1");
  const fields = [
    names.length
      ? `  author = {${names.map((name) => escape(name.given ? `${name.family}, ${name.given}` : name.family)).join(" and ")}},`
      : null,
    `  title = {{${escape(input.title)}}},`,
    `  year = {${input.publishedAt.getUTCFullYear()}},`,
    `  month = ${BIBTEX_MONTHS[input.publishedAt.getUTCMonth()]},`,
    `  howpublished = {\\url{${input.url}}},`,
    `  note = {${escape(`${input.typeName}, ${input.siteName}`)}}`,
  ].filter(Boolean);
  return `@misc{${key},\n${fields.join("\n")}\n}`;
}

export const CITATION_FORMATS = [
  { id: "apa", label: "APA", format: apa },
  { id: "mla", label: "MLA", format: mla },
  { id: "chicago", label: "Chicago", format: chicago },
  { id: "bibtex", label: "BibTeX", format: bibtex },
] as const;
