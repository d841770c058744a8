/**
 * The second layer behind the renderer (render-html.ts already escapes everything and
 * emits only known tags): sanitize-html with an explicit allowlist, so even a renderer
 * bug cannot put a script, an event handler, a javascript:/data: URL or a foreign iframe
 * into stored or served HTML.
 */
import sanitizeHtml from "sanitize-html";
import { VIDEO_EMBED_HOSTS } from "./video";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ["href", "rel", "aria-describedby", "aria-label"],
    img: ["src", "alt", "width", "height", "loading"],
    iframe: ["src", "title", "width", "height", "loading", "sandbox", "allow", "referrerpolicy", "allowfullscreen"],
    ol: ["start"],
    li: ["id"],
    sup: ["id", "class"],
    h2: ["id"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    figure: ["class"],
    section: ["class"],
    div: ["class"],
  },
  allowedClasses: { sup: ["footnote-ref"], figure: ["video"], section: ["footnotes"], div: ["table-scroll"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"], iframe: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...VIDEO_EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: "discard",
  // Raw text of dropped elements (script, style, textarea…) is dropped with them.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "title",
    "template",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
  ],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener" } }),
  },
  // An image or frame whose source was removed is dropped whole rather than left empty.
  exclusiveFilter: (frame) =>
    (frame.tag === "img" && !isAllowedImageSource(frame.attribs.src)) ||
    (frame.tag === "iframe" && !isAllowedFrameSource(frame.attribs.src)),
};

function isAllowedFrameSource(src: string | undefined): boolean {
  return typeof src === "string" && VIDEO_EMBED_HOSTS.some((host) => src.startsWith(`https://${host}/`));
}

/** Images only from our media route or https (relative URLs other than /media/ are dropped). */
function isAllowedImageSource(src: string | undefined): boolean {
  return typeof src === "string" && (src.startsWith("/media/") || src.startsWith("https://"));
}

export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
