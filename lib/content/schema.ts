/**
 * The body documents Quire stores: a TipTap/ProseMirror JSON allowlist. Every node and
 * mark type the editor offers is listed here with the attributes it may carry; anything
 * else is refused, and unknown attributes are dropped. Parsing returns the cleaned
 * document, which is what gets stored. Pure: shared by server actions and tests.
 */
import { z } from "zod";
import { allowedImageSrc, safeHref, safeImageSrc, type RenderOptions } from "./render-html";
import { videoEmbedUrl } from "./video";

/** Bodies larger than this (as JSON) are refused before parsing. */
const MAX_BODY_JSON_BYTES = 2_000_000;

const shortText = (max: number) => z.string().max(max);
const optionalDimension = z
  .union([z.coerce.number().int().min(1).max(20_000), z.null()])
  .optional()
  .catch(null);

const linkHref = z
  .string()
  .max(2000)
  .refine((href) => safeHref(href) !== null, "Links must start with http://, https:// or mailto:");

const markSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bold") }),
  z.object({ type: z.literal("italic") }),
  z.object({ type: z.literal("underline") }),
  z.object({ type: z.literal("strike") }),
  z.object({ type: z.literal("code") }),
  z.object({ type: z.literal("link"), attrs: z.object({ href: linkHref }) }),
]);

const textNode = z.object({
  type: z.literal("text"),
  text: z.string().min(1).max(100_000),
  marks: z.array(markSchema).max(10).optional(),
});

const hardBreakNode = z.object({ type: z.literal("hardBreak") });

/** A footnote: an inline marker whose note text is printed, numbered, after the body. */
const footnoteNode = z.object({
  type: z.literal("footnote"),
  attrs: z.object({ content: z.string().trim().min(1, "A footnote needs its text").max(5000) }),
});

const inlineNode = z.discriminatedUnion("type", [textNode, hardBreakNode, footnoteNode]);
const inlineContent = z.array(inlineNode).max(10_000).optional();

const paragraphNode = z.object({ type: z.literal("paragraph"), content: inlineContent });
const headingNode = z.object({
  type: z.literal("heading"),
  attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlineContent,
});
const horizontalRuleNode = z.object({ type: z.literal("horizontalRule") });

const imageNode = z.object({
  type: z.literal("image"),
  attrs: z.object({
    src: z
      .string()
      .max(2000)
      .refine((src) => safeImageSrc(src) !== null, "Images must come from the media library or an https:// address"),
    alt: z.string().trim().min(1, "Every image needs alt text").max(500),
    title: shortText(500).nullish(),
    caption: shortText(1000).nullish(),
    credit: shortText(300).nullish(),
    width: optionalDimension,
    height: optionalDimension,
    mediaId: z.union([z.number().int().positive(), z.null()]).optional().catch(null),
  }),
});

const videoNode = z.object({
  type: z.literal("youtube"),
  attrs: z.object({
    src: z
      .string()
      .max(500)
      .refine((src) => videoEmbedUrl(src) !== null, "Videos must be YouTube or Vimeo addresses"),
    start: z.coerce.number().int().min(0).max(86_400).optional().catch(0),
    width: optionalDimension,
    height: optionalDimension,
  }),
});

type Block = { type: string; [key: string]: unknown };

const blockList: z.ZodType<Block[]> = z.lazy(() => z.array(blockNode).max(10_000));

const listItemNode = z.object({ type: z.literal("listItem"), content: blockList });
const bulletListNode = z.object({ type: z.literal("bulletList"), content: z.array(listItemNode).min(1).max(1000) });
const orderedListNode = z.object({
  type: z.literal("orderedList"),
  attrs: z.object({ start: z.coerce.number().int().min(0).max(100_000).optional().catch(1) }).optional(),
  content: z.array(listItemNode).min(1).max(1000),
});
const blockquoteNode = z.object({ type: z.literal("blockquote"), content: blockList });

const cellAttrs = z
  .object({
    colspan: z.coerce.number().int().min(1).max(50).optional().catch(1),
    rowspan: z.coerce.number().int().min(1).max(200).optional().catch(1),
    colwidth: z.array(z.number().int().min(1).max(5000)).max(50).nullish().catch(null),
  })
  .optional();
const tableCellNode = z.object({ type: z.enum(["tableCell", "tableHeader"]), attrs: cellAttrs, content: blockList });
const tableRowNode = z.object({ type: z.literal("tableRow"), content: z.array(tableCellNode).min(1).max(50) });
const tableNode = z.object({ type: z.literal("table"), content: z.array(tableRowNode).min(1).max(500) });

const blockNode: z.ZodType<Block> = z.discriminatedUnion("type", [
  paragraphNode,
  headingNode,
  bulletListNode,
  orderedListNode,
  blockquoteNode,
  horizontalRuleNode,
  imageNode,
  videoNode,
  tableNode,
]) as z.ZodType<Block>;

const bodyDocumentSchema = z.object({ type: z.literal("doc"), content: z.array(blockNode).max(10_000) });

export type BodyDocument = z.infer<typeof bodyDocumentSchema>;

export const EMPTY_BODY: BodyDocument = { type: "doc", content: [{ type: "paragraph" }] };

export type BodyParseResult = { ok: true; doc: BodyDocument } | { ok: false; message: string };

/** The first image source in `nodes` that is not from the media library or an allowed host. */
function foreignImageSource(nodes: readonly unknown[], imageHosts: RenderOptions["imageHosts"]): string | null {
  for (const node of nodes as Block[]) {
    const attrs = node.attrs as { src?: unknown } | undefined;
    if (node.type === "image" && allowedImageSrc(attrs?.src, imageHosts) === null) return String(attrs?.src);
    const found = Array.isArray(node.content) ? foreignImageSource(node.content, imageHosts) : null;
    if (found !== null) return found;
  }
  return null;
}

function foreignImageMessage(src: string, imageHosts: readonly string[]): string {
  let host = src;
  try {
    host = new URL(src).hostname;
  } catch {
    // Shown as given.
  }
  const allowed = imageHosts.length > 0 ? `the media library or ${imageHosts.join(", ")}` : "the media library";
  return `The body contains an image from ${host}: images must come from ${allowed}. Upload the image to the media library and insert it from there.`;
}

/**
 * Validates a body from a request: the cleaned document, or one readable reason. Images
 * must come from the media library or `options.imageHosts` (CONTENT_IMAGE_HOSTS).
 */
export function parseBodyDocument(input: unknown, options: RenderOptions = {}): BodyParseResult {
  let size: number;
  try {
    size = JSON.stringify(input ?? null).length;
  } catch {
    return { ok: false, message: "The body is not a valid document." };
  }
  if (size > MAX_BODY_JSON_BYTES) return { ok: false, message: "The body is too long to save." };
  const parsed = bodyDocumentSchema.safeParse(input);
  if (parsed.success) {
    const foreign = foreignImageSource(parsed.data.content, options.imageHosts);
    if (foreign !== null) return { ok: false, message: foreignImageMessage(foreign, options.imageHosts ?? []) };
    return { ok: true, doc: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const custom = issue && issue.code === "custom" ? issue.message : null;
  const known = issue && /needs|must/i.test(issue.message) ? issue.message : null;
  return {
    ok: false,
    message: `The body contains content the editor does not allow${custom || known ? `: ${custom ?? known}` : ""}.`,
  };
}
