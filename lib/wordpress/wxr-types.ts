/**
 * What a WordPress export (WXR 1.1 / 1.2) holds, as the reader hands it over: the site,
 * its authors and terms (from the channel), then one item at a time. Each record is
 * validated with zod as it leaves the reader, so the importer works on typed values only.
 */
import { z } from "zod";

const text = (max: number) => z.string().max(max);
/** WordPress ids: positive integers, written as text in the export. */
const wordPressId = z.coerce.number().int().min(0).max(2_147_483_647);

export const wxrSiteSchema = z.object({
  title: text(500),
  /** The old site's address, e.g. "https://example.org" (no trailing slash). */
  baseSiteUrl: text(2000),
  baseBlogUrl: text(2000),
  wxrVersion: z.enum(["1.0", "1.1", "1.2"]),
});
export type WxrSite = z.infer<typeof wxrSiteSchema>;

export const wxrAuthorSchema = z.object({
  id: wordPressId.nullable(),
  login: text(200).min(1),
  email: text(320),
  displayName: text(500),
  firstName: text(200),
  lastName: text(200),
});
export type WxrAuthor = z.infer<typeof wxrAuthorSchema>;

export const wxrTermSchema = z.object({
  id: wordPressId,
  taxonomy: z.enum(["category", "post_tag"]),
  slug: text(200).min(1),
  name: text(500),
  /** The parent's slug (WXR names the parent by nicename), or "" at the top. */
  parentSlug: text(200),
  description: text(10_000),
});
export type WxrTerm = z.infer<typeof wxrTermSchema>;

export const wxrItemTermSchema = z.object({
  /** "category", "post_tag", "post_format" or another taxonomy. */
  domain: text(100),
  nicename: text(200),
  name: text(500),
});

export const wxrItemSchema = z.object({
  /** 1-based position in the file, for messages. */
  index: z.number().int().positive(),
  /** The line the item starts on. */
  line: z.number().int().positive(),
  postId: wordPressId,
  title: text(2000),
  link: text(2000),
  guid: text(2000),
  creator: text(200),
  content: z.string(),
  excerpt: z.string(),
  postName: text(400),
  postType: text(100),
  status: text(50),
  postParent: wordPressId,
  menuOrder: z.coerce.number().int().catch(0),
  /** "YYYY-MM-DD HH:MM:SS" in UTC, or "0000-00-00 00:00:00" for drafts never dated. */
  postDateGmt: text(40),
  postDate: text(40),
  postModifiedGmt: text(40),
  attachmentUrl: text(2000),
  /** Set on password-protected posts (never imported as public). */
  password: text(500),
  terms: z.array(wxrItemTermSchema).max(1000),
  meta: z.record(z.string(), z.string()),
});
export type WxrItem = z.infer<typeof wxrItemSchema>;

export type WxrRecord =
  | { kind: "site"; site: WxrSite }
  | { kind: "author"; author: WxrAuthor }
  | { kind: "term"; term: WxrTerm }
  | { kind: "item"; item: WxrItem };

/** A file the reader cannot take: the message names the line and, inside an item, the item. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = "WxrError";
  }
}
