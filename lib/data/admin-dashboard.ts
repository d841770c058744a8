import "server-only";
import type { DatabaseClient } from "@/lib/db-client";

export type DashboardCounts = { published: number; drafts: number; inReview: number; subscribersConfirmed: number; subscribersPending: number };

export async function getDashboardCounts(database: DatabaseClient): Promise<DashboardCounts> {
  const [byStatus, bySubscriberStatus] = await Promise.all([
    database.publication.groupBy({ by: ["status"], where: { deletedAt: null }, _count: { _all: true } }),
    database.subscriber.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const publications = new Map(byStatus.map((group) => [group.status, group._count._all]));
  const subscribers = new Map(bySubscriberStatus.map((group) => [group.status, group._count._all]));
  return {
    published: publications.get("PUBLISHED") ?? 0,
    drafts: publications.get("DRAFT") ?? 0,
    inReview: publications.get("IN_REVIEW") ?? 0,
    subscribersConfirmed: subscribers.get("CONFIRMED") ?? 0,
    subscribersPending: subscribers.get("PENDING") ?? 0,
  };
}

export function getLatestAuditEntries(database: DatabaseClient, limit = 10) {
  return database.auditLog.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, action: true, entityType: true, entityId: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
}
