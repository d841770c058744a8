/**
 * Parses HTML the way a browser tokenizer would (htmlparser2, entities decoded) and lists
 * everything in it that could run script: disallowed elements, event-handler attributes,
 * script-capable URLs, frames from other hosts.
 */
import { Parser } from "htmlparser2";

const ALLOWED_TAGS = new Set([
  "p",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "u",
  "s",
  "code",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "br",
  "hr",
  "figure",
  "figcaption",
  "small",
  "img",
  "iframe",
  "div",
  "table",
  "tbody",
  "tr",
  "th",
  "td",
  "sup",
  "section",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "data",
  "background",
  "poster",
  "xlink:href",
  "cite",
]);
const IFRAME_PREFIXES = ["https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"];

/** Browsers ignore control characters and whitespace inside a URL's scheme. */
function schemeOf(url: string): string {
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return compact.match(/^([a-z][a-z0-9+.-]*):/)?.[1] ?? "";
}

export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) problems.push(`element <${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) problems.push(`event handler ${attribute} on <${name}>`);
          if (attribute === "style" || attribute === "srcdoc") problems.push(`${attribute} on <${name}>`);
          if (URL_ATTRIBUTES.has(attribute)) {
            const scheme = schemeOf(value);
            if (scheme && !["http", "https", "mailto"].includes(scheme))
              problems.push(`${scheme}: URL in ${attribute} on <${name}>`);
            if (value.trim().startsWith("//")) problems.push(`protocol-relative URL in ${attribute} on <${name}>`);
          }
        }
        if (name === "iframe" && !IFRAME_PREFIXES.some((prefix) => (attributes.src ?? "").startsWith(prefix))) {
          problems.push(`iframe from ${attributes.src}`);
        }
        if (name === "img" && !(attributes.src ?? "").match(/^(\/media\/|https:\/\/)/))
          problems.push(`image from ${attributes.src}`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // Belt and braces: the raw text must not carry these either, whatever the parser saw.
  if (/<script/i.test(html)) problems.push("<script in the text");
  if (/javascript:/i.test(html.replace(/&[a-z]+;|&#\d+;/gi, ""))) {
    // Escaped text may mention javascript: harmlessly; only flag it inside a tag.
    if (/<[^>]*javascript:/i.test(html)) problems.push("javascript: inside a tag");
  }
  return problems;
}
