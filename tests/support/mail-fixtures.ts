/** Topics, publications and subscribers for the mailing tests, written straight to the database. */
import type { DatabaseClient } from "@/lib/db-client";

export async function createTopics(db: DatabaseClient, slugs: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const slug of slugs) {
    const row = await db.category.upsert({
      where: { slug },
      create: { slug, name: slug.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()) },
      update: {},
      select: { id: true },
    });
    ids.set(slug, row.id);
  }
  return ids;
}

let publicationCounter = 0;

export async function createPublication(
  db: DatabaseClient,
  options: {
    title: string;
    topicIds: number[];
    publishedAt?: Date;
    status?: "PUBLISHED" | "DRAFT";
    alertsQueuedAt?: Date | null;
  },
): Promise<{ id: number; slug: string }> {
  const type = await db.publicationType.upsert({
    where: { slug: "commentary" },
    create: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
    update: {},
  });
  const slug = `${options.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${++publicationCounter}`;
  return db.publication.create({
    data: {
      slug,
      title: options.title,
      summary: `Summary of ${options.title}.`,
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p></p>",
      status: options.status ?? "PUBLISHED",
      publishedAt: options.publishedAt ?? new Date(),
      alertsQueuedAt: options.alertsQueuedAt ?? null,
      typeId: type.id,
      categories: { create: options.topicIds.map((categoryId) => ({ categoryId })) },
    },
    select: { id: true, slug: true },
  });
}

/** `count` subscribers named <prefix><n>@example.org with the given status, frequency and topics. */
export async function createSubscribers(
  db: DatabaseClient,
  options: {
    prefix: string;
    count: number;
    topicIds: number[];
    status?: "CONFIRMED" | "PENDING" | "UNSUBSCRIBED";
    frequency?: "WEEKLY" | "IMMEDIATE";
  },
): Promise<string[]> {
  const status = options.status ?? "CONFIRMED";
  const frequency = options.frequency ?? "WEEKLY";
  await db.$executeRaw`
    INSERT INTO "Subscriber" (email, "firstName", status, frequency, "confirmedAt", "consentAt", "consentVersion", "updatedAt")
    SELECT ${options.prefix} || g || '@example.org', 'Reader ' || g, ${status}::"SubscriberStatus", ${frequency}::"DeliveryFrequency", now(), now(), 'test', now()
      FROM generate_series(1, ${options.count}::int) g`;
  await db.$executeRaw`
    INSERT INTO "SubscriberTopic" ("subscriberId", "categoryId")
    SELECT s.id, c FROM "Subscriber" s, unnest(${options.topicIds}::int[]) c WHERE s.email LIKE ${`${options.prefix}%@example.org`}`;
  return Array.from({ length: options.count }, (_, index) => `${options.prefix}${index + 1}@example.org`);
}
