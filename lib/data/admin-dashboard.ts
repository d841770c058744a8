import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import type { PublicationStatus, SubscriberStatus } from "@/lib/generated/prisma/client";
import { publicSql } from "./visibility";

export const PUBLICATION_STATUS_ORDER: PublicationStatus[] = [
  "PUBLISHED",
  "SCHEDULED",
  "IN_REVIEW",
  "DRAFT",
  "ARCHIVED",
];
export const SUBSCRIBER_STATUS_ORDER: SubscriberStatus[] = ["CONFIRMED", "PENDING", "UNSUBSCRIBED"];

export type DashboardCounts = {
  publications: Record<PublicationStatus, number>;
  subscribers: Record<SubscriberStatus, number>;
  staff: { active: number; invited: number; disabled: number };
};

function tally<K extends string>(keys: K[], groups: { key: K; count: number }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const group of groups) counts[group.key] = group.count;
  return counts;
}

/** Publications by status (not in the trash), subscribers by status, staff accounts. */
export async function getDashboardCounts(database: DatabaseClient): Promise<DashboardCounts> {
  const [byStatus, bySubscriberStatus, disabled, invited, total] = await Promise.all([
    database.publication.groupBy({ by: ["status"], where: { deletedAt: null }, _count: { _all: true } }),
    database.subscriber.groupBy({ by: ["status"], _count: { _all: true } }),
    database.user.count({ where: { disabledAt: { not: null } } }),
    database.user.count({ where: { disabledAt: null, invitedAt: { not: null }, lastSignInAt: null } }),
    database.user.count(),
  ]);
  return {
    publications: tally(
      PUBLICATION_STATUS_ORDER,
      byStatus.map((group) => ({ key: group.status, count: group._count._all })),
    ),
    subscribers: tally(
      SUBSCRIBER_STATUS_ORDER,
      bySubscriberStatus.map((group) => ({ key: group.status, count: group._count._all })),
    ),
    staff: { active: total - disabled - invited, invited, disabled },
  };
}

/** The latest changes and sign-ins (views of personal data, named "….view", are left to /admin/audit). */
export function getLatestAuditEntries(database: DatabaseClient, limit = 10) {
  return database.auditLog.findMany({
    where: { NOT: { action: { endsWith: "view" } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      createdAt: true,
      actor: { select: { name: true, email: true } },
    },
  });
}

/** The first day (UTC) of each of the last `count` months, oldest first, ending with `now`'s month. */
function lastMonths(now: Date, count: number): Date[] {
  return Array.from(
    { length: count },
    (_, index) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - index), 1)),
  );
}

const monthKey = (month: Date) => month.toISOString().slice(0, 7);

export type PublicationsPerMonth = { months: string[]; types: { name: string; counts: number[] }[] };

/** Publications that went live each month, by type, over the last `months` months. */
export async function getPublicationsPerMonth(
  database: DatabaseClient,
  now = new Date(),
  months = 24,
): Promise<PublicationsPerMonth> {
  const monthStarts = lastMonths(now, months);
  const [types, rows] = await Promise.all([
    database.publicationType.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
    database.$queryRaw<Array<{ month: string; typeId: number; count: number }>>`
      SELECT to_char(date_trunc('month', p."publishedAt"), 'YYYY-MM') AS month, p."typeId", count(*)::int AS count
        FROM "Publication" p
       WHERE ${publicSql("p", now)} AND p."publishedAt" >= ${monthStarts[0]}
       GROUP BY 1, 2`,
  ]);
  const keys = monthStarts.map(monthKey);
  const index = new Map(keys.map((key, position) => [key, position]));
  const byType = new Map(types.map((type) => [type.id, { name: type.name, counts: keys.map(() => 0) }]));
  for (const row of rows) {
    const position = index.get(row.month);
    const series = byType.get(row.typeId);
    if (position !== undefined && series) series.counts[position] = row.count;
  }
  return { months: keys, types: [...byType.values()].filter((series) => series.counts.some((count) => count > 0)) };
}

export type SubscriberGrowth = { months: string[]; confirmed: number[]; cumulative: number[] };

/** Subscribers who confirmed each month, and the running total of confirmations since the start. */
export async function getSubscriberGrowth(
  database: DatabaseClient,
  now = new Date(),
  months = 24,
): Promise<SubscriberGrowth> {
  const monthStarts = lastMonths(now, months);
  const [before, rows] = await Promise.all([
    database.subscriber.count({ where: { confirmedAt: { lt: monthStarts[0] } } }),
    database.$queryRaw<Array<{ month: string; count: number }>>`
      SELECT to_char(date_trunc('month', "confirmedAt"), 'YYYY-MM') AS month, count(*)::int AS count
        FROM "Subscriber" WHERE "confirmedAt" >= ${monthStarts[0]} AND "confirmedAt" <= ${now} GROUP BY 1`,
  ]);
  const keys = monthStarts.map(monthKey);
  const perMonth = new Map(rows.map((row) => [row.month, row.count]));
  const confirmed = keys.map((key) => perMonth.get(key) ?? 0);
  let total = before;
  const cumulative = confirmed.map((count) => (total += count));
  return { months: keys, confirmed, cumulative };
}
