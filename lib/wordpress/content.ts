/**
 * A WordPress post body (Gutenberg block markup or classic HTML with shortcodes) → the
 * editor's document (lib/content/schema.ts). Gutenberg comments are read for embeds; the
 * HTML is parsed (htmlparser2) and walked into paragraphs, headings, lists, quotes, tables,
 * figures, videos and footnotes. What has no place in the document keeps its text, and its
 * sanitized HTML is returned in `unmapped` for the import report, never silently dropped.
 * The caller validates the document and renders it through the editor's sanitizer.
 */
import type { ChildNode, Element } from "domhandler";
import { parseDocument, Parser } from "htmlparser2";
import { safeHref } from "@/lib/content/render-html";
import { sanitizeBodyHtml } from "@/lib/content/sanitize";
import { videoEmbedUrl } from "@/lib/content/video";

type Mark = { type: string; attrs?: Record<string, unknown> };
type Node = { type: string; attrs?: Record<string, unknown>; content?: Node[]; text?: string; marks?: Mark[] };

export type ImageTarget = { src: string; mediaId: number | null; alt?: string; caption?: string; credit?: string };

export type ConvertOptions = {
  /** Where an image of the old site now lives, or null when it could not be brought across. */
  resolveImage: (src: string) => ImageTarget | null;
  /** The post's "footnotes" meta (Gutenberg 6.3+ footnotes block), a JSON list of { id, content }. */
  footnotesMeta?: string;
};

export type ConvertedBody = {
  doc: { type: "doc"; content: Node[] };
  /** Markup that had no place in the document: what it was and its sanitized HTML. */
  unmapped: { what: string; html: string }[];
  /** Images whose file could not be brought across (left out of the body). */
  missingImages: string[];
  /** Hostile or unsafe markup removed (scripts, handlers, javascript: links). */
  removed: string[];
};

const BLOCK_TAGS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "blockquote",
  "figure",
  "table",
  "hr",
  "div",
  "section",
  "article",
  "aside",
  "header",
  "footer",
  "main",
  "pre",
  "iframe",
  "dl",
  "address",
  "details",
  "nav",
  "form",
  "video",
  "audio",
  "object",
  "embed",
]);
const DROPPED_WITH_CONTENT = new Set(["script", "style", "noscript", "template", "head", "title", "meta", "link"]);
const INLINE_MARKS: Record<string, Mark> = {
  strong: { type: "bold" },
  b: { type: "bold" },
  em: { type: "italic" },
  i: { type: "italic" },
  u: { type: "underline" },
  ins: { type: "underline" },
  s: { type: "strike" },
  del: { type: "strike" },
  strike: { type: "strike" },
  code: { type: "code" },
  kbd: { type: "code" },
};
/** Containers whose children are simply walked. */
const TRANSPARENT = new Set([
  "div",
  "section",
  "article",
  "aside",
  "header",
  "footer",
  "main",
  "center",
  "span",
  "font",
  "abbr",
  "cite",
  "small",
  "big",
  "mark",
  "q",
  "dfn",
  "time",
  "label",
  "sub",
  "body",
  "html",
  "tbody",
  "thead",
  "tfoot",
]);

/** Applies WordPress's automatic paragraphs (wpautop) to classic content: blank lines part paragraphs. */
function autoParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) =>
      /^<(h[1-6]|ul|ol|blockquote|figure|table|div|pre|hr|iframe)\b/i.test(part)
        ? part
        : `<p>${part.replace(/\n/g, "<br>")}</p>`,
    )
    .join("\n");
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Parses `[name a="b" c='d' e=f]` attributes. */
function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))/g)) {
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}

/**
 * Gutenberg embeds and classic shortcodes → plain HTML the walker understands:
 * `[caption]<img> text[/caption]` → a figure with its caption; embed blocks, `[embed]` and
 * a video address alone on a line → a marker element for the video node.
 */
function expandWordPressMarkup(html: string): string {
  return (
    html
      .replace(
        /<!--\s*wp:(?:core-)?embed(?:\/[\w-]+)?\s+(\{[\s\S]*?\})\s*-->[\s\S]*?<!--\s*\/wp:(?:core-)?embed(?:\/[\w-]+)?\s*-->/g,
        (whole, json: string) => {
          try {
            const url = (JSON.parse(json) as { url?: unknown }).url;
            return typeof url === "string" ? `<quire-embed data-url="${escapeAttribute(url)}"></quire-embed>` : whole;
          } catch {
            return whole;
          }
        },
      )
      .replace(
        /\[embed[^\]]*\]\s*(https?:\/\/[^\s[]+)\s*\[\/embed\]/gi,
        (_whole, url: string) => `<quire-embed data-url="${escapeAttribute(url)}"></quire-embed>`,
      )
      .replace(
        /^[ \t]*(https?:\/\/(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com)\/\S+)[ \t]*$/gm,
        (_whole, url: string) => `<quire-embed data-url="${escapeAttribute(url)}"></quire-embed>`,
      )
      .replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_whole, attributeText: string, inner: string) => {
        const attributes = shortcodeAttributes(attributeText);
        const match = inner.match(/^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i);
        const image = match?.[1] ?? "";
        const caption = (match ? match[2]! : (attributes.caption ?? inner)).trim();
        return `<figure>${image}<figcaption>${caption}</figcaption></figure>`;
      })
      // Remaining block comments carry nothing the document needs.
      .replace(/<!--[\s\S]*?-->/g, "")
  );
}

function attribute(element: Element, name: string): string {
  return element.attribs[name] ?? "";
}

function classes(element: Element): string[] {
  return attribute(element, "class").split(/\s+/).filter(Boolean);
}

function textOf(node: ChildNode): string {
  if (node.type === "text") return node.data;
  if (node.type === "tag" && !DROPPED_WITH_CONTENT.has(node.name)) return node.children.map(textOf).join("");
  return "";
}

function outerHtml(node: ChildNode): string {
  if (node.type === "text") return node.data.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  if (node.type !== "tag" && node.type !== "script" && node.type !== "style") return "";
  const element = node as Element;
  const attributes = Object.entries(element.attribs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  return `<${element.name}${attributes}>${element.children.map(outerHtml).join("")}</${element.name}>`;
}

/** A footnote's text: the note without its "↩" link back. */
function footnoteText(element: Element): string {
  const parts = element.children.filter(
    (child) =>
      !(
        child.type === "tag" &&
        child.name === "a" &&
        /^#/.test(attribute(child, "href")) &&
        /↩|\^|back/i.test(textOf(child))
      ),
  );
  return parts.map(textOf).join("").replace(/\s+/g, " ").trim();
}

function isFootnoteList(element: Element): boolean {
  return (
    element.name === "ol" && classes(element).some((name) => name === "footnotes" || name === "wp-block-footnotes")
  );
}

function collectFootnotes(nodes: ChildNode[], into: Map<string, string>): void {
  for (const node of nodes) {
    if (node.type !== "tag") continue;
    if (isFootnoteList(node)) {
      for (const item of node.children) {
        if (item.type === "tag" && item.name === "li" && item.attribs.id) into.set(item.attribs.id, footnoteText(item));
      }
    } else collectFootnotes(node.children, into);
  }
}

class Walker {
  readonly unmapped: ConvertedBody["unmapped"] = [];
  readonly missingImages: string[] = [];
  readonly removed: string[] = [];

  constructor(
    private readonly options: ConvertOptions,
    private readonly footnotes: Map<string, string>,
  ) {}

  private keepUnmapped(what: string, node: ChildNode): void {
    this.unmapped.push({ what, html: sanitizeBodyHtml(outerHtml(node)).slice(0, 2000) });
  }

  /** The footnote a `<sup>` marker points at, if it is one. */
  private footnoteOf(element: Element): string | null {
    const link = element.children.find((child): child is Element => child.type === "tag" && child.name === "a");
    const target = link ? attribute(link, "href").replace(/^#/, "") : "";
    const byData = attribute(element, "data-fn");
    const text = this.footnotes.get(target) ?? this.footnotes.get(byData);
    return text ? text : null;
  }

  private image(element: Element, caption = ""): Node | null {
    const src = attribute(element, "src");
    const candidates = imageCandidates(src, attribute(element, "srcset"));
    if (candidates.length === 0) return null;
    const target = candidates.map((candidate) => this.options.resolveImage(candidate)).find(Boolean);
    if (!target) {
      this.missingImages.push(src || candidates[0]!);
      return null;
    }
    const alt = (attribute(element, "alt") || target.alt || caption || attribute(element, "title") || "Image").slice(
      0,
      500,
    );
    const width = Number.parseInt(attribute(element, "width"), 10);
    const height = Number.parseInt(attribute(element, "height"), 10);
    return {
      type: "image",
      attrs: {
        src: target.src,
        alt: alt.trim() || "Image",
        title: null,
        caption: (caption || target.caption || "").slice(0, 1000) || null,
        credit: (target.credit ?? "").slice(0, 300) || null,
        width: Number.isFinite(width) && width > 0 ? width : null,
        height: Number.isFinite(height) && height > 0 ? height : null,
        mediaId: target.mediaId,
      },
    };
  }

  private video(url: string): Node | null {
    const src = videoEmbedUrl(url);
    return src ? { type: "youtube", attrs: { src } } : null;
  }

  /** Inline content of `nodes` with `marks`; images and other blocks met inline are lifted into `lifted`. */
  inline(nodes: ChildNode[], marks: Mark[], lifted: Node[]): Node[] {
    const out: Node[] = [];
    for (const node of nodes) {
      if (node.type === "text") {
        const text = node.data.replace(/[\s\u00a0]+/g, (space) => (space.includes("\u00a0") ? "\u00a0" : " "));
        if (text) out.push(marks.length > 0 ? { type: "text", text, marks } : { type: "text", text });
        continue;
      }
      if (node.type === "script" || node.type === "style") {
        this.removed.push(`<${node.name}>`);
        continue;
      }
      if (node.type !== "tag") continue;
      const name = node.name;
      if (DROPPED_WITH_CONTENT.has(name)) {
        this.removed.push(`<${name}>`);
        continue;
      }
      if (Object.keys(node.attribs).some((attributeName) => attributeName.startsWith("on"))) {
        this.removed.push(`${name} event handler`);
      }
      if (name === "br") out.push({ type: "hardBreak" });
      else if (INLINE_MARKS[name]) out.push(...this.inline(node.children, addMark(marks, INLINE_MARKS[name]), lifted));
      else if (name === "a") {
        const href = attribute(node, "href");
        const safe = href && !href.startsWith("#") ? safeHref(href) : null;
        if (href && !href.startsWith("#") && safe === null) this.removed.push(`link to ${href.slice(0, 60)}`);
        out.push(
          ...this.inline(node.children, safe ? addMark(marks, { type: "link", attrs: { href: safe } }) : marks, lifted),
        );
      } else if (name === "sup") {
        const note = this.footnoteOf(node);
        if (note) out.push({ type: "footnote", attrs: { content: note.slice(0, 5000) } });
        else out.push(...this.inline(node.children, marks, lifted));
      } else if (name === "img") {
        const image = this.image(node);
        if (image) lifted.push(image);
      } else if (name === "quire-embed") {
        const video = this.video(attribute(node, "data-url"));
        if (video) lifted.push(video);
        else out.push({ type: "text", text: attribute(node, "data-url") });
      } else if (name === "iframe") {
        const video = this.video(attribute(node, "src"));
        if (video) lifted.push(video);
        else this.keepUnmapped("iframe", node);
      } else if (BLOCK_TAGS.has(name)) {
        lifted.push(...this.blocks([node]));
      } else {
        if (!TRANSPARENT.has(name)) this.keepUnmapped(`<${name}>`, node);
        out.push(...this.inline(node.children, marks, lifted));
      }
    }
    return out;
  }

  /** A paragraph-like block from inline nodes, followed by anything lifted out of them. */
  private textBlock(type: "paragraph" | "heading", nodes: ChildNode[], attrs?: Record<string, unknown>): Node[] {
    const lifted: Node[] = [];
    const content = trimInline(this.inline(nodes, [], lifted));
    const blocks: Node[] = [];
    if (content.length > 0) blocks.push(attrs ? { type, attrs, content } : { type, content });
    return [...blocks, ...lifted];
  }

  private listItems(element: Element): Node[] {
    const items: Node[] = [];
    for (const child of element.children) {
      if (child.type !== "tag" || child.name !== "li") continue;
      const content = this.blocks(child.children);
      items.push({ type: "listItem", content: content.length > 0 ? content : [{ type: "paragraph" }] });
    }
    return items;
  }

  private table(element: Element): Node | null {
    const rows: Node[] = [];
    const visit = (nodes: ChildNode[]) => {
      for (const node of nodes) {
        if (node.type !== "tag") continue;
        if (node.name === "tr") {
          const cells = node.children
            .filter((cell): cell is Element => cell.type === "tag" && (cell.name === "td" || cell.name === "th"))
            .slice(0, 50)
            .map((cell) => {
              const content = this.blocks(cell.children).filter((block) => block.type !== "table");
              const colspan = Number.parseInt(attribute(cell, "colspan"), 10);
              const rowspan = Number.parseInt(attribute(cell, "rowspan"), 10);
              return {
                type: cell.name === "th" ? "tableHeader" : "tableCell",
                attrs: {
                  colspan: colspan > 0 ? Math.min(colspan, 50) : 1,
                  rowspan: rowspan > 0 ? Math.min(rowspan, 200) : 1,
                  colwidth: null,
                },
                content: content.length > 0 ? content : [{ type: "paragraph" }],
              };
            });
          if (cells.length > 0) rows.push({ type: "tableRow", content: cells });
        } else if (node.name === "thead" || node.name === "tbody" || node.name === "tfoot") visit(node.children);
      }
    };
    visit(element.children);
    return rows.length > 0 ? { type: "table", content: rows.slice(0, 500) } : null;
  }

  private figure(element: Element): Node[] {
    const captionElement = element.children.find(
      (child): child is Element => child.type === "tag" && child.name === "figcaption",
    );
    const caption = captionElement ? textOf(captionElement).replace(/\s+/g, " ").trim() : "";
    const table = findTag(element, "table");
    if (table) {
      const node = this.table(table);
      const blocks = node ? [node] : [];
      if (caption)
        blocks.push({ type: "paragraph", content: [{ type: "text", text: caption, marks: [{ type: "italic" }] }] });
      return blocks;
    }
    const embed = findTag(element, "quire-embed");
    if (embed) {
      const video = this.video(attribute(embed, "data-url"));
      if (video) return [video];
    }
    if (classes(element).some((name) => name.startsWith("wp-block-embed"))) {
      const url = textOf(element).trim().split(/\s+/)[0] ?? "";
      const video = this.video(url);
      if (video) return [video];
    }
    const img = findTag(element, "img");
    if (img) {
      const image = this.image(img, caption);
      return image ? [image] : caption ? [{ type: "paragraph", content: [{ type: "text", text: caption }] }] : [];
    }
    return this.blocks(element.children.filter((child) => child !== captionElement));
  }

  /** Block content of `nodes`; runs of inline content become paragraphs. */
  blocks(nodes: ChildNode[]): Node[] {
    const out: Node[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      if (run.length > 0) out.push(...this.textBlock("paragraph", run));
      run = [];
    };
    for (const node of nodes) {
      if (node.type === "script" || node.type === "style") {
        flush();
        this.removed.push(`<${node.name}>`);
        continue;
      }
      if (node.type !== "tag" || !isBlockElement(node)) {
        run.push(node);
        continue;
      }
      flush();
      const name = node.name;
      if (name === "p" || name === "address") out.push(...this.textBlock("paragraph", node.children));
      else if (/^h[1-6]$/.test(name)) {
        const level = Math.min(4, Math.max(2, Number(name[1])));
        out.push(...this.textBlock("heading", node.children, { level }));
      } else if (name === "ul" || name === "ol") {
        if (isFootnoteList(node)) continue; // printed from the footnote nodes
        const items = this.listItems(node);
        if (items.length === 0) continue;
        if (name === "ul") out.push({ type: "bulletList", content: items.slice(0, 1000) });
        else {
          const start = Number.parseInt(attribute(node, "start"), 10);
          out.push({ type: "orderedList", attrs: { start: start >= 0 ? start : 1 }, content: items.slice(0, 1000) });
        }
      } else if (name === "blockquote") {
        const content = this.blocks(node.children).filter(
          (block) => block.type !== "youtube" && block.type !== "image",
        );
        if (content.length > 0) out.push({ type: "blockquote", content });
      } else if (name === "figure") out.push(...this.figure(node));
      else if (name === "table") {
        const table = this.table(node);
        if (table) out.push(table);
      } else if (name === "hr") out.push({ type: "horizontalRule" });
      else if (name === "pre") {
        const lines = textOf(node).replace(/\n$/, "").split("\n");
        const content: Node[] = [];
        lines.forEach((line, index) => {
          if (index > 0) content.push({ type: "hardBreak" });
          if (line) content.push({ type: "text", text: line, marks: [{ type: "code" }] });
        });
        if (content.length > 0) out.push({ type: "paragraph", content });
      } else if (name === "iframe" || name === "quire-embed") {
        const video = this.video(attribute(node, name === "iframe" ? "src" : "data-url"));
        if (video) out.push(video);
        else this.keepUnmapped(name === "iframe" ? "iframe" : "embed", node);
      } else if (TRANSPARENT.has(name)) out.push(...this.blocks(node.children));
      else {
        // form, video, audio, object, details, dl…: the text stays, the markup goes to the report.
        this.keepUnmapped(`<${name}>`, node);
        const text = textOf(node).replace(/\s+/g, " ").trim();
        if (text) out.push({ type: "paragraph", content: [{ type: "text", text }] });
      }
    }
    flush();
    return out;
  }
}

/** The addresses in a srcset ("a.jpg 300w, b.jpg 1024w"), widest first. */
function srcsetAddresses(srcset: string): string[] {
  return srcset
    .split(",")
    .map((entry) => entry.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map((parts) => ({ address: parts[0]!, width: Number.parseFloat(parts[1] ?? "") || 0 }))
    .sort((a, b) => b.width - a.width)
    .map((entry) => entry.address);
}

/** Where an image may be found: its src, then its srcset's entries (a lazy-loaded image may have only those). */
function imageCandidates(src: string, srcset: string): string[] {
  return [...new Set([src, ...srcsetAddresses(srcset)].filter(Boolean))];
}

/**
 * Every image address a body names (src and srcset entries, Gutenberg image blocks and
 * [caption] shortcodes included, whose markup holds an <img>), with its alt text, so that
 * their files can be brought into the library before the body is converted.
 */
export function bodyImageSources(html: string): { src: string; alt: string }[] {
  if (!html.includes("<img") && !html.includes("<IMG")) return [];
  const found = new Map<string, string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== "img") return;
        for (const address of imageCandidates(attributes.src ?? "", attributes.srcset ?? "")) {
          if (!found.has(address)) found.set(address, (attributes.alt ?? "").trim());
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return [...found].map(([src, alt]) => ({ src, alt }));
}

function isBlockElement(element: Element): boolean {
  return BLOCK_TAGS.has(element.name) || element.name === "quire-embed" || /^h[1-6]$/.test(element.name);
}

function findTag(element: Element, name: string): Element | null {
  for (const child of element.children) {
    if (child.type !== "tag") continue;
    if (child.name === name) return child;
    const found = findTag(child, name);
    if (found) return found;
  }
  return null;
}

function addMark(marks: Mark[], mark: Mark): Mark[] {
  return marks.some((existing) => existing.type === mark.type) ? marks : [...marks, mark];
}

/** Drops leading and trailing spaces and breaks of a paragraph, and merges nothing else. */
function trimInline(nodes: Node[]): Node[] {
  const out = [...nodes];
  while (out.length > 0 && (out[0]!.type === "hardBreak" || (out[0]!.type === "text" && !out[0]!.text!.trim())))
    out.shift();
  while (
    out.length > 0 &&
    (out.at(-1)!.type === "hardBreak" || (out.at(-1)!.type === "text" && !out.at(-1)!.text!.trim()))
  )
    out.pop();
  if (out[0]?.type === "text") out[0] = { ...out[0], text: out[0].text!.trimStart() };
  const last = out.at(-1);
  if (last?.type === "text") out[out.length - 1] = { ...last, text: last.text!.trimEnd() };
  return out.filter((node) => node.type !== "text" || node.text!.length > 0);
}

/** The footnotes of the Gutenberg footnotes block, stored in the post's meta as JSON. */
function footnotesFromMeta(meta: string | undefined, into: Map<string, string>): void {
  if (!meta) return;
  try {
    const list = JSON.parse(meta) as unknown;
    if (!Array.isArray(list)) return;
    for (const entry of list as { id?: unknown; content?: unknown }[]) {
      if (typeof entry.id !== "string" || typeof entry.content !== "string") continue;
      const text = textOf(parseDocument(entry.content) as unknown as ChildNode)
        .replace(/\s+/g, " ")
        .trim();
      if (text) into.set(entry.id, text);
    }
  } catch {
    // Not JSON: no footnotes from meta.
  }
}

export function convertWordPressBody(html: string, options: ConvertOptions): ConvertedBody {
  const expanded = autoParagraphs(expandWordPressMarkup(html));
  const dom = parseDocument(expanded, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const footnotes = new Map<string, string>();
  collectFootnotes(dom.children, footnotes);
  footnotesFromMeta(options.footnotesMeta, footnotes);
  const walker = new Walker(options, footnotes);
  const content = walker.blocks(dom.children).slice(0, 10_000);
  return {
    doc: { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] },
    unmapped: walker.unmapped,
    missingImages: walker.missingImages,
    removed: walker.removed,
  };
}
