import Link from "next/link";
import { EventRegistrationForm } from "@/components/public/event-registration-form";
import { ShareLinks } from "@/components/public/share-links";
import { videoEmbedUrl } from "@/lib/content/video";
import type { EventPageData, EventView } from "@/lib/data/events";
import { registrationStatus, type RegistrationStatus } from "@/lib/events/registration-status";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/format/bytes";
import { googleCalendarLink, outlookCalendarLink } from "@/lib/format/calendar";
import { calendarEventOf, calendarLocation } from "@/lib/format/event-calendar";
import { formatEventWhen, zoneOffsetMinutes } from "@/lib/format/dates";
import { eventPath, mediaUrl } from "@/lib/format/paths";
import { imageSrcSet } from "@/lib/media/variants";

export const eventUrl = (slug: string) => new URL(eventPath(slug), env.SITE_URL).toString();

const SCHEMA_STATUS = {
  SCHEDULED: "https://schema.org/EventScheduled",
  POSTPONED: "https://schema.org/EventPostponed",
  CANCELLED: "https://schema.org/EventCancelled",
} as const;

function attendanceMode(event: EventView): string {
  if (event.inPerson && event.online) return "https://schema.org/MixedEventAttendanceMode";
  return event.online
    ? "https://schema.org/OnlineEventAttendanceMode"
    : "https://schema.org/OfflineEventAttendanceMode";
}

/** schema.org Event: what search engines show of an event (date, place, people, registration). */
function structuredData(data: EventPageData, event: EventView, status: RegistrationStatus) {
  const { publication } = data;
  const url = eventUrl(publication.slug);
  const locations = [
    ...(event.inPerson
      ? [
          {
            "@type": "Place",
            name: event.venueName || undefined,
            address: event.address ? { "@type": "PostalAddress", streetAddress: event.address } : undefined,
          },
        ]
      : []),
    ...(event.online ? [{ "@type": "VirtualLocation", url: event.livestreamUrl ?? url }] : []),
  ];
  const registrationUrl = event.registrationMode === "EXTERNAL" ? event.externalRegistrationUrl : `${url}#registration`;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: publication.title,
    description: publication.summary || undefined,
    url,
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus: SCHEMA_STATUS[event.state],
    eventAttendanceMode: attendanceMode(event),
    location: locations.length === 1 ? locations[0] : locations,
    image: publication.featuredImage
      ? new URL(mediaUrl(publication.featuredImage.storageKey), env.SITE_URL).toString()
      : undefined,
    organizer: { "@type": "Organization", name: env.SITE_NAME, url: env.SITE_URL },
    performer: event.speakers.map((speaker) => ({
      "@type": "Person",
      name: speaker.name,
      jobTitle: speaker.title || undefined,
      affiliation: speaker.affiliation ? { "@type": "Organization", name: speaker.affiliation } : undefined,
    })),
    ...(event.registrationMode !== "NONE" && {
      offers: {
        "@type": "Offer",
        url: registrationUrl,
        price: 0,
        priceCurrency: "USD",
        availability:
          status === "open" || status === "external"
            ? "https://schema.org/InStock"
            : status === "waitlist"
              ? "https://schema.org/SoldOut"
              : "https://schema.org/Discontinued",
        validThrough: (event.registrationDeadlineAt ?? event.startsAt).toISOString(),
      },
    }),
  };
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="note" className="mt-4 rounded border-l-4 border-red-800 bg-red-50 px-4 py-3 font-semibold">
      {children}
    </p>
  );
}

/** The registration box: what the reader can do now, in the words the site uses everywhere. */
function Registration({ slug, event, status }: { slug: string; event: EventView; status: RegistrationStatus }) {
  if (status === "none") return null;
  const box = "mt-8 rounded border border-rule p-4";
  switch (status) {
    case "ended":
      return (
        <section id="registration" aria-label="Registration" className={box}>
          <p className="font-semibold">This event has ended</p>
        </section>
      );
    case "cancelled":
      return (
        <section id="registration" aria-label="Registration" className={box}>
          <p className="font-semibold">This event has been cancelled</p>
        </section>
      );
    case "closed":
      return (
        <section id="registration" aria-label="Registration" className={box}>
          <p className="font-semibold">Registration closed</p>
        </section>
      );
    case "external":
      return (
        <section id="registration" aria-label="Registration" className={box}>
          <a
            href={event.externalRegistrationUrl ?? "#"}
            rel="noopener"
            className="inline-flex rounded bg-accent px-4 py-2 font-semibold text-white"
          >
            Register
          </a>
          <p className="mt-2 text-sm text-muted">Registration is on another site.</p>
        </section>
      );
    case "open":
    case "waitlist":
      return (
        <section id="registration" aria-labelledby="registration-heading" className={box}>
          <h2 id="registration-heading" className="font-serif text-2xl font-bold">
            {status === "open" ? "Register" : "Waitlist"}
          </h2>
          <div className="mt-4">
            <EventRegistrationForm eventSlug={slug} status={status} />
          </div>
        </section>
      );
  }
}

function AddToCalendar({ data, event }: { data: EventPageData; event: EventView }) {
  const entry = calendarEventOf(data.publication, event, env.SITE_URL);
  return (
    <p className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <a
        href={`${eventPath(data.publication.slug)}/calendar.ics`}
        download={`${data.publication.slug}.ics`}
        className="inline-flex rounded border border-accent px-3 py-1.5 font-semibold text-accent"
      >
        Add to calendar
      </a>
      <a href={googleCalendarLink(entry)} rel="noopener" className="text-accent underline">
        Google Calendar
      </a>
      <a href={outlookCalendarLink(entry)} rel="noopener" className="text-accent underline">
        Outlook
      </a>
    </p>
  );
}

/** One event as readers see it: when, where, who, registration, and after it, the recording. */
export function EventArticle({ data, now }: { data: EventPageData; now: Date }) {
  const { publication, event } = data;
  const url = eventUrl(publication.slug);
  const status: RegistrationStatus | null = event
    ? registrationStatus(
        {
          state: event.state,
          registrationMode: event.registrationMode,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          capacity: event.capacity,
          registrationDeadline: event.registrationDeadlineAt,
          seatsTaken: event.seatsTaken,
        },
        now,
      )
    : null;
  const ended = status === "ended";
  const recording = event?.recordingUrl ? videoEmbedUrl(event.recordingUrl) : null;
  const hasAfterwards = event && (recording || event.audio || event.slides || event.transcriptHtml);

  return (
    <article className="event">
      {event && status && (
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{
            __html: JSON.stringify(structuredData(data, event, status)).replace(/</g, "\\u003c"),
          }}
        />
      )}
      <p className="mb-4 text-sm">
        <Link href="/events" className="text-accent underline">
          ← All events
        </Link>
      </p>
      <p className="text-xs font-semibold uppercase tracking-wide text-muted">{ended ? "Past event" : "Event"}</p>
      <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">{publication.title}</h1>

      {event?.state === "CANCELLED" && <Notice>This event has been cancelled.</Notice>}
      {event?.state === "POSTPONED" && <Notice>This event has been postponed. A new date will be announced.</Notice>}

      {event ? (
        <dl className="mt-6 grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
          <dt className="font-semibold">When</dt>
          <dd>
            <time dateTime={event.startsAt.toISOString()}>
              {formatEventWhen(event.startsAt, event.endsAt, event.timeZone)}
            </time>
            <span className="block text-sm text-muted">{event.timeZone.replace(/_/g, " ")}</span>
            <span
              data-local-time=""
              data-starts-at={event.startsAt.toISOString()}
              data-ends-at={event.endsAt.toISOString()}
              data-starts-offset={zoneOffsetMinutes(event.startsAt, event.timeZone)}
              data-ends-offset={zoneOffsetMinutes(event.endsAt, event.timeZone)}
              className="block text-sm"
              hidden
            />
          </dd>
          {event.inPerson && (
            <>
              <dt className="font-semibold">Where</dt>
              <dd>
                {event.venueName && <span className="block">{event.venueName}</span>}
                {event.address && <span className="block whitespace-pre-line text-sm">{event.address}</span>}
                {event.mapUrl && (
                  <a href={event.mapUrl} rel="noopener" className="text-sm text-accent underline">
                    Map
                  </a>
                )}
              </dd>
            </>
          )}
          {event.online && (
            <>
              <dt className="font-semibold">Online</dt>
              <dd>
                {event.livestreamUrl && !ended ? (
                  <a href={event.livestreamUrl} rel="noopener" className="text-accent underline">
                    Watch the livestream
                  </a>
                ) : event.livestreamForRegistrantsOnly && !ended ? (
                  "The livestream link is sent to registrants by email."
                ) : (
                  "Streamed online."
                )}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="mt-6 text-muted">Date and place to be announced.</p>
      )}

      {event && !ended && event.state !== "CANCELLED" && <AddToCalendar data={data} event={event} />}

      {publication.categories.length > 0 && (
        <ul aria-label="Topics" className="mt-5 flex flex-wrap gap-2 text-sm">
          {publication.categories.map(({ category }) => (
            <li key={category.slug}>
              <Link
                href={`/categories/${category.slug}`}
                className="rounded-full bg-gray-100 px-3 py-1 text-ink hover:underline"
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      )}

      {event && status && <Registration slug={publication.slug} event={event} status={status} />}

      {publication.featuredImage && (
        <figure className="mt-8">
          {/* eslint-disable-next-line @next/next/no-img-element -- stored media, dimensions known */}
          <img
            src={mediaUrl(publication.featuredImage.storageKey)}
            srcSet={imageSrcSet(publication.featuredImage)}
            sizes="(min-width: 64rem) 62rem, 100vw"
            alt={publication.featuredImage.alt}
            width={publication.featuredImage.width ?? undefined}
            height={publication.featuredImage.height ?? undefined}
            className="h-auto w-full"
          />
          {(publication.featuredImageCaption || publication.featuredImageCredit) && (
            <figcaption className="mt-2 text-sm text-muted">
              {publication.featuredImageCaption}{" "}
              {publication.featuredImageCredit && <span className="italic">{publication.featuredImageCredit}</span>}
            </figcaption>
          )}
        </figure>
      )}

      {publication.summary && <p className="mt-8 text-lg leading-relaxed">{publication.summary}</p>}

      {hasAfterwards && (
        <section aria-labelledby="after-heading" className="mt-10">
          <h2 id="after-heading" className="font-serif text-2xl font-bold">
            {recording ? "Recording" : "After the event"}
          </h2>
          {recording && (
            <figure className="video mt-4">
              <iframe
                src={recording}
                title={`Recording: ${publication.title}`}
                width={640}
                height={360}
                loading="lazy"
                allow="fullscreen; picture-in-picture"
                referrerPolicy="strict-origin-when-cross-origin"
                className="aspect-video h-auto w-full"
              />
            </figure>
          )}
          {event.audio && (
            <div className="mt-4">
              <p className="font-semibold" id="event-audio-label">
                Audio
              </p>
              {/* Served with byte ranges (app/media), so the player can seek without the whole file. */}
              <audio controls preload="none" aria-labelledby="event-audio-label" className="mt-2 w-full">
                <source src={mediaUrl(event.audio.storageKey)} type={event.audio.mimeType} />
                <a href={mediaUrl(event.audio.storageKey)}>Download the audio</a>
              </audio>
              <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
                {event.transcriptHtml && (
                  <a href="#event-transcript" className="text-accent underline">
                    Read the transcript
                  </a>
                )}
                <a href={mediaUrl(event.audio.storageKey)} download className="text-accent underline">
                  Download the audio
                </a>
              </p>
            </div>
          )}
          {event.slides && (
            <p className="mt-4">
              <a href={mediaUrl(event.slides.storageKey)} download className="text-accent underline">
                Slides (PDF, {formatBytes(event.slides.sizeBytes)})
              </a>
            </p>
          )}
          {event.transcriptHtml && (
            <details className="mt-4">
              <summary className="cursor-pointer font-semibold">Transcript</summary>
              {/* Rendered and sanitized on the server before it was stored, like a body. */}
              {/* The audio's "Read the transcript" link targets this, which opens the details around it. */}
              <div
                id="event-transcript"
                className="prose-body mt-3 max-w-prose font-serif"
                dangerouslySetInnerHTML={{ __html: event.transcriptHtml }}
              />
            </details>
          )}
        </section>
      )}

      {/* bodyHtml is rendered and sanitized on the server before it is stored. */}
      <div
        className="prose-body mt-8 max-w-prose font-serif text-lg"
        dangerouslySetInnerHTML={{ __html: publication.bodyHtml }}
      />

      {event && event.speakers.length > 0 && (
        <section aria-labelledby="speakers-heading" className="mt-10">
          <h2 id="speakers-heading" className="font-serif text-2xl font-bold">
            Speakers
          </h2>
          <ul className="mt-4 space-y-3">
            {event.speakers.map((speaker, index) => (
              <li key={`${index}-${speaker.name}`}>
                {speaker.authorSlug ? (
                  <Link href={`/authors/${speaker.authorSlug}`} className="font-semibold hover:underline">
                    {speaker.name}
                  </Link>
                ) : (
                  <span className="font-semibold">{speaker.name}</span>
                )}
                {speaker.role === "MODERATOR" && <span className="ml-2 text-sm text-muted">(Moderator)</span>}
                {(speaker.title || speaker.affiliation) && (
                  <span className="block text-sm text-muted">
                    {[speaker.title, speaker.affiliation].filter(Boolean).join(", ")}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {event && (
        <p className="print-only mt-8 text-sm">
          {publication.title}: {calendarLocation(event)}. {url}
        </p>
      )}
      <ShareLinks url={url} title={publication.title} />
    </article>
  );
}
