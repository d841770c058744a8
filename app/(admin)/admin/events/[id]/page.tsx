import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { linkClass } from "@/components/admin/form-styles";
import { TextField } from "@/components/ui/text-field";
import { checkIn } from "@/lib/actions/events/check-in";
import { emailRegistrants } from "@/lib/actions/events/message-registrants";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getEventRegistrations, REGISTRATION_STATUS_LABELS } from "@/lib/events/registration-admin";
import { formatAdminDateTime, formatEventWhen } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { eventPath } from "@/lib/format/paths";
import { databaseIdSchema, firstValue } from "@/lib/validations/common";
import { registrationsQuerySchema } from "@/lib/validations/event-registration";

export const metadata: Metadata = { title: "Registrations" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The check-in buttons' form action: a plain form needs an action that answers nothing. */
async function checkInFromForm(form: FormData): Promise<void> {
  "use server";
  await checkIn(form);
}

const bigButton = "min-h-12 min-w-28 rounded px-4 py-3 text-base font-semibold";

/**
 * /admin/events/[id]: one event's registrations. Counts, the CSV export, check-in at the door
 * (big buttons and a search by name, for a phone; plain forms, so no script is needed) and
 * "Email registrants".
 */
export default async function EventRegistrationsPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  await requirePermission("events.manage", `/admin/events/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const raw = await searchParams;
  const { q } = registrationsQuerySchema.parse({ q: firstValue(raw.q) });
  const data = await getEventRegistrations(db, id.data, q);
  if (!data) notFound();
  const { event, counts, registrations } = data;
  const noticeFor = databaseIdSchema.safeParse(firstValue(raw.registration));
  const noticed = noticeFor.success
    ? registrations.find((registration) => registration.id === noticeFor.data)
    : undefined;
  const notice = firstValue(raw.notice);

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/events" prefetch={false} className={linkClass}>
          Event registrations
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{event.publication.title}</h1>
      <p className="mt-1">{formatEventWhen(event.startsAt, event.endsAt, event.timeZone)}</p>
      <p className="mt-1 flex flex-wrap gap-4 text-sm">
        <Link href={`/admin/publications/${event.publicationId}`} prefetch={false} className={linkClass}>
          Edit the event
        </Link>
        <Link href={eventPath(event.publication.slug)} prefetch={false} className={linkClass}>
          Event page
        </Link>
        <a href={`/admin/events/${event.publicationId}/export`} className={linkClass}>
          Download registrations (CSV)
        </a>
      </p>

      <ul className="mt-4 flex flex-wrap gap-3" aria-label="Registrations per status">
        <li className="rounded border border-rule px-3 py-2">
          Confirmed: {formatCount(counts.CONFIRMED)}
          {event.capacity !== null ? ` of ${formatCount(event.capacity)} seats` : ""}
        </li>
        <li className="rounded border border-rule px-3 py-2">Waitlist: {formatCount(counts.WAITLISTED)}</li>
        <li className="rounded border border-rule px-3 py-2">Not confirmed: {formatCount(counts.PENDING)}</li>
        <li className="rounded border border-rule px-3 py-2">Cancelled: {formatCount(counts.CANCELLED)}</li>
        <li className="rounded border border-rule px-3 py-2">Checked in: {formatCount(counts.checkedIn)}</li>
      </ul>

      <section aria-labelledby="check-in" className="mt-8">
        <h2 id="check-in" className="text-xl font-bold">
          Registrants and check-in
        </h2>
        <form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-3">
          <TextField
            id="registrant-q"
            name="q"
            label="Search by name or email"
            type="search"
            defaultValue={q}
            maxLength={100}
            controlClassName="w-full min-h-12 text-lg"
            className="grow"
          />
          <button type="submit" className={`${bigButton} border border-gray-500 bg-white`}>
            Search
          </button>
        </form>
        <div aria-live="polite">
          {noticed && notice === "checked" && (
            <p role="status" className="mt-3 rounded border border-green-800 bg-green-50 p-3">
              {noticed.checkedInAt ? `${noticed.name} is checked in.` : `${noticed.name} is no longer checked in.`}
            </p>
          )}
          {noticed && notice === "refused" && (
            <p role="alert" className="mt-3 rounded border border-red-700 bg-red-50 p-3">
              {noticed.name} has no confirmed seat, so cannot be checked in.
            </p>
          )}
        </div>
        {registrations.length === 0 ? (
          <p className="mt-3">{q ? "Nobody matches this search." : "Nobody has registered yet."}</p>
        ) : (
          <ul className="mt-4 divide-y divide-rule border-y border-rule">
            {registrations.map((registration) => (
              <li key={registration.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <span className="block text-lg font-semibold">{registration.name}</span>
                  <span className="block text-sm">
                    {registration.email}
                    {registration.affiliation ? ` · ${registration.affiliation}` : ""}
                  </span>
                  <span className="block text-sm text-muted">
                    {REGISTRATION_STATUS_LABELS[registration.status]}
                    {registration.checkedInAt
                      ? ` · checked in ${formatAdminDateTime(registration.checkedInAt)} UTC`
                      : ""}
                  </span>
                </div>
                {registration.status === "CONFIRMED" && (
                  <form action={checkInFromForm}>
                    <input type="hidden" name="eventId" value={event.publicationId} />
                    <input type="hidden" name="registrationId" value={registration.id} />
                    <input type="hidden" name="q" value={q ?? ""} />
                    <input type="hidden" name="checkedIn" value={registration.checkedInAt ? "no" : "yes"} />
                    <button
                      type="submit"
                      aria-label={`${registration.checkedInAt ? "Undo check-in of" : "Check in"} ${registration.name}`}
                      className={
                        registration.checkedInAt
                          ? `${bigButton} border border-gray-500 bg-white`
                          : `${bigButton} bg-accent text-white hover:bg-blue-900`
                      }
                    >
                      {registration.checkedInAt ? "Undo check-in" : "Check in"}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="email-registrants" className="mt-10 max-w-2xl">
        <h2 id="email-registrants" className="text-xl font-bold">
          Email registrants
        </h2>
        <p className="mt-1 text-sm text-muted">
          One email to each registrant, sent in the background, with their cancel link at the bottom.
        </p>
        <ActionForm action={emailRegistrants} submitLabel="Send to registrants" className="mt-4 space-y-4">
          <input type="hidden" name="eventId" value={event.publicationId} />
          <TextField id="message-subject" name="subject" label="Subject" required maxLength={200} />
          <TextField as="textarea" id="message-text" name="text" label="Message" required rows={8} maxLength={20000} />
          <TextField as="select" id="message-audience" name="audience" label="Send to" defaultValue="confirmed">
            <option value="confirmed">Confirmed registrants</option>
            <option value="confirmed-and-waitlist">Confirmed registrants and the waitlist</option>
          </TextField>
        </ActionForm>
      </section>
    </>
  );
}
