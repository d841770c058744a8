/**
 * What registrants hear when an event changes, and the emails that come due by the clock.
 *
 * `noticeEventChange(tx, before, after)` is the one call the event editor's save makes (in
 * its transaction, with the particulars before and after the save): cancelling tells
 * registrants, postponing or moving the start tells them and moves the reminder (which goes
 * out once per start time), a larger capacity promotes from the waitlist. The periodic job
 * queues the reminders 24 hours before and the "recording is up" emails after the event.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { EventState } from "@/lib/generated/prisma/client";
import { defineJob } from "@/lib/jobs/definition";
import { publicSql } from "@/lib/data/visibility";
import { lockEvent, promoteFromWaitlist } from "./registration-manage";
import { queueMailToRegistrants, wakeEventMailJob } from "./registration-mail";

type Transaction = Parameters<Parameters<DatabaseClient["$transaction"]>[0]>[0];

/** The particulars that matter to registrants, as the editor had them before and after a save. */
export type EventChangeFacts = {
  /** The publication's id (EventDetails.publicationId). */
  publicationId: number;
  state: EventState;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  recordingUrl: string | null;
  audioId: number | null;
};

/** What a save told registrants: how many emails of each kind were queued. */
export type EventChangeNotices = { cancelled: number; postponed: number; rescheduled: number; promoted: number };

/**
 * Call inside the save's transaction (so the emails are queued with the change, or not at
 * all), with `before` null for a new event. The sending job is woken at once; should that
 * run before the save commits, its every-minute schedule sends the emails.
 */
export async function noticeEventChange(
  tx: Transaction,
  before: EventChangeFacts | null,
  after: EventChangeFacts,
  now = new Date(),
): Promise<EventChangeNotices> {
  const notices: EventChangeNotices = { cancelled: 0, postponed: 0, rescheduled: 0, promoted: 0 };
  if (!before) return notices;
  const eventId = after.publicationId;
  const ahead = after.endsAt.getTime() > now.getTime();
  const startMoved = before.startsAt.getTime() !== after.startsAt.getTime();

  if (after.state === "CANCELLED" && before.state !== "CANCELLED") {
    if (ahead) notices.cancelled = await queueMailToRegistrants(tx, eventId, ["CONFIRMED", "WAITLISTED"], "cancelled");
  } else if (after.state === "POSTPONED" && before.state !== "POSTPONED") {
    if (ahead) notices.postponed = await queueMailToRegistrants(tx, eventId, ["CONFIRMED", "WAITLISTED"], "postponed");
  } else if (after.state !== "CANCELLED" && startMoved && ahead) {
    notices.rescheduled = await queueMailToRegistrants(tx, eventId, ["CONFIRMED", "WAITLISTED"], "rescheduled");
  }
  // The reminder goes out once per start time: a new start (or a return from postponement) re-arms it.
  if (startMoved || (before.state !== "SCHEDULED" && after.state === "SCHEDULED")) {
    await tx.eventDetails.updateMany({ where: { publicationId: eventId }, data: { reminderQueuedAt: null } });
  }
  const moreSeats = after.capacity === null ? before.capacity !== null : (before.capacity ?? Infinity) < after.capacity;
  if (moreSeats && after.state !== "CANCELLED") {
    const event = await lockEvent(tx, eventId);
    if (event) notices.promoted = await promoteFromWaitlist(tx, { ...event, capacity: after.capacity }, now);
  }
  if (notices.cancelled + notices.postponed + notices.rescheduled + notices.promoted > 0) wakeEventMailJob();
  return notices;
}

/** Reminders are queued this long before the start. */
const REMINDER_LEAD_HOURS = 24;
/** A recording added later than this after the event is not announced by email. */
const RECORDING_NOTICE_WINDOW_DAYS = 60;

/**
 * Queues what the clock made due, each once: the reminder for events starting within 24
 * hours (EventDetails.reminderQueuedAt, cleared when the start moves) and the "recording
 * is up" email for events that ended and have a recording (recordingNoticeQueuedAt). Each
 * event is claimed by the same UPDATE that marks it, so two servers never queue twice.
 */
export async function queueDueEventNotices(
  database: DatabaseClient,
): Promise<{ reminders: number; recordings: number }> {
  const queued = await database.$transaction(async (tx) => {
    const reminded = await tx.$queryRaw<Array<{ id: number }>>`
      UPDATE "EventDetails" e SET "reminderQueuedAt" = now()
        FROM "Publication" p
       WHERE p.id = e."publicationId" AND ${publicSql("p")}
         AND e."registrationMode" = 'BUILT_IN' AND e.state = 'SCHEDULED' AND e."reminderQueuedAt" IS NULL
         AND e."startsAt" > now() AND e."startsAt" <= now() + make_interval(hours => ${REMINDER_LEAD_HOURS}::int)
      RETURNING e."publicationId" AS id`;
    let reminders = 0;
    for (const { id } of reminded) reminders += await queueMailToRegistrants(tx, id, ["CONFIRMED"], "reminder");

    const recorded = await tx.$queryRaw<Array<{ id: number }>>`
      UPDATE "EventDetails" e SET "recordingNoticeQueuedAt" = now()
        FROM "Publication" p
       WHERE p.id = e."publicationId" AND ${publicSql("p")}
         AND e."registrationMode" = 'BUILT_IN' AND e.state <> 'CANCELLED' AND e."recordingNoticeQueuedAt" IS NULL
         AND (e."recordingUrl" IS NOT NULL OR e."audioId" IS NOT NULL)
         AND e."endsAt" <= now() AND e."endsAt" > now() - make_interval(days => ${RECORDING_NOTICE_WINDOW_DAYS}::int)
      RETURNING e."publicationId" AS id`;
    let recordings = 0;
    for (const { id } of recorded) recordings += await queueMailToRegistrants(tx, id, ["CONFIRMED"], "recording");
    return { reminders, recordings };
  });
  if (queued.reminders + queued.recordings > 0) wakeEventMailJob();
  return queued;
}

/** Every five minutes: reminders and recording notices that came due. */
export const eventNoticesJob = defineJob({
  name: "events.registration-notices",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 60,
  onePending: true,
  cron: "*/5 * * * *",
  async run() {
    await queueDueEventNotices(db);
  },
});
