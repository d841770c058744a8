/**
 * Snippets: PostgreSQL's ts_headline marks matched words with two private-use characters
 * (the source text is stripped of them first), and this turns its output into plain-text
 * parts. Rendering the parts with React escapes every character of the document, so no
 * markup from a body ever reaches the page; matches are shown in <mark>.
 */
import type { SnippetPart } from "./engine";

export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

// Bodies are sanitized HTML: ts_headline drops its tags but passes entities through.
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, name: string) => {
    if (name.startsWith("#")) {
      const codePoint = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)
        ? String.fromCodePoint(codePoint)
        : " ";
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const clean = decodeEntities(text).replace(/\s+/g, " ");
    if (!clean) return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += clean;
    else parts.push({ text: clean, match });
  };
  let rest = headline.trim();
  while (rest) {
    const start = rest.indexOf(MATCH_START);
    if (start === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, start), false);
    const end = rest.indexOf(MATCH_END, start);
    push(rest.slice(start + 1, end === -1 ? undefined : end), true);
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts;
}
