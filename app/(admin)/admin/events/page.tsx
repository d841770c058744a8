import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/admin/form-styles";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listRegistrationEvents, type RegistrationCounts } from "@/lib/events/registration-admin";
import { formatEventWhen } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

export const metadata: Metadata = { title: "Event registrations" };

type Listed = Awaited<ReturnType<typeof listRegistrationEvents>>["upcoming"][number];

function countsLine(counts: RegistrationCounts, capacity: number | null): string {
  const seats = capacity === null ? "" : ` of ${formatCount(capacity)}`;
  return `${formatCount(counts.CONFIRMED)}${seats} confirmed · ${formatCount(counts.WAITLISTED)} waitlist · ${formatCount(counts.PENDING)} not confirmed · ${formatCount(counts.CANCELLED)} cancelled`;
}

function EventList({ events, empty }: { events: Listed[]; empty: string }) {
  if (events.length === 0) return <p className="mt-2">{empty}</p>;
  return (
    <ul className="mt-3 divide-y divide-rule border-y border-rule">
      {events.map((event) => (
        <li key={event.publicationId} className="py-3">
          <Link href={`/admin/events/${event.publicationId}`} prefetch={false} className={`${linkClass} font-semibold`}>
            {event.publication.title}
          </Link>
          {event.state !== "SCHEDULED" && (
            <span className="ml-2 text-sm font-semibold uppercase">{event.state.toLowerCase()}</span>
          )}
          <span className="block text-sm text-muted">
            {formatEventWhen(event.startsAt, event.endsAt, event.timeZone)}
          </span>
          <span className="block text-sm">{countsLine(event.counts, event.capacity)}</span>
        </li>
      ))}
    </ul>
  );
}

/** /admin/events: every event taking registrations on the site, with its counts. */
export default async function RegistrationEventsPage() {
  await requirePermission("events.manage", "/admin/events");
  const { upcoming, past } = await listRegistrationEvents(db);
  return (
    <>
      <h1 className="text-2xl font-bold">Event registrations</h1>
      <p className="mt-1 text-sm text-muted">
        Events whose registration is on this site. Set an event’s date, capacity and registration in its editor.
      </p>
      <section aria-labelledby="upcoming-events" className="mt-6">
        <h2 id="upcoming-events" className="text-xl font-bold">
          Upcoming
        </h2>
        <EventList events={upcoming} empty="No upcoming event takes registrations." />
      </section>
      <section aria-labelledby="past-events" className="mt-8">
        <h2 id="past-events" className="text-xl font-bold">
          Past
        </h2>
        <EventList events={past} empty="No past events with registrations." />
      </section>
    </>
  );
}
