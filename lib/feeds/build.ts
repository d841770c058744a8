/**
 * Serializes a feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Pure: no database, no
 * environment, so the escaping rules can be tested on their own.
 */

export type FeedChannel = {
  title: string;
  description: string;
  /** The HTML page this feed mirrors (home, or a category, author or series page). */
  siteUrl: string;
  /** The URL of this very document, in this format (the "self" link). */
  feedUrl: string;
  language: "en";
  updated: Date;
  /** Who publishes the feed: Atom needs a feed-level author when an entry has none. */
  publisher: { name: string; url: string };
};

export type FeedItem = {
  /** Stable and unique: the canonical URL. */
  id: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  publishedAt: Date;
  updatedAt: Date;
  authors: { name: string; url: string }[];
  categories: string[];
};

// Everything outside XML 1.0's Char production (control characters other than tab, line
// feed and carriage return; U+FFFE, U+FFFF; unpaired surrogates) makes the whole
// document ill-formed, and strict readers then drop the feed.
const INVALID_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlCharacters(text: string): string {
  return text.replace(INVALID_XML_CHARACTERS, "");
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(text: string): string {
  return stripInvalidXmlCharacters(text).replace(/[&<>"']/g, (character) => XML_ENTITIES[character]!);
}

/** A CDATA section; "]]>" inside the text would close it early, so it is split across two. */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlCharacters(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** RFC 822 (as RSS 2.0 requires), e.g. "Sat, 07 Sep 2024 10:00:00 GMT". */
function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC (Atom and JSON Feed), e.g. "2024-09-07T10:00:00.000Z". */
function rfc3339(date: Date): string {
  return date.toISOString();
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** `<name attributes>text</name>`, with the text escaped. */
function element(name: string, text: string, attributes = ""): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

export function buildRss(channel: FeedChannel, items: FeedItem[]): string {
  const lines = [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    element("title", channel.title),
    element("link", channel.siteUrl),
    element("description", channel.description),
    element("language", channel.language),
    element("lastBuildDate", rfc822(channel.updated)),
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items.flatMap((item) => [
      "<item>",
      element("title", item.title),
      element("link", item.url),
      element("guid", item.id, ' isPermaLink="true"'),
      element("pubDate", rfc822(item.publishedAt)),
      ...item.authors.map((author) => element("dc:creator", author.name)),
      ...item.categories.map((category) => element("category", category)),
      element("description", item.summary),
      `<content:encoded>${cdata(item.contentHtml)}</content:encoded>`,
      "</item>",
    ]),
    "</channel>",
    "</rss>",
  ];
  return `${lines.join("\n")}\n`;
}

function atomAuthor(author: { name: string; url: string }): string {
  return `<author>${element("name", author.name)}${element("uri", author.url)}</author>`;
}

export function buildAtom(channel: FeedChannel, items: FeedItem[]): string {
  const lines = [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(channel.language)}">`,
    element("id", channel.feedUrl),
    element("title", channel.title, ' type="text"'),
    element("subtitle", channel.description, ' type="text"'),
    element("updated", rfc3339(channel.updated)),
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.siteUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.feedUrl)}"/>`,
    atomAuthor(channel.publisher),
    ...items.flatMap((item) => [
      "<entry>",
      element("id", item.id),
      element("title", item.title, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
      element("published", rfc3339(item.publishedAt)),
      element("updated", rfc3339(item.updatedAt)),
      ...item.authors.map(atomAuthor),
      ...item.categories.map((category) => `<category term="${escapeXml(category)}"/>`),
      element("summary", item.summary, ' type="text"'),
      // type="html": the markup travels escaped, as text, and the reader unescapes it.
      element("content", item.contentHtml, ' type="html"'),
      "</entry>",
    ]),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}

export function buildJsonFeed(channel: FeedChannel, items: FeedItem[]): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    description: channel.description,
    home_page_url: channel.siteUrl,
    feed_url: channel.feedUrl,
    language: channel.language,
    authors: [channel.publisher],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary,
      date_published: rfc3339(item.publishedAt),
      date_modified: rfc3339(item.updatedAt),
      authors: item.authors,
      tags: item.categories,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
