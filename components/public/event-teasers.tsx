import type { EventListItem } from "@/lib/data/events";
import { formatEventDay, formatEventTime } from "@/lib/format/dates";
import { eventPath } from "@/lib/format/paths";

/** Upcoming events, soonest first: day and time in the event's own zone, place, and a link to its page. */
export function EventTeasers({ events }: { events: EventListItem[] }) {
  return (
    <ol className="divide-y divide-rule">
      {events.map((event) => (
        <li key={event.id} className="py-4 first:pt-0">
          <article>
            <p className="text-sm font-semibold text-accent">
              <time dateTime={event.startsAt.toISOString()}>
                {formatEventDay(event.startsAt, event.timeZone)}, {formatEventTime(event.startsAt, event.timeZone)}
              </time>
            </p>
            <h3 className="mt-1 font-serif text-lg font-bold leading-snug">
              <a href={eventPath(event.slug)} className="hover:underline">
                {event.title}
              </a>
            </h3>
            <p className="mt-1 text-sm text-muted">
              {event.state === "CANCELLED" ? "Cancelled" : event.state === "POSTPONED" ? "Postponed" : event.place}
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}
