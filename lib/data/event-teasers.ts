/**
 * Upcoming events as other pages announce them (the home page, an expert's profile): the
 * next public events, soonest first, with when and where. An event is a publication with
 * EventDetails, so it is shown only when the publication is public (visibility.ts); it is
 * upcoming until it ends. Free of "server-only" (read by Pages Router pages too).
 */
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cachedRead } from "./cache";
import { publicWhere } from "./visibility";

const eventTeaserSelect = {
  startsAt: true,
  endsAt: true,
  timeZone: true,
  state: true,
  inPerson: true,
  venueName: true,
  online: true,
  publication: { select: { id: true, slug: true, title: true, summary: true } },
} satisfies Prisma.EventDetailsSelect;

export type EventTeaser = Prisma.EventDetailsGetPayload<{ select: typeof eventTeaserSelect }>;

export function readUpcomingEventTeasers(
  database: DatabaseClient,
  { limit, speakerAuthorId, now = new Date() }: { limit: number; speakerAuthorId?: number; now?: Date },
): Promise<EventTeaser[]> {
  return database.eventDetails.findMany({
    where: {
      endsAt: { gt: now },
      publication: publicWhere(now),
      ...(speakerAuthorId !== undefined && { speakers: { some: { authorId: speakerAuthorId } } }),
    },
    orderBy: [{ startsAt: "asc" }, { publicationId: "asc" }],
    take: limit,
    select: eventTeaserSelect,
  });
}

/** An expert's profile: the upcoming events they speak at or moderate (App Router, from Next's data cache). */
export const getUpcomingEventsOfSpeaker = cachedRead(
  (authorId: number) => readUpcomingEventTeasers(db, { limit: 5, speakerAuthorId: authorId }),
  ["upcoming-events-of-speaker"],
);
