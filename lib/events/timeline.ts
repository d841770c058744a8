/**
 * What readers see change when an event's moment passes (start, close of registration,
 * end): its own page and the lists of upcoming events. Takes its database client as an
 * argument, so the job and the tests share it.
 */
import "server-only";
import type { PublicChange } from "@/lib/cache/changes";
import { publicWhere } from "@/lib/data/visibility";
import type { DatabaseClient } from "@/lib/db-client";

/**
 * For one event (`publicationId`, from its own timed job): its page and the event lists,
 * when it is public. Without one (the sweep): every public event with a moment between
 * `since` and `now`.
 */
export async function changeAtEventMoments(
  database: DatabaseClient,
  { publicationId, since, now }: { publicationId?: number; since: Date; now: Date },
): Promise<PublicChange> {
  const between = { gt: since, lte: now };
  const events = await database.eventDetails.findMany({
    where: {
      publication: publicWhere(now),
      ...(publicationId !== undefined
        ? { publicationId }
        : { OR: [{ startsAt: between }, { endsAt: between }, { registrationDeadline: between }] }),
    },
    select: { publication: { select: { slug: true } } },
  });
  if (events.length === 0) return {};
  return { publications: events.map((event) => event.publication.slug), events: true };
}
