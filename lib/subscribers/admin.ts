/**
 * The staff view of subscribers: the filtered, keyset-paginated list with counts per
 * status, one subscriber's record, and the filters shared with the CSV export.
 */
import { z } from "zod";
import { escapeLikePattern } from "@/lib/data/admin-publications";
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma, type SubscriberStatus } from "@/lib/generated/prisma/client";
import { searchTextSchema } from "@/lib/validations/common";

export const SUBSCRIBER_STATUSES = [
  "PENDING",
  "CONFIRMED",
  "UNSUBSCRIBED",
] as const satisfies readonly SubscriberStatus[];
export const SUBSCRIBER_STATUS_LABELS: Record<SubscriberStatus, string> = {
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  UNSUBSCRIBED: "Unsubscribed",
};
export const SUBSCRIBER_PAGE_SIZE = 50;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));

/** The list's query string; anything malformed falls back to "no filter" rather than failing. */
const subscriberQuerySchema = z.object({
  q: z.preprocess(first, searchTextSchema().default("")),
  status: z.preprocess(first, z.enum(SUBSCRIBER_STATUSES).optional().catch(undefined)),
  topic: z.preprocess(
    first,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,200}$/)
      .optional()
      .catch(undefined),
  ),
  from: z.preprocess(first, isoDay.optional().catch(undefined)),
  to: z.preprocess(first, isoDay.optional().catch(undefined)),
  /** Keyset cursor: "<createdAt ms>.<id>" of the last row of the previous page. */
  after: z.preprocess(
    first,
    z
      .string()
      .regex(/^\d{1,15}\.\d{1,10}$/)
      .optional()
      .catch(undefined),
  ),
});

export type SubscriberQuery = z.infer<typeof subscriberQuerySchema>;

export function parseSubscriberQuery(searchParams: Record<string, string | string[] | undefined>): SubscriberQuery {
  return subscriberQuerySchema.parse(searchParams);
}

/** The query string for a list page or an export with these filters. */
export function subscriberQueryString(query: Partial<SubscriberQuery>): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "topic", "from", "to", "after"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** SQL conditions on "Subscriber" s for the filters (not the cursor, and optionally not the status). */
export function subscriberFilters(query: SubscriberQuery, options: { withStatus?: boolean } = {}): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) {
    const pattern = `%${escapeLikePattern(query.q)}%`;
    conditions.push(
      Prisma.sql`(s.email ILIKE ${pattern} ESCAPE '\\' OR (s."firstName" || ' ' || s."lastName") ILIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (query.status && options.withStatus !== false)
    conditions.push(Prisma.sql`s.status = ${query.status}::"SubscriberStatus"`);
  if (query.topic) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "SubscriberTopic" t JOIN "Category" c ON c.id = t."categoryId" WHERE t."subscriberId" = s.id AND c.slug = ${query.topic})`,
    );
  }
  if (query.from) conditions.push(Prisma.sql`s."createdAt" >= ${new Date(`${query.from}T00:00:00Z`)}`);
  if (query.to)
    conditions.push(Prisma.sql`s."createdAt" < ${new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000)}`);
  return Prisma.join(conditions, " AND ");
}

export type SubscriberListRow = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  status: SubscriberStatus;
  frequency: string;
  createdAt: Date;
  topicCount: number;
};

export type SubscriberList = {
  rows: SubscriberListRow[];
  counts: Record<SubscriberStatus, number>;
  total: number;
  nextCursor: string | null;
};

export async function listSubscribers(database: DatabaseClient, query: SubscriberQuery): Promise<SubscriberList> {
  const cursor = query.after?.split(".").map(Number);
  const keyset = cursor
    ? Prisma.sql`(s."createdAt", s.id) < (${new Date(cursor[0]!)}, ${cursor[1]!})`
    : Prisma.sql`TRUE`;
  const rows = await database.$queryRaw<Array<SubscriberListRow & { status: string }>>`
    SELECT s.id, s.email, s."firstName", s."lastName", s.status::text AS status, s.frequency::text AS frequency, s."createdAt",
           (SELECT count(*)::int FROM "SubscriberTopic" t WHERE t."subscriberId" = s.id) AS "topicCount"
      FROM "Subscriber" s
     WHERE ${subscriberFilters(query)} AND ${keyset}
     ORDER BY s."createdAt" DESC, s.id DESC
     LIMIT ${SUBSCRIBER_PAGE_SIZE + 1}`;
  const countRows = await database.$queryRaw<Array<{ status: SubscriberStatus; count: bigint }>>`
    SELECT s.status::text AS status, count(*) AS count FROM "Subscriber" s WHERE ${subscriberFilters(query, { withStatus: false })} GROUP BY s.status`;
  const counts = { PENDING: 0, CONFIRMED: 0, UNSUBSCRIBED: 0 } as Record<SubscriberStatus, number>;
  for (const row of countRows) counts[row.status] = Number(row.count);
  const page = rows.slice(0, SUBSCRIBER_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page as SubscriberListRow[],
    counts,
    total: query.status ? counts[query.status] : counts.PENDING + counts.CONFIRMED + counts.UNSUBSCRIBED,
    nextCursor: rows.length > SUBSCRIBER_PAGE_SIZE && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}

/** One subscriber with topics, history and recent deliveries, for the staff page. */
export function getSubscriberRecord(database: DatabaseClient, id: number) {
  return database.subscriber.findUnique({
    where: { id },
    include: {
      topics: { select: { category: { select: { name: true, slug: true } } }, orderBy: { category: { name: "asc" } } },
      events: { orderBy: { id: "desc" }, take: 200 },
      digestDeliveries: {
        orderBy: { id: "desc" },
        take: 50,
        include: { digest: { select: { id: true, subject: true } } },
      },
      alertDeliveries: {
        orderBy: { id: "desc" },
        take: 50,
        include: { publication: { select: { id: true, title: true } } },
      },
    },
  });
}

/** The event registrations under a subscriber's address: shown with the record, erased and exported with it. */
export function registrationsOfAddress(database: DatabaseClient, email: string) {
  return database.eventRegistration.findMany({
    where: { email },
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      status: true,
      createdAt: true,
      checkedInAt: true,
      event: { select: { publicationId: true, startsAt: true, publication: { select: { title: true } } } },
    },
  });
}
