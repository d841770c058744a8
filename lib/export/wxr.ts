/**
 * The site as a WordPress eXtended RSS 1.2 file, so an institute can move to WordPress:
 * authors (wp:author), topics (wp:category), series and keywords (wp:tag), publications
 * (items of type post, with their topics, series, keywords, featured image and excerpt),
 * pages (items of type page, with their parents) and media (items of type attachment).
 * Read from one snapshot of the database and written as it is read.
 *
 * Statuses (publications and pages): published → publish (or future when its date is ahead), scheduled → future,
 * draft → draft, in review → pending, archived → private, in the trash → trash. Quire's
 * extras WordPress has no field for (co-authors, the publication type) are post meta.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import type pg from "pg";
import { cdata, escapeXml } from "@/lib/feeds/build";
import { mediaUrl, publicationPath } from "@/lib/format/paths";
import { formatWxrDateTime } from "@/lib/format/dates";
import { slugify } from "@/lib/format/slug";
import { withSnapshot } from "./snapshot";

const FETCH_ROWS = 500;

export const WXR_NAMESPACES = {
  excerpt: "http://wordpress.org/export/1.2/excerpt/",
  content: "http://purl.org/rss/1.0/modules/content/",
  wfw: "http://wellformedweb.org/CommentAPI/",
  dc: "http://purl.org/dc/elements/1.1/",
  wp: "http://wordpress.org/export/1.2/",
} as const;

export type WxrSource = { databaseUrl: string; site: { name: string; url: string } };

type PublicationRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  status: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  featuredImageId: number | null;
  typeSlug: string;
  seriesSlug: string | null;
  seriesName: string | null;
  authorSlugs: string[] | null;
  keywords: string[];
  topics: Array<{ slug: string; name: string }> | null;
};

type MediaRow = {
  id: number;
  filename: string;
  storageKey: string;
  alt: string;
  caption: string;
  credit: string;
  createdAt: string;
  usedBy: number | null;
};

function wordpressStatus(row: Pick<PublicationRow, "status" | "publishedAt" | "deletedAt">, now: Date): string {
  if (row.deletedAt) return "trash";
  switch (row.status) {
    case "PUBLISHED":
      return row.publishedAt && new Date(row.publishedAt) > now ? "future" : "publish";
    case "SCHEDULED":
      return "future";
    case "IN_REVIEW":
      return "pending";
    case "ARCHIVED":
      return "private";
    default:
      return "draft";
  }
}

const tag = (name: string, value: string | number) => `<${name}>${value}</${name}>`;
const cdataTag = (name: string, value: string) => `<${name}>${cdata(value)}</${name}>`;
const meta = (key: string, value: string) =>
  `\t\t<wp:postmeta>${cdataTag("wp:meta_key", key)}${cdataTag("wp:meta_value", value)}</wp:postmeta>\n`;

/** Writes the WXR document to `out`, and ends it. */
export async function writeWxr(
  source: WxrSource,
  out: Writable,
): Promise<{ items: number; pages: number; attachments: number }> {
  const site = source.site.url.replace(/\/+$/, "");
  const now = new Date();
  const write = async (text: string) => {
    if (out.destroyed) throw new Error("The WXR file's destination was closed");
    if (!out.write(text)) await once(out, "drain");
  };

  const counts = await withSnapshot(source.databaseUrl, async (client) => {
    await write(
      `<?xml version="1.0" encoding="UTF-8" ?>\n<!-- WordPress eXtended RSS (WXR) 1.2, written by Quire: import it with WordPress's importer (Tools → Import → WordPress). -->\n` +
        `<rss version="2.0" ${Object.entries(WXR_NAMESPACES)
          .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
          .join(" ")}>\n<channel>\n` +
        `\t${tag("title", escapeXml(source.site.name))}\n\t${tag("link", escapeXml(site))}\n` +
        `\t${tag("description", escapeXml(source.site.name))}\n\t${tag("pubDate", now.toUTCString())}\n` +
        `\t${tag("language", "en-US")}\n\t${tag("wp:wxr_version", "1.2")}\n` +
        `\t${tag("wp:base_site_url", escapeXml(site))}\n\t${tag("wp:base_blog_url", escapeXml(site))}\n`,
    );
    await writeAuthors(client, write);
    await writeTerms(client, write);
    await write(`\t${tag("generator", "Quire")}\n`);
    const items = await writePublications(client, write, site, now);
    const pages = await writePages(client, write, site, now);
    const attachments = await writeAttachments(client, write, site, items.lastId);
    await write("</channel>\n</rss>\n");
    return { items: items.count, pages, attachments };
  });
  out.end();
  return counts;
}

type Write = (text: string) => Promise<void>;

async function writeAuthors(client: pg.Client, write: Write): Promise<void> {
  const { rows } = await client.query<{ id: number; slug: string; name: string; email: string | null }>(
    `SELECT a.id, a.slug, a.name, u.email FROM "Author" a LEFT JOIN "User" u ON u.id = a."userId" ORDER BY a.id`,
  );
  for (const author of rows) {
    const [first, ...rest] = author.name.split(" ");
    await write(
      `\t<wp:author>${tag("wp:author_id", author.id)}${cdataTag("wp:author_login", author.slug)}` +
        `${cdataTag("wp:author_email", author.email ?? "")}${cdataTag("wp:author_display_name", author.name)}` +
        `${cdataTag("wp:author_first_name", first ?? "")}${cdataTag("wp:author_last_name", rest.join(" "))}</wp:author>\n`,
    );
  }
}

async function writeTerms(client: pg.Client, write: Write): Promise<void> {
  const topics = await client.query<{ id: number; slug: string; name: string; description: string }>(
    `SELECT id, slug, name, description FROM "Category" ORDER BY id`,
  );
  for (const topic of topics.rows)
    await write(
      `\t<wp:category>${tag("wp:term_id", topic.id)}${cdataTag("wp:category_nicename", topic.slug)}` +
        `${cdataTag("wp:category_parent", "")}${cdataTag("wp:cat_name", topic.name)}` +
        `${cdataTag("wp:category_description", topic.description)}</wp:category>\n`,
    );
  // Term ids are shared by categories and tags in WordPress: series ids are moved past the topics'.
  const offset = Math.max(0, ...topics.rows.map((topic) => topic.id));
  const series = await client.query<{ id: number; slug: string; name: string; description: string }>(
    `SELECT id, slug, name, description FROM "Series" ORDER BY id`,
  );
  for (const entry of series.rows)
    await write(
      `\t<wp:tag>${tag("wp:term_id", offset + entry.id)}${cdataTag("wp:tag_slug", entry.slug)}` +
        `${cdataTag("wp:tag_name", entry.name)}${cdataTag("wp:tag_description", entry.description)}</wp:tag>\n`,
    );
  // Keywords (WordPress's tags, as imported) are tags too, numbered after the series.
  const keywordOffset = offset + Math.max(0, ...series.rows.map((entry) => entry.id));
  const keywords = await client.query<{ keyword: string }>(
    `SELECT DISTINCT unnest(keywords) AS keyword FROM "Publication" ORDER BY 1`,
  );
  const seriesSlugs = new Set(series.rows.map((entry) => entry.slug));
  let index = 0;
  for (const { keyword } of keywords.rows) {
    index++;
    if (seriesSlugs.has(slugify(keyword))) continue;
    await write(
      `\t<wp:tag>${tag("wp:term_id", keywordOffset + index)}${cdataTag("wp:tag_slug", slugify(keyword))}` +
        `${cdataTag("wp:tag_name", keyword)}</wp:tag>\n`,
    );
  }
}

async function writePublications(
  client: pg.Client,
  write: Write,
  site: string,
  now: Date,
): Promise<{ count: number; lastId: number }> {
  await client.query(
    `DECLARE wxr_publications NO SCROLL CURSOR FOR
     SELECT p.id, p.slug, p.title, p.summary, p."bodyHtml", p.status::text AS status, p."publishedAt",
            p."createdAt", p."updatedAt", p."deletedAt", p."featuredImageId",
            p.keywords, t.slug AS "typeSlug", s.slug AS "seriesSlug", s.name AS "seriesName",
            (SELECT array_agg(a.slug ORDER BY pa.position) FROM "PublicationAuthor" pa
               JOIN "Author" a ON a.id = pa."authorId" WHERE pa."publicationId" = p.id) AS "authorSlugs",
            (SELECT json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY c.slug) FROM "PublicationCategory" pc
               JOIN "Category" c ON c.id = pc."categoryId" WHERE pc."publicationId" = p.id) AS topics
       FROM "Publication" p
       JOIN "PublicationType" t ON t.id = p."typeId"
       LEFT JOIN "Series" s ON s.id = p."seriesId"
      ORDER BY p.id`,
  );
  let count = 0;
  let lastId = 0;
  for (;;) {
    const { rows } = await client.query<PublicationRow>(`FETCH ${FETCH_ROWS} FROM wxr_publications`);
    if (rows.length === 0) break;
    for (const row of rows) {
      const date = new Date(row.publishedAt ?? row.createdAt);
      const modified = new Date(row.updatedAt);
      const status = wordpressStatus(row, now);
      let item =
        `\t<item>\n\t\t${cdataTag("title", row.title)}\n\t\t${tag("link", escapeXml(site + publicationPath(row.slug)))}\n` +
        `\t\t${tag("pubDate", date.toUTCString())}\n\t\t${cdataTag("dc:creator", row.authorSlugs?.[0] ?? "")}\n` +
        `\t\t<guid isPermaLink="false">${escapeXml(`${site}/?p=${row.id}`)}</guid>\n\t\t<description></description>\n` +
        `\t\t${cdataTag("content:encoded", row.bodyHtml)}\n\t\t${cdataTag("excerpt:encoded", row.summary)}\n` +
        `\t\t${tag("wp:post_id", row.id)}\n` +
        `\t\t${cdataTag("wp:post_date", formatWxrDateTime(date))}\n\t\t${cdataTag("wp:post_date_gmt", formatWxrDateTime(date))}\n` +
        `\t\t${cdataTag("wp:post_modified", formatWxrDateTime(modified))}\n\t\t${cdataTag("wp:post_modified_gmt", formatWxrDateTime(modified))}\n` +
        `\t\t${cdataTag("wp:comment_status", "closed")}\n\t\t${cdataTag("wp:ping_status", "closed")}\n` +
        `\t\t${cdataTag("wp:post_name", row.slug)}\n\t\t${cdataTag("wp:status", status)}\n` +
        `\t\t${tag("wp:post_parent", 0)}\n\t\t${tag("wp:menu_order", 0)}\n\t\t${cdataTag("wp:post_type", "post")}\n` +
        `\t\t${cdataTag("wp:post_password", "")}\n\t\t${tag("wp:is_sticky", 0)}\n`;
      for (const topic of row.topics ?? [])
        item += `\t\t<category domain="category" nicename="${escapeXml(topic.slug)}">${cdata(topic.name)}</category>\n`;
      if (row.seriesSlug)
        item += `\t\t<category domain="post_tag" nicename="${escapeXml(row.seriesSlug)}">${cdata(row.seriesName ?? "")}</category>\n`;
      for (const keyword of row.keywords)
        item += `\t\t<category domain="post_tag" nicename="${escapeXml(slugify(keyword))}">${cdata(keyword)}</category>\n`;
      item += meta("quire_publication_type", row.typeSlug);
      if ((row.authorSlugs?.length ?? 0) > 1) item += meta("quire_authors", row.authorSlugs!.join(","));
      if (row.featuredImageId !== null) item += meta("_thumbnail_id", String(attachmentId(row.featuredImageId)));
      await write(`${item}\t</item>\n`);
      count++;
      lastId = row.id;
    }
  }
  await client.query("CLOSE wxr_publications");
  return { count, lastId };
}

type PageRow = {
  id: number;
  path: string;
  slug: string;
  parentId: number | null;
  title: string;
  bodyHtml: string;
  status: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  menuOrder: number;
};

/** Pages as items of type page; a child names its parent's post id. */
async function writePages(client: pg.Client, write: Write, site: string, now: Date): Promise<number> {
  const { rows } = await client.query<PageRow>(
    `SELECT id, path, slug, "parentId", title, "bodyHtml", status::text AS status, "publishedAt", "createdAt",
            "updatedAt", "menuOrder"
       FROM "Page" ORDER BY id`,
  );
  for (const page of rows) {
    const date = new Date(page.publishedAt ?? page.createdAt);
    const modified = new Date(page.updatedAt);
    const status = wordpressStatus({ ...page, deletedAt: null }, now);
    await write(
      `\t<item>\n\t\t${cdataTag("title", page.title)}\n\t\t${tag("link", escapeXml(`${site}/${page.path}`))}\n` +
        `\t\t${tag("pubDate", date.toUTCString())}\n\t\t${cdataTag("dc:creator", "")}\n` +
        `\t\t<guid isPermaLink="false">${escapeXml(`${site}/?page_id=${pageId(page.id)}`)}</guid>\n\t\t<description></description>\n` +
        `\t\t${cdataTag("content:encoded", page.bodyHtml)}\n\t\t${cdataTag("excerpt:encoded", "")}\n` +
        `\t\t${tag("wp:post_id", pageId(page.id))}\n` +
        `\t\t${cdataTag("wp:post_date", formatWxrDateTime(date))}\n\t\t${cdataTag("wp:post_date_gmt", formatWxrDateTime(date))}\n` +
        `\t\t${cdataTag("wp:post_modified", formatWxrDateTime(modified))}\n\t\t${cdataTag("wp:post_modified_gmt", formatWxrDateTime(modified))}\n` +
        `\t\t${cdataTag("wp:comment_status", "closed")}\n\t\t${cdataTag("wp:ping_status", "closed")}\n` +
        `\t\t${cdataTag("wp:post_name", page.slug)}\n\t\t${cdataTag("wp:status", status)}\n` +
        `\t\t${tag("wp:post_parent", page.parentId === null ? 0 : pageId(page.parentId))}\n` +
        `\t\t${tag("wp:menu_order", page.menuOrder)}\n\t\t${cdataTag("wp:post_type", "page")}\n` +
        `\t\t${cdataTag("wp:post_password", "")}\n\t\t${tag("wp:is_sticky", 0)}\n\t</item>\n`,
    );
  }
  return rows.length;
}

/**
 * WordPress numbers attachments among posts: a media item's post id is its id moved past
 * every publication id, so the two never collide. Kept as a fixed offset (not the largest
 * publication id) so _thumbnail_id can be written before the attachments.
 */
export const ATTACHMENT_ID_OFFSET = 1_000_000_000;
const attachmentId = (mediaId: number) => ATTACHMENT_ID_OFFSET + mediaId;
/** Pages likewise, past the attachments. */
export const PAGE_ID_OFFSET = 2_000_000_000;
const pageId = (id: number) => PAGE_ID_OFFSET + id;

async function writeAttachments(client: pg.Client, write: Write, site: string, lastPublicationId: number) {
  if (lastPublicationId >= ATTACHMENT_ID_OFFSET) throw new Error("Publication ids reach the attachments' range");
  const { rows } = await client.query<MediaRow>(
    `SELECT m.id, m.filename, m."storageKey", m.alt, m.caption, m.credit, m."createdAt",
            (SELECT min(p.id) FROM "Publication" p WHERE p."featuredImageId" = m.id) AS "usedBy"
       FROM "Media" m ORDER BY m.id`,
  );
  for (const media of rows) {
    const date = new Date(media.createdAt);
    const url = site + mediaUrl(media.storageKey);
    let item =
      `\t<item>\n\t\t${cdataTag("title", media.filename)}\n\t\t${tag("link", escapeXml(url))}\n` +
      `\t\t${tag("pubDate", date.toUTCString())}\n\t\t${cdataTag("dc:creator", "")}\n` +
      `\t\t<guid isPermaLink="false">${escapeXml(url)}</guid>\n\t\t<description></description>\n` +
      `\t\t${cdataTag("content:encoded", media.credit)}\n\t\t${cdataTag("excerpt:encoded", media.caption)}\n` +
      `\t\t${tag("wp:post_id", attachmentId(media.id))}\n` +
      `\t\t${cdataTag("wp:post_date", formatWxrDateTime(date))}\n\t\t${cdataTag("wp:post_date_gmt", formatWxrDateTime(date))}\n` +
      `\t\t${cdataTag("wp:comment_status", "closed")}\n\t\t${cdataTag("wp:ping_status", "closed")}\n` +
      `\t\t${cdataTag("wp:post_name", media.filename.replace(/\.[^.]+$/, "").toLowerCase())}\n` +
      `\t\t${cdataTag("wp:status", "inherit")}\n\t\t${tag("wp:post_parent", media.usedBy ?? 0)}\n` +
      `\t\t${tag("wp:menu_order", 0)}\n\t\t${cdataTag("wp:post_type", "attachment")}\n` +
      `\t\t${cdataTag("wp:post_password", "")}\n\t\t${tag("wp:is_sticky", 0)}\n` +
      `\t\t${cdataTag("wp:attachment_url", url)}\n`;
    item += meta("_wp_attached_file", media.storageKey);
    if (media.alt) item += meta("_wp_attachment_image_alt", media.alt);
    if (media.credit) item += meta("quire_credit", media.credit);
    await write(`${item}\t</item>\n`);
  }
  return rows.length;
}
