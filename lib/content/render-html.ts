/**
 * Rendering of stored ProseMirror/TipTap JSON documents to HTML and to plain
 * text. Bodies come from the database, so every input is treated as
 * untrusted: all text and attribute values are escaped, and links keep only
 * http(s) and mailto targets.
 */

import { videoEmbedUrl } from "./video";

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

/**
 * An image address as the editor accepts it while typing: a file from our media library
 * (/media/…) or an https address. Where it may come from is decided on the server
 * (`allowedImageSrc`): the editor in the browser does not know the configured hosts.
 */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== "string" || src.length > 2000) return null;
  if (/^\/media\/[^/\\]/.test(src) && !/[\\\s"'<>]/.test(src)) return src;
  try {
    const url = new URL(src);
    return url.protocol === "https:" && !url.username && !url.password && !/[\s"'<>]/.test(src) ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Hosts body images may come from besides the media library (CONTENT_IMAGE_HOSTS): every
 * other host would learn who reads which publication, and when.
 */
export type ImageHosts = readonly string[];

/** A body image the site shows: from the media library, or over https from one of `imageHosts`. */
export function allowedImageSrc(src: unknown, imageHosts: ImageHosts = []): string | null {
  const safe = safeImageSrc(src);
  if (safe === null || safe.startsWith("/media/")) return safe;
  return imageHosts.includes(new URL(safe).hostname) ? safe : null;
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

/** What one render collects on the way (footnote texts, numbered in order of appearance), and the image hosts it allows. */
type RenderContext = { footnotes: string[]; imageHosts: ImageHosts };

export type RenderOptions = { imageHosts?: ImageHosts };

const SIMPLE_MARKS: Record<string, [string, string]> = {
  bold: ["<strong>", "</strong>"],
  italic: ["<em>", "</em>"],
  underline: ["<u>", "</u>"],
  strike: ["<s>", "</s>"],
  code: ["<code>", "</code>"],
};

function renderText(node: ProseMirrorNode, out: string[]): void {
  if (typeof node.text !== "string" || node.text === "") return;
  const closing: string[] = [];
  for (const mark of node.marks ?? []) {
    const simple = SIMPLE_MARKS[mark.type];
    if (simple) {
      out.push(simple[0]);
      closing.push(simple[1]);
      continue;
    }
    switch (mark.type) {
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

function renderNodes(nodes: ProseMirrorNode[], out: string[], context: RenderContext): void {
  for (const node of nodes) renderNode(node, out, context);
}

function renderWrapped(
  open: string,
  close: string,
  node: ProseMirrorNode,
  out: string[],
  context: RenderContext,
): void {
  out.push(open);
  renderNodes(childrenOf(node), out, context);
  out.push(close);
}

function stringAttr(node: ProseMirrorNode, name: string): string {
  const value = node.attrs?.[name];
  return typeof value === "string" ? value.trim() : "";
}

function dimensionAttr(node: ProseMirrorNode, name: string): string {
  const value = Number(node.attrs?.[name]);
  return Number.isInteger(value) && value > 0 && value <= 20_000 ? ` ${name}="${value}"` : "";
}

function spanAttr(node: ProseMirrorNode, name: "colspan" | "rowspan"): string {
  const value = Number(node.attrs?.[name]);
  return Number.isInteger(value) && value > 1 && value <= 200 ? ` ${name}="${value}"` : "";
}

/** A figure with its caption and credit; images from elsewhere than media or an allowed host are dropped. */
function renderImage(node: ProseMirrorNode, out: string[], context: RenderContext): void {
  const src = allowedImageSrc(node.attrs?.src, context.imageHosts);
  if (src === null) return;
  const caption = stringAttr(node, "caption");
  const credit = stringAttr(node, "credit");
  out.push(
    `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(stringAttr(node, "alt"))}"${dimensionAttr(node, "width")}${dimensionAttr(node, "height")} loading="lazy">`,
  );
  if (caption || credit) {
    out.push("<figcaption>", escapeHtml(caption));
    if (credit) out.push(`${caption ? " " : ""}<small>${escapeHtml(credit)}</small>`);
    out.push("</figcaption>");
  }
  out.push("</figure>");
}

/** A privacy-minded player frame, sandboxed to what the players need. */
function renderVideo(node: ProseMirrorNode, out: string[]): void {
  const src = videoEmbedUrl(node.attrs?.src);
  if (src === null) return;
  out.push(
    `<figure class="video"><iframe src="${escapeHtml(src)}" title="Embedded video" width="640" height="360" loading="lazy" ` +
      `sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" ` +
      `allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></figure>`,
  );
}

function renderFootnoteReference(node: ProseMirrorNode, out: string[], context: RenderContext): void {
  const content = stringAttr(node, "content");
  if (!content) return;
  context.footnotes.push(content);
  const number = context.footnotes.length;
  out.push(
    `<sup class="footnote-ref" id="fnref-${number}"><a href="#fn-${number}" aria-describedby="footnotes-label">${number}</a></sup>`,
  );
}

function renderFootnotes(footnotes: string[], out: string[]): void {
  if (footnotes.length === 0) return;
  out.push('<section class="footnotes"><h2 id="footnotes-label">Notes</h2><ol>');
  footnotes.forEach((content, index) => {
    const number = index + 1;
    out.push(
      `<li id="fn-${number}">${escapeHtml(content)} <a href="#fnref-${number}" aria-label="Back to reference ${number}">↩</a></li>`,
    );
  });
  out.push("</ol></section>");
}

function renderNode(node: ProseMirrorNode, out: string[], context: RenderContext): void {
  switch (node.type) {
    case "text":
      renderText(node, out);
      return;
    case "paragraph":
      renderWrapped("<p>", "</p>", node, out, context);
      return;
    case "heading": {
      const level = headingLevel(node);
      renderWrapped(`<h${level}>`, `</h${level}>`, node, out, context);
      return;
    }
    case "bulletList":
      renderWrapped("<ul>", "</ul>", node, out, context);
      return;
    case "orderedList": {
      const start = orderedListStart(node);
      renderWrapped(start === 1 ? "<ol>" : `<ol start="${start}">`, "</ol>", node, out, context);
      return;
    }
    case "listItem":
      renderWrapped("<li>", "</li>", node, out, context);
      return;
    case "blockquote":
      renderWrapped("<blockquote>", "</blockquote>", node, out, context);
      return;
    case "hardBreak":
      out.push("<br>");
      return;
    case "horizontalRule":
      out.push("<hr>");
      return;
    case "image":
      renderImage(node, out, context);
      return;
    case "youtube":
      renderVideo(node, out);
      return;
    case "footnote":
      renderFootnoteReference(node, out, context);
      return;
    case "table":
      out.push('<div class="table-scroll"><table><tbody>');
      renderNodes(childrenOf(node), out, context);
      out.push("</tbody></table></div>");
      return;
    case "tableRow":
      renderWrapped("<tr>", "</tr>", node, out, context);
      return;
    case "tableHeader":
    case "tableCell": {
      const tag = node.type === "tableHeader" ? "th" : "td";
      renderWrapped(
        `<${tag}${spanAttr(node, "colspan")}${spanAttr(node, "rowspan")}>`,
        `</${tag}>`,
        node,
        out,
        context,
      );
      return;
    }
    default:
      // Unknown node: no wrapper, but its text is still shown (escaped).
      if (typeof node.text === "string") out.push(escapeHtml(node.text));
      renderNodes(childrenOf(node), out, context);
  }
}

export function renderDocumentHtml(doc: ProseMirrorDoc, options: RenderOptions = {}): string {
  const out: string[] = [];
  const context: RenderContext = { footnotes: [], imageHosts: options.imageHosts ?? [] };
  renderNodes(childrenOf(doc), out, context);
  renderFootnotes(context.footnotes, out);
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
    } else if (!(
      inWord &&
      charClass === JOINER &&
      i + 1 < text.length &&
      CHAR_CLASS[text.charCodeAt(i + 1)] === WORD_CHAR
    )) {
      inWord = false;
    }
  }
  return count;
}
