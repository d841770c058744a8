import { formatLongDate } from "@/lib/format/dates";
import { publicationHref } from "@/lib/format/paths";
import { escapeHtml, greeting, textLink } from "../html";
import type { BulkContent } from "./bulk";

/** A publication as mailings show it; links are absolute so they work from any mail client. */
export type MailedPublication = {
  id: number;
  title: string;
  slug: string;
  summary: string;
  publishedAt: Date;
  typeName: string;
  /** The type's slug: an event links to its event page (/events/<slug>). */
  typeSlug: string;
  authorNames: string[];
  categoryIds: number[];
};

/** Where a mailed item links: an event's page for events, the publication page otherwise. */
export function publicationUrl(siteUrl: string, slug: string, typeSlug?: string): string {
  return new URL(publicationHref(encodeURIComponent(slug), typeSlug), siteUrl).toString();
}

function byline(item: MailedPublication): string {
  return [item.typeName, formatLongDate(item.publishedAt), item.authorNames.join(", ")].filter(Boolean).join(" · ");
}

function itemHtml(item: MailedPublication, siteUrl: string): string {
  return [
    `<h2 style="font-size:19px;line-height:1.3;margin:20px 0 4px">${textLink(publicationUrl(siteUrl, item.slug, item.typeSlug), item.title)}</h2>`,
    `<p style="margin:0 0 6px;font-family:Arial,sans-serif;font-size:13px;color:#4b5563">${escapeHtml(byline(item))}</p>`,
    item.summary ? `<p style="margin:0">${escapeHtml(item.summary)}</p>` : "",
  ].join("\n");
}

function itemText(item: MailedPublication, siteUrl: string): string {
  return [item.title, byline(item), item.summary, publicationUrl(siteUrl, item.slug, item.typeSlug)]
    .filter(Boolean)
    .join("\n");
}

/** Staff-written plain text: paragraphs split on blank lines, escaped. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

export type DigestEmailInput = {
  subject: string;
  intro: string;
  items: MailedPublication[];
  siteUrl: string;
  firstName: string;
};

/** A digest for one subscriber: the intro, then the publications in their topics. */
export function digestEmail(input: DigestEmailInput): BulkContent {
  const html = [
    `<p>${escapeHtml(greeting(input.firstName))}</p>`,
    paragraphsHtml(input.intro),
    ...input.items.map((item) => itemHtml(item, input.siteUrl)),
  ].join("\n");
  const text = [
    greeting(input.firstName),
    input.intro.trim(),
    ...input.items.map((item) => itemText(item, input.siteUrl)),
  ]
    .filter(Boolean)
    .join("\n\n");
  return { subject: input.subject, html, text };
}

export type AlertEmailInput = { siteName: string; item: MailedPublication; siteUrl: string; firstName: string };

/** The immediate alert: one new publication in a subscriber's topics. */
export function alertEmail(input: AlertEmailInput): BulkContent {
  const subject = `New from ${input.siteName}: ${input.item.title}`;
  const html = [
    `<p>${escapeHtml(greeting(input.firstName))}</p>`,
    `<p>We have just published:</p>`,
    itemHtml(input.item, input.siteUrl),
  ].join("\n");
  const text = [greeting(input.firstName), "We have just published:", itemText(input.item, input.siteUrl)].join("\n\n");
  return { subject, html, text };
}

/** The publications among `items` in a subscriber's topics, in the given order. */
export function itemsInTopics(items: readonly MailedPublication[], topicIds: readonly number[]): MailedPublication[] {
  const topics = new Set(topicIds);
  return items.filter((item) => item.categoryIds.some((categoryId) => topics.has(categoryId)));
}
