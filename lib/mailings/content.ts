/**
 * What each recipient of a digest or alert receives: the publications, the subscriber's
 * topics, and the bulk wrapper with their own preference and one-click unsubscribe links.
 * The admin preview uses the same functions, so it shows exactly what is sent.
 */
import { publicWhere } from "@/lib/data/visibility";
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MailSettings } from "@/lib/mail/settings";
import { bulkEmail, type BulkContent } from "@/lib/mail/templates/bulk";
import { alertEmail, digestEmail, itemsInTopics, type MailedPublication } from "@/lib/mail/templates/publications";
import type { OutgoingMail } from "@/lib/mail/transport";
import { managementLinks } from "@/lib/subscribers/links";
import type { ClaimedDelivery } from "./deliveries";
import type { ComposedDelivery } from "./sender";

/** A digest lists at most this many publications (the newest, for "new since the last digest"). */
const MAX_DIGEST_ITEMS = 30;

export type SiteIdentity = { siteName: string; siteUrl: string };

const publicationSelect = {
  id: true,
  title: true,
  slug: true,
  summary: true,
  publishedAt: true,
  type: { select: { name: true, slug: true } },
  authors: { orderBy: { position: "asc" }, select: { author: { select: { name: true } } } },
  categories: { select: { categoryId: true } },
} satisfies Prisma.PublicationSelect;

type PublicationRow = Prisma.PublicationGetPayload<{ select: typeof publicationSelect }>;

function toMailed(row: PublicationRow): MailedPublication {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    publishedAt: row.publishedAt ?? new Date(0),
    typeName: row.type.name,
    typeSlug: row.type.slug,
    authorNames: row.authors.map((credit) => credit.author.name),
    categoryIds: row.categories.map((category) => category.categoryId),
  };
}

export type DigestSource = { publicationIds: number[]; periodStart: Date | null; periodEnd: Date | null };

/** The digest's publications: the hand-picked ones in their order, or those new in its window. */
export async function loadDigestItems(
  database: DatabaseClient,
  digest: DigestSource,
  now = new Date(),
): Promise<MailedPublication[]> {
  if (digest.publicationIds.length > 0) {
    const rows = await database.publication.findMany({
      where: { ...publicWhere(now), id: { in: digest.publicationIds } },
      select: publicationSelect,
    });
    const byId = new Map(rows.map((row) => [row.id, toMailed(row)]));
    return digest.publicationIds.flatMap((id) => byId.get(id) ?? []);
  }
  const end = digest.periodEnd ?? now;
  const rows = await database.publication.findMany({
    where: { ...publicWhere(end), publishedAt: { lte: end, ...(digest.periodStart && { gt: digest.periodStart }) } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: MAX_DIGEST_ITEMS,
    select: publicationSelect,
  });
  return rows.map(toMailed);
}

async function loadAlertItem(database: DatabaseClient, publicationId: number): Promise<MailedPublication | null> {
  const row = await database.publication.findFirst({
    where: { ...publicWhere(new Date()), id: publicationId },
    select: publicationSelect,
  });
  return row ? toMailed(row) : null;
}

export type MailRecipient = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: Date;
  topicIds: number[];
};

const recipientSelect = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  status: true,
  createdAt: true,
  topics: { select: { categoryId: true } },
} satisfies Prisma.SubscriberSelect;

/** Confirmed subscribers among `ids`, with their topics; anyone else is left out. */
async function loadRecipients(database: DatabaseClient, ids: number[]): Promise<Map<number, MailRecipient>> {
  const rows = await database.subscriber.findMany({
    where: { id: { in: ids }, status: "CONFIRMED" },
    select: recipientSelect,
  });
  return new Map(
    rows.map(({ topics, id, email, firstName, lastName, createdAt }) => [
      id,
      { id, email, firstName, lastName, createdAt, topicIds: topics.map((topic) => topic.categoryId) },
    ]),
  );
}

export type BulkLinks = { preferences: string; unsubscribe: string; oneClickUnsubscribe: string };

/** One subscriber's bulk email from its content, with the configured sender. */
function wrapForRecipient(
  content: BulkContent,
  recipient: MailRecipient,
  site: SiteIdentity,
  settings: MailSettings,
  links?: BulkLinks,
): OutgoingMail {
  const mail = bulkEmail(content, {
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    to: { name: [recipient.firstName, recipient.lastName].filter(Boolean).join(" "), address: recipient.email },
    links: links ?? managementLinks(recipient),
  });
  return { ...mail, from: settings.from, replyTo: settings.replyTo };
}

export type DigestCopy = { subject: string; intro: string };

/** One subscriber's digest, or null when nothing in it is in their topics. */
export function digestFor(
  digest: DigestCopy,
  items: MailedPublication[],
  recipient: MailRecipient,
  site: SiteIdentity,
  settings: MailSettings,
  links?: BulkLinks,
): OutgoingMail | null {
  const theirs = itemsInTopics(items, recipient.topicIds);
  if (theirs.length === 0) return null;
  const content = digestEmail({
    subject: digest.subject,
    intro: digest.intro,
    items: theirs,
    siteUrl: site.siteUrl,
    firstName: recipient.firstName,
  });
  return wrapForRecipient(content, recipient, site, settings, links);
}

/** The subscribers a batch of deliveries goes to, by id (rows whose subscriber was erased have none). */
function recipientsOf(database: DatabaseClient, rows: ClaimedDelivery[]) {
  return loadRecipients(
    database,
    rows.flatMap((row) => row.subscriberId ?? []),
  );
}

/** compose() for a digest's sending run (see sender.ts). */
export function digestComposer(
  database: DatabaseClient,
  digest: DigestCopy,
  items: MailedPublication[],
  site: SiteIdentity,
  settings: MailSettings,
) {
  return async (rows: ClaimedDelivery[]): Promise<Map<number, ComposedDelivery>> => {
    const recipients = await recipientsOf(database, rows);
    const composed = new Map<number, ComposedDelivery>();
    for (const row of rows) {
      const recipient = row.subscriberId === null ? undefined : recipients.get(row.subscriberId);
      if (!recipient) {
        composed.set(row.id, { skip: "no longer subscribed" });
        continue;
      }
      const mail = digestFor(digest, items, recipient, site, settings);
      composed.set(row.id, mail ? { mail } : { skip: "nothing new in their topics" });
    }
    return composed;
  };
}

/** compose() for alerts: each row names its publication. */
export function alertComposer(database: DatabaseClient, site: SiteIdentity, settings: MailSettings) {
  return async (rows: ClaimedDelivery[]): Promise<Map<number, ComposedDelivery>> => {
    const recipients = await recipientsOf(database, rows);
    const items = new Map<number, MailedPublication | null>();
    for (const publicationId of new Set(rows.map((row) => row.parentId)))
      items.set(publicationId, await loadAlertItem(database, publicationId));
    const composed = new Map<number, ComposedDelivery>();
    for (const row of rows) {
      const recipient = row.subscriberId === null ? undefined : recipients.get(row.subscriberId);
      const item = items.get(row.parentId);
      if (!recipient) composed.set(row.id, { skip: "no longer subscribed" });
      else if (!item) composed.set(row.id, { skip: "the publication is no longer public" });
      else if (itemsInTopics([item], recipient.topicIds).length === 0)
        composed.set(row.id, { skip: "no longer in their topics" });
      else {
        const content = alertEmail({
          siteName: site.siteName,
          item,
          siteUrl: site.siteUrl,
          firstName: recipient.firstName,
        });
        composed.set(row.id, { mail: wrapForRecipient(content, recipient, site, settings) });
      }
    }
    return composed;
  };
}
