/**
 * Public reads of events: the /events listing (upcoming soonest first, past newest first),
 * an event's page, the upcoming events other pages show (home page, author profiles) and
 * the calendar feed. Every read goes through publicWhere (lib/data/visibility.ts): only a
 * public publication of the type Event with its particulars is an event readers see.
 * Free of "server-only" (the event page is a Pages Router page), like lib/data/publication-page.ts.
 */
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import type { CalendarEvent } from "@/lib/format/calendar";
import { calendarEventOf } from "@/lib/format/event-calendar";
import { EVENT_TYPE_SLUG, eventPath, publicationPath } from "@/lib/format/paths";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventsQuery } from "@/lib/validations/events-listing";
import { EVENTS_PAGE_SIZE } from "@/lib/validations/events-listing";
import { findPublishedPublication, findRedirect, type PublicationDetail } from "./publications";
import { readFeaturedSeries, readSignupTopics, type SignupTopic } from "./taxonomy";
import { publicSql, publicWhere } from "./visibility";

/** A public publication of the type Event (its particulars are asked for by the query itself). */
function publicEventWhere(now: Date): Prisma.PublicationWhereInput {
  return { ...publicWhere(now), type: { slug: EVENT_TYPE_SLUG } };
}

const listItemSelect = {
  startsAt: true,
  endsAt: true,
  timeZone: true,
  state: true,
  inPerson: true,
  venueName: true,
  online: true,
  recordingUrl: true,
  audioId: true,
  publication: {
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      categories: { select: { category: { select: { name: true, slug: true } } } },
    },
  },
} satisfies Prisma.EventDetailsSelect;

/** What a list of events shows of each. */
export type EventListItem = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  state: "SCHEDULED" | "POSTPONED" | "CANCELLED";
  /** "Seoul Press Center", "Online", or both. */
  place: string;
  /** A recording (video or audio) is up: listings mark it "Recording". */
  hasRecording: boolean;
  categories: Array<{ name: string; slug: string }>;
};

type ListRow = Prisma.EventDetailsGetPayload<{ select: typeof listItemSelect }>;

function placeOf(event: { inPerson: boolean; venueName: string; online: boolean }): string {
  const places = [event.inPerson ? event.venueName || "In person" : "", event.online ? "Online" : ""];
  return places.filter(Boolean).join(" and ");
}

function toListItem(row: ListRow): EventListItem {
  return {
    id: row.publication.id,
    slug: row.publication.slug,
    title: row.publication.title,
    summary: row.publication.summary,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    state: row.state,
    place: placeOf(row),
    hasRecording: row.recordingUrl !== null || row.audioId !== null,
    categories: row.publication.categories.map(({ category }) => category),
  };
}

/** Upcoming: not yet ended (an event under way is still upcoming). */
const upcomingWhere = (now: Date): Prisma.EventDetailsWhereInput => ({ endsAt: { gt: now } });
const pastWhere = (now: Date): Prisma.EventDetailsWhereInput => ({ endsAt: { lte: now } });

/**
 * The next public events, soonest first: for the home page and author profiles
 * (`authorId`: only events where that author speaks or moderates).
 */
export async function readUpcomingEvents(
  limit: number,
  options: { authorId?: number; database?: DatabaseClient; now?: Date } = {},
): Promise<EventListItem[]> {
  const now = options.now ?? new Date();
  const rows = await (options.database ?? db).eventDetails.findMany({
    where: {
      ...upcomingWhere(now),
      publication: publicEventWhere(now),
      ...(options.authorId !== undefined && { speakers: { some: { authorId: options.authorId } } }),
    },
    orderBy: [{ startsAt: "asc" }, { publicationId: "asc" }],
    take: Math.max(0, Math.min(limit, 100)),
    select: listItemSelect,
  });
  return rows.map(toListItem);
}

/** How many upcoming events /events shows at most (they are few; past ones are paged). */
const UPCOMING_LIMIT = 100;

export type EventsListing = {
  query: EventsQuery;
  upcoming: EventListItem[];
  past: EventListItem[];
  pastTotal: number;
  pageCount: number;
  /** The filter form's choices: topics and years that have public events. */
  topics: Array<{ slug: string; name: string }>;
  years: number[];
};

/** The filter's choices: topics of public events, and the years (UTC) public events start in. */
export async function readEventFilterTerms(database: DatabaseClient, now = new Date()) {
  const [topics, years] = await Promise.all([
    database.category.findMany({
      where: { publications: { some: { publication: { ...publicEventWhere(now), event: { isNot: null } } } } },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
    database.$queryRaw<Array<{ year: number }>>`
      SELECT DISTINCT extract(year FROM e."startsAt" AT TIME ZONE 'UTC')::int AS year
        FROM "EventDetails" e JOIN "Publication" p ON p.id = e."publicationId"
        JOIN "PublicationType" t ON t.id = p."typeId"
       WHERE t.slug = ${EVENT_TYPE_SLUG} AND ${publicSql("p", now)}
       ORDER BY year DESC`,
  ]);
  return { topics, years: years.map((row) => row.year) };
}

/**
 * /events with its filters: null when a filter names a topic or year without public
 * events, or the page is past the last (the page answers 404 and nothing is cached).
 */
export async function readEventsListing(
  database: DatabaseClient,
  query: EventsQuery,
  now = new Date(),
): Promise<EventsListing | null> {
  const terms = await readEventFilterTerms(database, now);
  if (query.topic !== undefined && !terms.topics.some((topic) => topic.slug === query.topic)) return null;
  if (query.year !== undefined && !terms.years.includes(query.year)) return null;
  const where: Prisma.EventDetailsWhereInput = {
    publication: {
      ...publicEventWhere(now),
      ...(query.topic !== undefined && { categories: { some: { category: { slug: query.topic } } } }),
    },
    ...(query.year !== undefined && {
      startsAt: { gte: new Date(Date.UTC(query.year, 0, 1)), lt: new Date(Date.UTC(query.year + 1, 0, 1)) },
    }),
  };
  const [upcoming, past, pastTotal] = await Promise.all([
    // Upcoming events are on the first page only; later pages continue the past ones.
    query.page === 1
      ? database.eventDetails.findMany({
          where: { AND: [where, upcomingWhere(now)] },
          orderBy: [{ startsAt: "asc" }, { publicationId: "asc" }],
          take: UPCOMING_LIMIT,
          select: listItemSelect,
        })
      : [],
    database.eventDetails.findMany({
      where: { AND: [where, pastWhere(now)] },
      orderBy: [{ startsAt: "desc" }, { publicationId: "desc" }],
      skip: (query.page - 1) * EVENTS_PAGE_SIZE,
      take: EVENTS_PAGE_SIZE,
      select: listItemSelect,
    }),
    database.eventDetails.count({ where: { AND: [where, pastWhere(now)] } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(pastTotal / EVENTS_PAGE_SIZE));
  if (query.page > pageCount) return null;
  return {
    query,
    upcoming: upcoming.map(toListItem),
    past: past.map(toListItem),
    pastTotal,
    pageCount,
    topics: terms.topics,
    years: terms.years,
  };
}

const eventPageSelect = {
  startsAt: true,
  endsAt: true,
  timeZone: true,
  state: true,
  inPerson: true,
  venueName: true,
  address: true,
  mapUrl: true,
  online: true,
  livestreamUrl: true,
  livestreamAccess: true,
  registrationMode: true,
  externalRegistrationUrl: true,
  capacity: true,
  registrationDeadline: true,
  recordingUrl: true,
  transcriptHtml: true,
  updatedAt: true,
  audio: { select: { storageKey: true, filename: true, mimeType: true } },
  slides: { select: { storageKey: true, filename: true, sizeBytes: true } },
  speakers: {
    orderBy: { position: "asc" },
    select: {
      role: true,
      name: true,
      title: true,
      affiliation: true,
      author: { select: { slug: true, name: true, title: true, affiliation: true } },
    },
  },
  _count: { select: { registrations: { where: { status: "CONFIRMED" } } } },
} satisfies Prisma.EventDetailsSelect;

export type EventSpeakerView = {
  role: "SPEAKER" | "MODERATOR";
  name: string;
  title: string;
  affiliation: string;
  /** The institute's author: the name links to their profile. */
  authorSlug: string | null;
};

/** An event's particulars as its public page shows them (dates as `…At` fields, so they survive JSON). */
export type EventView = {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  state: "SCHEDULED" | "POSTPONED" | "CANCELLED";
  inPerson: boolean;
  venueName: string;
  address: string;
  mapUrl: string | null;
  online: boolean;
  /** Only when the link is public: a link for registrants only never reaches a cached page. */
  livestreamUrl: string | null;
  livestreamForRegistrantsOnly: boolean;
  registrationMode: "NONE" | "BUILT_IN" | "EXTERNAL";
  externalRegistrationUrl: string | null;
  capacity: number | null;
  registrationDeadlineAt: Date | null;
  seatsTaken: number;
  recordingUrl: string | null;
  /** Media library files by storage key (components/ turn them into addresses). */
  audio: { storageKey: string; mimeType: string; filename: string } | null;
  transcriptHtml: string;
  slides: { storageKey: string; filename: string; sizeBytes: number } | null;
  speakers: EventSpeakerView[];
  updatedAt: Date;
};

type EventRow = Prisma.EventDetailsGetPayload<{ select: typeof eventPageSelect }>;

function toEventView(row: EventRow): EventView {
  const registrantsOnly = row.livestreamAccess === "REGISTRANTS";
  return {
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    state: row.state,
    inPerson: row.inPerson,
    venueName: row.venueName,
    address: row.address,
    mapUrl: row.mapUrl,
    online: row.online,
    livestreamUrl: row.online && !registrantsOnly ? row.livestreamUrl : null,
    livestreamForRegistrantsOnly: row.online && registrantsOnly,
    registrationMode: row.registrationMode,
    externalRegistrationUrl: row.externalRegistrationUrl,
    capacity: row.capacity,
    registrationDeadlineAt: row.registrationDeadline,
    seatsTaken: row._count.registrations,
    recordingUrl: row.recordingUrl,
    audio: row.audio,
    transcriptHtml: row.transcriptHtml,
    slides: row.slides,
    speakers: row.speakers.map((speaker) => ({
      role: speaker.role,
      name: speaker.author?.name ?? speaker.name,
      title: speaker.author ? speaker.author.title : speaker.title,
      affiliation: speaker.author ? speaker.author.affiliation : speaker.affiliation,
      authorSlug: speaker.author?.slug ?? null,
    })),
    updatedAt: row.updatedAt,
  };
}

export type EventPageData = {
  publication: PublicationDetail;
  /** Null: an Event whose date and place staff have not entered yet. */
  event: EventView | null;
  signupTopics: SignupTopic[];
  featuredSeries: { slug: string; name: string } | null;
};

export type EventPageLookup = { found: true; data: EventPageData } | { found: false; movedTo?: string };

/**
 * An event's page: the public Event publication at `slug`, or where its address moved
 * (a renamed event: its old /publications/ or /events/ address), or nothing. A publication
 * of another type is no event: its /events/ address leads to its publication page.
 */
export async function loadEventPage(database: DatabaseClient, slug: string): Promise<EventPageLookup> {
  const publication = await findPublishedPublication(database, slug);
  if (!publication) {
    const movedTo = await findRedirect(database, publicationPath(slug));
    return movedTo ? { found: false, movedTo: eventPathOf(movedTo) } : { found: false };
  }
  if (publication.type.slug !== EVENT_TYPE_SLUG) return { found: false, movedTo: publicationPath(slug) };
  const [row, signupTopics, featuredSeries] = await Promise.all([
    database.eventDetails.findUnique({ where: { publicationId: publication.id }, select: eventPageSelect }),
    readSignupTopics(database),
    readFeaturedSeries(database),
  ]);
  return {
    found: true,
    data: {
      publication,
      event: row && toEventView(row),
      signupTopics,
      featuredSeries: featuredSeries && { slug: featuredSeries.slug, name: featuredSeries.name },
    },
  };
}

/** A publication redirect's target, as the event's own address. */
function eventPathOf(publicationAddress: string): string {
  const match = /^\/publications\/([^/]+)$/.exec(publicationAddress);
  return match ? eventPath(match[1]!) : publicationAddress;
}

/** How many upcoming events the calendar feed carries. */
const CALENDAR_FEED_LIMIT = 200;

/** The public upcoming events as calendar entries, for /events.ics. */
export async function readCalendarFeedEvents(
  database: DatabaseClient,
  siteUrl: string,
  now = new Date(),
): Promise<CalendarEvent[]> {
  const rows = await database.eventDetails.findMany({
    where: { ...upcomingWhere(now), publication: publicEventWhere(now) },
    orderBy: [{ startsAt: "asc" }, { publicationId: "asc" }],
    take: CALENDAR_FEED_LIMIT,
    select: {
      startsAt: true,
      endsAt: true,
      state: true,
      inPerson: true,
      venueName: true,
      address: true,
      online: true,
      updatedAt: true,
      publication: { select: { id: true, slug: true, title: true, summary: true } },
    },
  });
  return rows.map((row) => calendarEventOf(row.publication, row, siteUrl));
}

/** One public event's calendar entry, for /events/<slug>/calendar.ics; null when there is none. */
export async function readEventCalendarEntry(
  database: DatabaseClient,
  slug: string,
  siteUrl: string,
  now = new Date(),
): Promise<CalendarEvent | null> {
  const row = await database.eventDetails.findFirst({
    where: { publication: { slug, ...publicEventWhere(now) } },
    select: {
      startsAt: true,
      endsAt: true,
      state: true,
      inPerson: true,
      venueName: true,
      address: true,
      online: true,
      updatedAt: true,
      publication: { select: { id: true, slug: true, title: true, summary: true } },
    },
  });
  return row && calendarEventOf(row.publication, row, siteUrl);
}

export type EventsPageData = {
  listing: EventsListing;
  signupTopics: SignupTopic[];
  featuredSeries: { slug: string; name: string } | null;
};

/** Everything /events shows for a filter set and page, or null when it does not exist (404). */
export async function loadEventsPage(
  database: DatabaseClient,
  query: EventsQuery,
  now = new Date(),
): Promise<EventsPageData | null> {
  const [listing, signupTopics, featuredSeries] = await Promise.all([
    readEventsListing(database, query, now),
    readSignupTopics(database),
    readFeaturedSeries(database),
  ]);
  if (!listing) return null;
  return {
    listing,
    signupTopics,
    featuredSeries: featuredSeries && { slug: featuredSeries.slug, name: featuredSeries.name },
  };
}
