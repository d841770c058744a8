/**
 * "Cite this" formats for a publication. Names are split at the last space (given names,
 * then family name), which is how the author records are written.
 */
export type CitationInput = {
  title: string;
  authors: string[];
  publishedAt: Date;
  siteName: string;
  url: string;
  typeName: string;
};

type Name = { given: string; family: string };

function splitName(fullName: string): Name {
  const trimmed = fullName.trim();
  const cut = trimmed.lastIndexOf(" ");
  return cut === -1 ? { given: "", family: trimmed } : { given: trimmed.slice(0, cut), family: trimmed.slice(cut + 1) };
}

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
  const names = input.authors
    .map(splitName)
    .map((name) => (name.given ? `${name.family}, ${initials(name.given)}` : name.family));
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
    const lead = first.given ? `${first.family}, ${first.given}` : first.family;
    authors = names.length === 1 ? lead : names.length === 2 ? `${lead}, and ${input.authors[1]}` : `${lead}, et al`;
    authors += ". ";
  }
  const date = input.publishedAt;
  return `${authors}"${input.title}." ${input.siteName}, ${date.getUTCDate()} ${MLA_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${input.url}.`;
}

export function chicago(input: CitationInput): string {
  const names = input.authors.map(splitName);
  const formatted = names.map((name, index) =>
    index === 0 && name.given ? `${name.family}, ${name.given}` : `${name.given} ${name.family}`.trim(),
  );
  const authors = formatted.length ? `${joinInvertedList(formatted)}. ` : "";
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
