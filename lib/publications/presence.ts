/**
 * Who has a publication open: each open editor sends a heartbeat; a quiet one fades after
 * PRESENCE_TTL_MS. No "server-only": the editor in the browser reads the heartbeat's pace.
 */
import type { DatabaseClient } from "@/lib/db-client";

export const PRESENCE_HEARTBEAT_MS = 15_000;
const PRESENCE_TTL_MS = 45_000;

/** Records this user's heartbeat and returns the names of the others editing now. */
export async function heartbeat(
  database: DatabaseClient,
  publicationId: number,
  userId: number,
  now = new Date(),
): Promise<string[]> {
  await database.editPresence.upsert({
    where: { publicationId_userId: { publicationId, userId } },
    create: { publicationId, userId, lastSeenAt: now },
    update: { lastSeenAt: now },
  });
  const others = await database.editPresence.findMany({
    where: { publicationId, userId: { not: userId }, lastSeenAt: { gt: new Date(now.getTime() - PRESENCE_TTL_MS) } },
    select: { user: { select: { name: true, email: true } } },
    orderBy: { lastSeenAt: "desc" },
  });
  return others.map(({ user }) => user.name || user.email);
}

export async function leave(database: DatabaseClient, publicationId: number, userId: number): Promise<void> {
  await database.editPresence.deleteMany({ where: { publicationId, userId } });
}
