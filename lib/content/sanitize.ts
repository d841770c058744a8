/**
 * The second layer behind the renderer (render-html.ts already escapes everything and
 * emits only known tags): sanitize-html with an explicit allowlist, so even a renderer
 * bug cannot put a script, an event handler, a javascript:/data: URL or a foreign iframe
 * into stored or served HTML.
 */
import sanitizeHtml from "sanitize-html";
import { allowedImageSrc, type RenderOptions } from "./render-html";
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
};

/** The options for one call: an image or frame whose source is not allowed is dropped whole rather than left empty. */
function optionsFor({ imageHosts = [] }: RenderOptions): sanitizeHtml.IOptions {
  return {
    ...OPTIONS,
    exclusiveFilter: (frame) =>
      (frame.tag === "img" && allowedImageSrc(frame.attribs.src, imageHosts) === null) ||
      (frame.tag === "iframe" && !isAllowedFrameSource(frame.attribs.src)),
  };
}

function isAllowedFrameSource(src: string | undefined): boolean {
  return typeof src === "string" && VIDEO_EMBED_HOSTS.some((host) => src.startsWith(`https://${host}/`));
}

/** Images only from our media route or over https from the allowed hosts (see `allowedImageSrc`). */
export function sanitizeBodyHtml(html: string, options: RenderOptions = {}): string {
  return sanitizeHtml(html, optionsFor(options));
}
