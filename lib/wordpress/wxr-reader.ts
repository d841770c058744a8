/**
 * A streaming reader for WordPress exports (WXR 1.0–1.2, plain or gzip-compressed): bytes
 * in, typed records out, one item at a time, so a 45 MB export is never held whole.
 *
 * Hostile files: the XML parser (saxes) knows only XML's five predefined entities and
 * character references; a DOCTYPE (where entity declarations and external entities would
 * live) is refused outright, so there is no XXE and no entity expansion. The decompressed
 * size is capped, and so is each element's text. Every refusal is a WxrError whose message
 * names the line and, inside an item, which item.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { SaxesParser } from "saxes";
import {
  WxrError,
  wxrAuthorSchema,
  wxrItemSchema,
  wxrSiteSchema,
  wxrTermSchema,
  type WxrRecord,
  type WxrSite,
} from "./wxr-types";

export { WxrError } from "./wxr-types";

/** Two gigabytes unpacked: ten times the largest export seen in practice. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 1024 ** 3;
/** One element's text (a post body) may not exceed this. */
const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

export type ReadWxrOptions = {
  /** Refuse the file once this many bytes have been read after decompression. */
  maxDecompressedBytes?: number;
  /** Called with the number of input bytes consumed so far (before decompression). */
  onInputBytes?: (bytes: number) => void;
};

type Fields = Record<string, string>;

/** A file stream, or any (async) iterable of byte chunks. */
export type WxrSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Splits gzip from plain input by its magic number, never by the file's name. */
async function* unpacked(
  source: WxrSource,
  onInputBytes: ((bytes: number) => void) | undefined,
): AsyncGenerator<Uint8Array> {
  const iterator =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (async function* () {
          yield* source;
        })();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new WxrError("The file is empty.");
  let consumed = 0;
  const all = async function* () {
    consumed += first.value.length;
    onInputBytes?.(consumed);
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      consumed += next.value.length;
      onInputBytes?.(consumed);
      yield next.value;
    }
  };
  if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) {
    yield* all();
    return;
  }
  const input = Readable.from(all());
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof WxrError) throw error;
    throw new WxrError(
      "The compressed file is truncated or damaged (gzip: " + (error instanceof Error ? error.message : "error") + ").",
    );
  }
}

/**
 * Reads a WordPress export: first `site`, then the channel's `author`s and `term`s, then
 * each `item` in file order. Throws WxrError for anything that is not a whole, well-formed
 * WordPress export in UTF-8.
 */
export async function* readWxr(source: WxrSource, options: ReadWxrOptions = {}): AsyncGenerator<WxrRecord> {
  const maxBytes = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const parser = new SaxesParser({ position: true });
  const pending: WxrRecord[] = [];
  const path: string[] = [];
  let textBuffer = "";
  let sawRoot = false;
  let rootClosed = false;
  let channelFields: Fields = {};
  let siteSent = false;
  let block: { kind: "author" | "category" | "tag" | "term"; fields: Fields } | null = null;
  let item: {
    fields: Fields;
    line: number;
    terms: { domain: string; nicename: string; name: string }[];
    meta: Fields;
  } | null = null;
  let itemTerm: { domain: string; nicename: string } | null = null;
  let metaKey = "";
  let metaValue = "";
  let itemCount = 0;
  const seenTerms = new Set<string>();

  const where = (): string => {
    const line = parser.line;
    if (item) {
      const post = item.fields["wp:post_id"] ? `, post ${item.fields["wp:post_id"]}` : "";
      return `item ${itemCount} (starting on line ${item.line}${post}), line ${line}`;
    }
    return `line ${line}`;
  };
  const fail = (message: string): never => {
    throw new WxrError(`${message} (${where()}).`, parser.line);
  };

  parser.on("error", (error) => {
    // saxes messages start with "line:column: ".
    fail(`The file is not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, "")}`);
  });
  parser.on("doctype", () =>
    fail("The file declares a DOCTYPE; WordPress exports have none, and declarations are refused"),
  );
  parser.on("xmldecl", (declaration) => {
    const encoding = declaration.encoding?.toLowerCase();
    if (encoding && encoding !== "utf-8" && encoding !== "utf8") {
      fail(
        `The file declares the encoding ${declaration.encoding}; only UTF-8 exports are read (WordPress writes UTF-8)`,
      );
    }
  });

  const emitSite = (): void => {
    if (siteSent) return;
    siteSent = true;
    const version = channelFields["wp:wxr_version"];
    if (!version) fail("This is an RSS feed but not a WordPress export: it has no <wp:wxr_version>");
    const parsed = wxrSiteSchema.safeParse({
      title: channelFields.title ?? "",
      baseSiteUrl: (channelFields["wp:base_site_url"] ?? channelFields.link ?? "").replace(/\/+$/, ""),
      baseBlogUrl: (channelFields["wp:base_blog_url"] ?? channelFields["wp:base_site_url"] ?? "").replace(/\/+$/, ""),
      wxrVersion: version,
    });
    if (!parsed.success) fail(`Unsupported WordPress export version "${version}" (1.0, 1.1 and 1.2 are read)`);
    else pending.push({ kind: "site", site: parsed.data as WxrSite });
  };

  const pushTerm = (term: Record<string, unknown>): void => {
    const parsed = wxrTermSchema.safeParse(term);
    if (!parsed.success) {
      if (term.taxonomy === "category" || term.taxonomy === "post_tag") {
        fail(`A ${String(term.taxonomy)} in the export is incomplete: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      }
      return; // other taxonomies (nav_menu, post_format…) are not imported
    }
    const key = `${parsed.data.taxonomy}:${parsed.data.slug}`;
    if (seenTerms.has(key)) return; // WordPress writes categories both as wp:category and wp:term
    seenTerms.add(key);
    pending.push({ kind: "term", term: parsed.data });
  };

  const closeBlock = (): void => {
    if (!block) return;
    const f = block.fields;
    if (block.kind === "author") {
      const parsed = wxrAuthorSchema.safeParse({
        id: f["wp:author_id"] ? f["wp:author_id"] : null,
        login: f["wp:author_login"] ?? "",
        email: f["wp:author_email"] ?? "",
        displayName: f["wp:author_display_name"] ?? "",
        firstName: f["wp:author_first_name"] ?? "",
        lastName: f["wp:author_last_name"] ?? "",
      });
      if (!parsed.success)
        fail(`An author in the export is incomplete: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      else pending.push({ kind: "author", author: parsed.data });
    } else if (block.kind === "category") {
      pushTerm({
        id: f["wp:term_id"],
        taxonomy: "category",
        slug: f["wp:category_nicename"] ?? "",
        name: f["wp:cat_name"] ?? "",
        parentSlug: f["wp:category_parent"] ?? "",
        description: f["wp:category_description"] ?? "",
      });
    } else if (block.kind === "tag") {
      pushTerm({
        id: f["wp:term_id"],
        taxonomy: "post_tag",
        slug: f["wp:tag_slug"] ?? "",
        name: f["wp:tag_name"] ?? "",
        parentSlug: "",
        description: f["wp:tag_description"] ?? "",
      });
    } else {
      pushTerm({
        id: f["wp:term_id"],
        taxonomy: f["wp:term_taxonomy"] ?? "",
        slug: f["wp:term_slug"] ?? "",
        name: f["wp:term_name"] ?? "",
        parentSlug: f["wp:term_parent"] ?? "",
        description: f["wp:term_description"] ?? "",
      });
    }
    block = null;
  };

  const closeItem = (): void => {
    if (!item) return;
    const f = item.fields;
    const parsed = wxrItemSchema.safeParse({
      index: itemCount,
      line: item.line,
      postId: f["wp:post_id"] ?? "",
      title: f.title ?? "",
      link: f.link ?? "",
      guid: f.guid ?? "",
      creator: f["dc:creator"] ?? "",
      content: f["content:encoded"] ?? "",
      excerpt: f["excerpt:encoded"] ?? "",
      postName: f["wp:post_name"] ?? "",
      postType: f["wp:post_type"] ?? "post",
      status: f["wp:status"] ?? "draft",
      postParent: f["wp:post_parent"] || "0",
      menuOrder: f["wp:menu_order"] ?? "0",
      postDateGmt: f["wp:post_date_gmt"] ?? "",
      postDate: f["wp:post_date"] ?? "",
      postModifiedGmt: f["wp:post_modified_gmt"] ?? "",
      attachmentUrl: f["wp:attachment_url"] ?? "",
      password: f["wp:post_password"] ?? "",
      terms: item.terms,
      meta: item.meta,
    });
    if (!f["wp:post_id"]) fail("An item has no <wp:post_id>");
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`An item is invalid: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
    } else pending.push({ kind: "item", item: parsed.data });
    item = null;
  };

  parser.on("opentag", (tag) => {
    const name = tag.name;
    const depth = path.length;
    path.push(name);
    textBuffer = "";
    if (depth === 0) {
      sawRoot = true;
      if (name !== "rss") fail(`This is not a WordPress export: its root element is <${name}>, not <rss>`);
      return;
    }
    if (depth === 1) {
      if (name !== "channel") fail(`This is not a WordPress export: <rss> holds <${name}>, not <channel>`);
      return;
    }
    if (depth === 2) {
      if (name === "item") {
        emitSite();
        itemCount++;
        item = { fields: {}, line: parser.line, terms: [], meta: {} };
      } else if (name === "wp:author" || name === "wp:category" || name === "wp:tag" || name === "wp:term") {
        emitSite();
        block = { kind: name.slice(3) as "author" | "category" | "tag" | "term", fields: {} };
      }
      return;
    }
    if (item && depth === 3 && name === "category") {
      const attributes = tag.attributes as Record<string, string>;
      itemTerm = { domain: attributes.domain ?? "", nicename: attributes.nicename ?? "" };
    }
  });

  const appendText = (chunk: string): void => {
    if (path.length < 3) return; // whitespace between the channel's elements
    if (textBuffer.length + chunk.length > MAX_ELEMENT_CHARS) {
      fail(`<${path.at(-1)}> is longer than ${MAX_ELEMENT_CHARS / 1024 / 1024} MB`);
    }
    textBuffer += chunk;
  };
  parser.on("text", appendText);
  parser.on("cdata", appendText);

  parser.on("closetag", (tag) => {
    const name = tag.name;
    const depth = path.length - 1;
    path.pop();
    const value = textBuffer;
    textBuffer = "";
    if (depth === 0) {
      rootClosed = true;
      emitSite();
      return;
    }
    if (depth === 2) {
      if (name === "item") closeItem();
      else if (block) closeBlock();
      else channelFields[name] = value.trim();
      return;
    }
    if (depth === 3) {
      if (item) {
        if (name === "category" && itemTerm) {
          item.terms.push({ ...itemTerm, name: value.trim() });
          itemTerm = null;
        } else if (name === "wp:postmeta") {
          if (metaKey) item.meta[metaKey] = metaValue;
          metaKey = "";
          metaValue = "";
        } else if (name !== "wp:comment") {
          item.fields[name] = name === "content:encoded" || name === "excerpt:encoded" ? value : value.trim();
        }
      } else if (block) block.fields[name] = value.trim();
      return;
    }
    if (depth === 4 && item && path[3] === "wp:postmeta") {
      if (name === "wp:meta_key") metaKey = value.trim();
      else if (name === "wp:meta_value") metaValue = value;
    }
  });

  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      return fail("The file is not valid UTF-8 (WordPress exports are UTF-8; was it converted to another encoding?)");
    }
  };

  for await (const chunk of unpacked(source, options.onInputBytes)) {
    bytes += chunk.length;
    if (bytes > maxBytes) fail(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB once unpacked`);
    parser.write(decode(chunk));
    if (pending.length > 0) yield* pending.splice(0);
  }
  parser.write(decode(undefined));
  if (!sawRoot) throw new WxrError("This is not a WordPress export: the file holds no XML element.");
  if (!rootClosed) {
    const last = itemCount > 0 ? ` after item ${itemCount}` : "";
    throw new WxrError(
      `The file is truncated: it ends at line ${parser.line}${last} before the export does. Export it again, or copy the whole file.`,
      parser.line,
    );
  }
  parser.close();
  if (pending.length > 0) yield* pending.splice(0);
  channelFields = {};
}
