import type { EventTeaser } from "@/lib/data/event-teasers";
import { formatEventStart } from "@/lib/format/dates";
import { eventPath } from "@/lib/format/paths";

function place(event: EventTeaser): string {
  const where = event.inPerson ? event.venueName || "In person" : "";
  if (event.online) return where ? `${where} and online` : "Online";
  return where;
}

/** Upcoming events, soonest first: date and time in the event's zone, place, and a link to its page. */
export function EventTeasers({ events, headingLevel = 3 }: { events: EventTeaser[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="divide-y divide-rule">
      {events.map((event) => (
        <li key={event.publication.id} className="py-4 first:pt-0">
          <article>
            <p className="text-sm font-semibold text-accent">
              <time dateTime={event.startsAt.toISOString()}>{formatEventStart(event.startsAt, event.timeZone)}</time>
            </p>
            <Heading className="mt-1 font-serif text-lg font-bold leading-snug">
              <a href={eventPath(event.publication.slug)} className="hover:underline">
                {event.publication.title}
              </a>
            </Heading>
            <p className="mt-1 text-sm text-muted">
              {event.state === "CANCELLED" ? "Cancelled" : event.state === "POSTPONED" ? "Postponed" : place(event)}
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}
