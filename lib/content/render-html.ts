/**
 * Rendering of stored ProseMirror/TipTap JSON documents to HTML and to plain
 * text. Bodies come from the database, so every input is treated as
 * untrusted: all text and attribute values are escaped, and links keep only
 * http(s) and mailto targets.
 */

export interface ProseMirrorMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface ProseMirrorNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
  /** Only on `text` nodes. */
  text?: string;
  marks?: ProseMirrorMark[];
}

export interface ProseMirrorDoc {
  type: "doc";
  content: ProseMirrorNode[];
}

const CHAR_AMP = 38;
const CHAR_LT = 60;
const CHAR_GT = 62;
const CHAR_QUOT = 34;
const CHAR_APOS = 39;

const NEEDS_ESCAPING = /[&<>"']/;

/** Escapes & < > " ' for use in text and in double-quoted attributes. */
export function escapeHtml(value: string): string {
  // Most text needs no escaping; the native test finds that fastest.
  if (!NEEDS_ESCAPING.test(value)) return value;
  let out = "";
  let copiedUpTo = 0;
  for (let i = 0; i < value.length; i++) {
    let entity: string;
    switch (value.charCodeAt(i)) {
      case CHAR_AMP:
        entity = "&amp;";
        break;
      case CHAR_LT:
        entity = "&lt;";
        break;
      case CHAR_GT:
        entity = "&gt;";
        break;
      case CHAR_QUOT:
        entity = "&quot;";
        break;
      case CHAR_APOS:
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out += value.slice(copiedUpTo, i) + entity;
    copiedUpTo = i + 1;
  }
  return out + value.slice(copiedUpTo);
}

const SAFE_URL_SCHEMES = ["http:", "https:", "mailto:"];

/**
 * The href to render, or null if the link must be dropped. Only absolute
 * http(s)/mailto URLs pass; leading whitespace and control characters are
 * stripped first, as browsers ignore them ("\tjavascript:" is still javascript:).
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  let start = 0;
  while (start < href.length && href.charCodeAt(start) <= 32) start++;
  const url = href.slice(start);
  const colon = url.indexOf(":");
  if (colon <= 0) return null;
  const scheme = url.slice(0, colon + 1).toLowerCase();
  return SAFE_URL_SCHEMES.includes(scheme) ? url : null;
}

function childrenOf(node: { content?: ProseMirrorNode[] }): ProseMirrorNode[] {
  return Array.isArray(node.content) ? node.content : [];
}

/** Heading level clamped to 2–6: the page title owns <h1>. */
function headingLevel(node: ProseMirrorNode): number {
  const level = node.attrs?.level;
  if (typeof level !== "number" || !Number.isInteger(level)) return 2;
  return Math.min(6, Math.max(2, level));
}

function orderedListStart(node: ProseMirrorNode): number {
  const start = node.attrs?.start;
  return typeof start === "number" && Number.isInteger(start) ? start : 1;
}

function renderText(node: ProseMirrorNode, out: string[]): void {
  if (typeof node.text !== "string" || node.text === "") return;
  const closing: string[] = [];
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case "bold":
        out.push("<strong>");
        closing.push("</strong>");
        break;
      case "italic":
        out.push("<em>");
        closing.push("</em>");
        break;
      case "link": {
        const href = safeHref(mark.attrs?.href);
        if (href === null) break; // unsafe target: keep the text, drop the link
        out.push(`<a href="${escapeHtml(href)}" rel="noopener">`);
        closing.push("</a>");
        break;
      }
      default:
        break; // unknown marks render as plain text
    }
  }
  out.push(escapeHtml(node.text));
  for (let i = closing.length - 1; i >= 0; i--) out.push(closing[i] as string);
}

function renderNodes(nodes: ProseMirrorNode[], out: string[]): void {
  for (const node of nodes) renderNode(node, out);
}

function renderWrapped(open: string, close: string, node: ProseMirrorNode, out: string[]): void {
  out.push(open);
  renderNodes(childrenOf(node), out);
  out.push(close);
}

function renderNode(node: ProseMirrorNode, out: string[]): void {
  switch (node.type) {
    case "text":
      renderText(node, out);
      return;
    case "paragraph":
      renderWrapped("<p>", "</p>", node, out);
      return;
    case "heading": {
      const level = headingLevel(node);
      renderWrapped(`<h${level}>`, `</h${level}>`, node, out);
      return;
    }
    case "bulletList":
      renderWrapped("<ul>", "</ul>", node, out);
      return;
    case "orderedList": {
      const start = orderedListStart(node);
      renderWrapped(start === 1 ? "<ol>" : `<ol start="${start}">`, "</ol>", node, out);
      return;
    }
    case "listItem":
      renderWrapped("<li>", "</li>", node, out);
      return;
    case "blockquote":
      renderWrapped("<blockquote>", "</blockquote>", node, out);
      return;
    case "hardBreak":
      out.push("<br>");
      return;
    default:
      // Unknown node: no wrapper, but its text is still shown (escaped).
      if (typeof node.text === "string") out.push(escapeHtml(node.text));
      renderNodes(childrenOf(node), out);
  }
}

export function renderDocumentHtml(doc: ProseMirrorDoc): string {
  const out: string[] = [];
  renderNodes(childrenOf(doc), out);
  return out.join("");
}

/** Nodes whose content is inline text: each becomes one line of plain text. */
const TEXTBLOCK_TYPES = new Set(["paragraph", "heading"]);

/** A known textblock, or an unknown node that holds text directly (e.g. a code block). */
function isTextblock(node: ProseMirrorNode): boolean {
  if (TEXTBLOCK_TYPES.has(node.type)) return true;
  const first = childrenOf(node)[0];
  return first !== undefined && (first.type === "text" || first.type === "hardBreak");
}

function collectInlineText(node: ProseMirrorNode, parts: string[]): void {
  if (typeof node.text === "string") parts.push(node.text);
  else if (node.type === "hardBreak") parts.push("\n");
  for (const child of childrenOf(node)) collectInlineText(child, parts);
}

function collectLines(nodes: ProseMirrorNode[], lines: string[]): void {
  for (const node of nodes) {
    if (isTextblock(node) || typeof node.text === "string") {
      const parts: string[] = [];
      collectInlineText(node, parts);
      lines.push(parts.join(""));
    } else {
      collectLines(childrenOf(node), lines);
    }
  }
}

/** The document's text, one line per paragraph or heading (list items and quotes included). */
export function documentPlainText(doc: ProseMirrorDoc): string {
  const lines: string[] = [];
  collectLines(childrenOf(doc), lines);
  return lines.join("\n");
}

const SEPARATOR = 0;
const WORD_CHAR = 1;
/** Joins two word runs when between them: don't, US-led, 3.5, 1,200, Korea’s. */
const JOINER = 2;

/**
 * Character class of every UTF-16 code unit, computed once: ASCII letters and
 * digits, and anything beyond Latin-1 punctuation except the general
 * punctuation, symbol and CJK punctuation blocks, are word characters, so
 * accented letters, Hangul and Han count.
 */
const CHAR_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(0x10000).fill(WORD_CHAR);
  table.fill(SEPARATOR, 0, 0xc0); // ASCII and Latin-1 punctuation: nbsp, «, », °, ·
  table.fill(WORD_CHAR, 48, 58); // 0-9
  table.fill(WORD_CHAR, 65, 91); // A-Z
  table.fill(WORD_CHAR, 97, 123); // a-z
  table[0xd7] = SEPARATOR; // ×
  table[0xf7] = SEPARATOR; // ÷
  table.fill(SEPARATOR, 0x2000, 0x2c00); // dashes, curly quotes, €, ₩, arrows
  table.fill(SEPARATOR, 0x3000, 0x3040); // CJK punctuation: 、。「」
  table.fill(SEPARATOR, 0xff00, 0xff10); // full-width ！＂＃…／
  for (const joiner of "'’-.,") table[joiner.charCodeAt(0)] = JOINER;
  return table;
})();

/**
 * Number of words: runs of letters/digits, where an apostrophe, hyphen, dot or
 * comma between two word characters keeps the run going. Dashes, spaces and
 * other punctuation separate words; punctuation alone is no word.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const charClass = CHAR_CLASS[text.charCodeAt(i)];
    if (charClass === WORD_CHAR) {
      if (!inWord) {
        count++;
        inWord = true;
      }
    } else if (!(inWord && charClass === JOINER && i + 1 < text.length && CHAR_CLASS[text.charCodeAt(i + 1)] === WORD_CHAR)) {
      inWord = false;
    }
  }
  return count;
}
