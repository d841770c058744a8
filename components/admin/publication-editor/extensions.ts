/**
 * The editor's schema: what TipTap may hold is exactly what lib/content/schema.ts accepts
 * and the renderer prints, so anything pasted that falls outside it is dropped on parse.
 */
import { mergeAttributes, Node, type Extensions } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import Youtube from "@tiptap/extension-youtube";
import StarterKit from "@tiptap/starter-kit";
import { safeHref } from "@/lib/content/render-html";
import { videoEmbedUrl } from "@/lib/content/video";

/** A footnote: an inline marker carrying its note; numbered by CSS here, and by the renderer when published. */
export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      content: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-footnote") ?? "",
        renderHTML: (attributes) => ({ "data-footnote": String(attributes.content ?? "") }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["sup", mergeAttributes(HTMLAttributes, { title: `Footnote: ${HTMLAttributes["data-footnote"] ?? ""}` })];
  },
});

const dataAttribute = (name: string) => ({
  default: null,
  parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
  renderHTML: (attributes: Record<string, unknown>) =>
    attributes[name] ? { [`data-${name}`]: String(attributes[name]) } : {},
});

/** Images keep their media id, caption and credit, shown as a figure when published. */
export const FigureImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: dataAttribute("caption"),
      credit: dataAttribute("credit"),
      mediaId: {
        default: null,
        parseHTML: (element: HTMLElement) => Number(element.getAttribute("data-media-id")) || null,
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.mediaId ? { "data-media-id": String(attributes.mediaId) } : {},
      },
    };
  },
}).configure({ inline: false, allowBase64: false });

/** YouTube and Vimeo, both shown through the same privacy-minded player address the site uses. */
export const Video = Youtube.extend({
  renderHTML({ HTMLAttributes }) {
    const src = videoEmbedUrl(HTMLAttributes.src) ?? "about:blank";
    return [
      "div",
      { "data-youtube-video": "" },
      [
        "iframe",
        { src, title: "Embedded video", sandbox: "allow-scripts allow-same-origin allow-presentation", tabindex: "-1" },
      ],
    ];
  },
}).configure({ nocookie: true, addPasteHandler: false });

export const editorExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    codeBlock: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      HTMLAttributes: { rel: "noopener", target: null },
      // Same rule as the server: absolute http(s) and mailto only.
      isAllowedUri: (url) => safeHref(url) !== null,
    },
  }),
  FigureImage,
  TableKit.configure({ table: { resizable: false } }),
  Video,
  Footnote,
];
