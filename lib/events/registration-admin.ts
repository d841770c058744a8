/**
 * Staff's view of registrations (/admin/events and /admin/events/[id]): the events taking
 * registrations with their counts, one event's registrants, the CSV export, check-in at the
 * door and messages to one event's registrants. Exports and messages are audited in the
 * transaction that makes them.
 */
import "server-only";
import { stringify } from "csv-stringify/sync";
import type { DatabaseClient } from "@/lib/db-client";
import type { EventRegistrationStatus, Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, refuse, type Result } from "@/lib/result";
import { safeCell } from "@/lib/subscribers/export";
import { checkInSchema, registrantMessageSchema } from "@/lib/validations/event-registration";
import { queueMailToRegistrants, wakeEventMailJob } from "./registration-mail";

export type RegistrationCounts = Record<EventRegistrationStatus, number> & { checkedIn: number };

const NO_COUNTS: RegistrationCounts = { PENDING: 0, CONFIRMED: 0, WAITLISTED: 0, CANCELLED: 0, checkedIn: 0 };

export const REGISTRATION_STATUS_LABELS: Record<EventRegistrationStatus, string> = {
  PENDING: "Not confirmed",
  CONFIRMED: "Confirmed",
  WAITLISTED: "Waitlist",
  CANCELLED: "Cancelled",
};

async function countsOf(database: DatabaseClient, eventIds: number[]): Promise<Map<number, RegistrationCounts>> {
  const rows = await database.$queryRaw<
    Array<{ eventId: number; status: EventRegistrationStatus; count: number; checkedIn: number }>
  >`
    SELECT "eventId", status::text AS status, count(*)::int AS count, count("checkedInAt")::int AS "checkedIn"
      FROM "EventRegistration" WHERE "eventId" = ANY(${eventIds}::int[])
     GROUP BY "eventId", status`;
  const counts = new Map<number, RegistrationCounts>();
  for (const row of rows) {
    const entry = counts.get(row.eventId) ?? { ...NO_COUNTS };
    entry[row.status] = row.count;
    entry.checkedIn += row.checkedIn;
    counts.set(row.eventId, entry);
  }
  return counts;
}

const eventSummarySelect = {
  publicationId: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  state: true,
  capacity: true,
  registrationDeadline: true,
  registrationMode: true,
  publication: { select: { id: true, title: true, slug: true, status: true } },
} satisfies Prisma.EventDetailsSelect;

/** Events with built-in registration, upcoming first (soonest first), then the past (newest first). */
export async function listRegistrationEvents(database: DatabaseClient, now = new Date()) {
  const where = { registrationMode: "BUILT_IN" as const, publication: { deletedAt: null } };
  const [upcoming, past] = await Promise.all([
    database.eventDetails.findMany({
      where: { ...where, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: eventSummarySelect,
      take: 200,
    }),
    database.eventDetails.findMany({
      where: { ...where, endsAt: { lte: now } },
      orderBy: { startsAt: "desc" },
      select: eventSummarySelect,
      take: 50,
    }),
  ]);
  const counts = await countsOf(
    database,
    [...upcoming, ...past].map((event) => event.publicationId),
  );
  const withCounts = (event: (typeof upcoming)[number]) => ({
    ...event,
    counts: counts.get(event.publicationId) ?? { ...NO_COUNTS },
  });
  return { upcoming: upcoming.map(withCounts), past: past.map(withCounts) };
}

/** One event's registrations for its staff page: the counts, and the people (filtered by `q`, name or email). */
export async function getEventRegistrations(database: DatabaseClient, eventId: number, q?: string) {
  const event = await database.eventDetails.findUnique({
    where: { publicationId: eventId },
    select: eventSummarySelect,
  });
  if (!event) return null;
  const search = q?.trim();
  const registrations = await database.eventRegistration.findMany({
    where: {
      eventId,
      ...(search && {
        OR: [
          { name: { contains: search, mode: "insensitive" as const } },
          { email: { contains: search, mode: "insensitive" as const } },
        ],
      }),
    },
    // The seated first, then the waitlist in its order, then the rest.
    orderBy: [{ status: "asc" }, { waitlistedAt: "asc" }, { name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      affiliation: true,
      status: true,
      createdAt: true,
      confirmedAt: true,
      waitlistedAt: true,
      cancelledAt: true,
      checkedInAt: true,
    },
    take: 2000,
  });
  const counts = (await countsOf(database, [eventId])).get(eventId) ?? { ...NO_COUNTS };
  return { event, counts, registrations };
}

const CSV_COLUMNS = [
  "name",
  "email",
  "affiliation",
  "status",
  "registered",
  "confirmed",
  "waitlisted",
  "promoted",
  "cancelled",
  "checked in",
  "mailing list",
  "consent time",
  "consent ip",
  "consent version",
];

const iso = (date: Date | null) => (date ? date.toISOString() : "");

/**
 * One event's registrations as CSV (cells that a spreadsheet would run as formulas are
 * quoted, as in the subscriber export), with the export in the audit log. Null: no such event.
 */
export async function exportEventRegistrations(
  database: DatabaseClient,
  eventId: number,
  actorId: number,
): Promise<{ csv: string; slug: string } | null> {
  return database.$transaction(async (tx) => {
    const event = await tx.eventDetails.findUnique({
      where: { publicationId: eventId },
      select: { publication: { select: { slug: true } } },
    });
    if (!event) return null;
    const rows = await tx.eventRegistration.findMany({ where: { eventId }, orderBy: { id: "asc" } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "event.registrations_export",
        entityType: "Publication",
        entityId: String(eventId),
        details: { rows: rows.length },
      },
    });
    const csv = stringify([
      CSV_COLUMNS,
      ...rows.map((row) =>
        [
          row.name,
          row.email,
          row.affiliation,
          row.status,
          iso(row.createdAt),
          iso(row.confirmedAt),
          iso(row.waitlistedAt),
          iso(row.promotedAt),
          iso(row.cancelledAt),
          iso(row.checkedInAt),
          row.joinMailingList ? "yes" : "no",
          iso(row.consentAt),
          row.consentIp ?? "",
          row.consentVersion ?? "",
        ].map(safeCell),
      ),
    ]);
    return { csv, slug: event.publication.slug };
  });
}

/** Check-in at the door (and undoing it), for a registration of the event: only someone holding a seat is checked in. */
export async function setCheckIn(database: DatabaseClient, raw: unknown): Promise<Result> {
  const parsed = checkInSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { eventId, registrationId, checkedIn } = parsed.data;
  const registration = await database.eventRegistration.findUnique({
    where: { id: registrationId },
    select: { name: true, status: true, eventId: true },
  });
  if (!registration || registration.eventId !== eventId)
    return refuse(404, "This registration does not exist (perhaps it was deleted).");
  if (checkedIn === "yes" && registration.status !== "CONFIRMED")
    return refuse(409, `${registration.name} has no confirmed seat, so cannot be checked in.`);
  await database.eventRegistration.update({
    where: { id: registrationId },
    data: { checkedInAt: checkedIn === "yes" ? new Date() : null },
  });
  return {
    ok: true,
    message: checkedIn === "yes" ? `${registration.name} checked in.` : `${registration.name}: check-in undone.`,
  };
}

/** "Email registrants": one message per registrant of the event, queued with its audit entry. */
export async function messageRegistrants(database: DatabaseClient, raw: unknown, actorId: number): Promise<Result> {
  const parsed = registrantMessageSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { eventId, subject, text, audience } = parsed.data;
  const statuses: EventRegistrationStatus[] = audience === "confirmed" ? ["CONFIRMED"] : ["CONFIRMED", "WAITLISTED"];
  const queued = await database.$transaction(async (tx) => {
    const event = await tx.eventDetails.findUnique({
      where: { publicationId: eventId },
      select: { publicationId: true },
    });
    if (!event) return null;
    const count = await queueMailToRegistrants(tx, eventId, statuses, "message", { subject, text });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "event.registrants_message",
        entityType: "Publication",
        entityId: String(eventId),
        details: { subject, audience, recipients: count },
      },
    });
    return count;
  });
  if (queued === null) return refuse(404, "This event does not exist.");
  if (queued > 0) wakeEventMailJob();
  return {
    ok: true,
    message:
      queued === 0
        ? "Nobody to email: no registrant matches."
        : `Your message is on its way to ${queued} registrant${queued === 1 ? "" : "s"}.`,
  };
}
