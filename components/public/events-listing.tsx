import Link from "next/link";
import { Pagination } from "@/components/public/pagination";
import { TextField } from "@/components/ui/text-field";
import type { EventListItem, EventsListing } from "@/lib/data/events";
import { formatEventWhen } from "@/lib/format/dates";
import { pluralize } from "@/lib/format/numbers";
import { eventPath } from "@/lib/format/paths";
import { eventsHref } from "@/lib/validations/events-listing";

const STATE_LABELS = { SCHEDULED: null, POSTPONED: "Postponed", CANCELLED: "Cancelled" } as const;

/** A list of events: date and time in each event's own zone, place, and what is on offer. */
export function EventList({ events, headingLevel = 3 }: { events: EventListItem[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="divide-y divide-rule">
      {events.map((event) => (
        <li key={event.id} className="py-5">
          <article>
            <p className="text-sm font-semibold text-muted">
              <time dateTime={event.startsAt.toISOString()}>
                {formatEventWhen(event.startsAt, event.endsAt, event.timeZone)}
              </time>
            </p>
            <Heading className="mt-1 font-serif text-xl font-bold leading-snug">
              {/* A plain <a>: the event page is served without React (pages/events/[slug].tsx). */}
              <a href={eventPath(event.slug)} className="hover:underline">
                {event.title}
              </a>
            </Heading>
            <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm">
              {event.place && <span>{event.place}</span>}
              {STATE_LABELS[event.state] && (
                <span className="font-semibold text-red-800">{STATE_LABELS[event.state]}</span>
              )}
              {event.hasRecording && <span className="rounded bg-gray-100 px-2 font-semibold text-ink">Recording</span>}
            </p>
            {event.summary && <p className="mt-2 leading-relaxed">{event.summary}</p>}
          </article>
        </li>
      ))}
    </ol>
  );
}

/** /events: the filter form (a plain GET form), upcoming events soonest first, past events newest first. */
export function EventsListingView({ listing }: { listing: EventsListing }) {
  const { query } = listing;
  const filtered = query.topic !== undefined || query.year !== undefined;
  return (
    <>
      <header>
        <h1 className="font-serif text-3xl font-bold">Events</h1>
        <p className="mt-2 text-sm text-muted">
          Add upcoming events to your calendar:{" "}
          <a href="/events.ics" className="text-accent underline">
            calendar feed
          </a>
        </p>
      </header>
      <form
        action="/events"
        method="get"
        aria-label="Filter events"
        className="mt-6 grid gap-3 rounded border border-rule p-4 sm:grid-cols-3"
      >
        <TextField as="select" size="sm" id="events-topic" name="topic" label="Topic" defaultValue={query.topic ?? ""}>
          <option value="">All topics</option>
          {listing.topics.map((topic) => (
            <option key={topic.slug} value={topic.slug}>
              {topic.name}
            </option>
          ))}
        </TextField>
        <TextField
          as="select"
          size="sm"
          id="events-year"
          name="year"
          label="Year"
          defaultValue={query.year === undefined ? "" : String(query.year)}
        >
          <option value="">All years</option>
          {listing.years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </TextField>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-accent px-4 py-1.5 font-semibold text-white">
            Apply filters
          </button>
          {filtered && (
            <Link href="/events" className="text-sm text-accent underline">
              Clear
            </Link>
          )}
        </div>
      </form>

      {query.page === 1 && (
        <section aria-labelledby="upcoming-heading" className="mt-10">
          <h2 id="upcoming-heading" className="font-serif text-2xl font-bold">
            Upcoming events
          </h2>
          {listing.upcoming.length > 0 ? (
            <EventList events={listing.upcoming} />
          ) : (
            <p className="mt-4 text-muted">No upcoming events{filtered ? " match these filters" : ""}.</p>
          )}
        </section>
      )}

      <section aria-labelledby="past-heading" className="mt-10">
        <h2 id="past-heading" className="font-serif text-2xl font-bold">
          Past events
        </h2>
        <p className="mt-1 text-sm text-muted">{pluralize(listing.pastTotal, "past event")}</p>
        {listing.past.length > 0 ? (
          <EventList events={listing.past} />
        ) : (
          <p className="mt-4 text-muted">No past events{filtered ? " match these filters" : ""}.</p>
        )}
        <Pagination
          page={query.page}
          pageCount={listing.pageCount}
          hrefFor={(page) => eventsHref({ ...query, page })}
        />
      </section>
    </>
  );
}
