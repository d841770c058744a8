/**
 * Events for the demo archive: every generated Event publication gets its particulars (a
 * past event, two weeks after its announcement, in one of the institute's cities, about
 * half with a recording, its authors as speakers and now and then an outside guest), and
 * a handful of hand-written events around the day of seeding show each registration
 * state: open, full (confirmed registrations fill it), closed, elsewhere, plus a past
 * event with its recording, audio-free transcript and speakers.
 *
 * Idempotent: particulars are added only where missing, the hand-written events by slug.
 */
import type pg from "pg";
import { renderDocumentHtml, type ProseMirrorDoc } from "@/lib/content/render-html";
import { DEMO_EVENT_AUDIO, DEMO_REPORT_PDF } from "./demo-media";

type IdBySlug = Map<string, number>;

/** The institute's cities, by time zone: events are shown in the zone they take place in. */
const VENUES = [
  {
    timeZone: "America/New_York",
    venueName: "Quire Institute Conference Center",
    address: "1800 K Street NW, Suite 1000\nWashington, DC 20006",
    mapUrl: "https://www.openstreetmap.org/search?query=1800%20K%20Street%20NW%20Washington",
  },
  {
    timeZone: "Asia/Seoul",
    venueName: "Seoul Press Center, 20th floor",
    address: "124 Sejong-daero, Jung-gu\nSeoul 04520",
    mapUrl: "https://www.openstreetmap.org/search?query=Seoul%20Press%20Center",
  },
  {
    timeZone: "Europe/Brussels",
    venueName: "Résidence Palace, Room Polak",
    address: "Rue de la Loi 155\n1040 Brussels",
    mapUrl: "https://www.openstreetmap.org/search?query=Residence%20Palace%20Brussels",
  },
  {
    timeZone: "Asia/Tokyo",
    venueName: "International House of Japan",
    address: "5-11-16 Roppongi, Minato-ku\nTokyo 106-0032",
    mapUrl: "https://www.openstreetmap.org/search?query=International%20House%20of%20Japan",
  },
] as const;

/** The hand-written events' announcements: half a year before the generated archive's last day. */
const ANNOUNCED_BY = Date.UTC(2026, 4, 1);

/** Public sample videos of YouTube's and Vimeo's own developer documentation. */
const RECORDINGS = ["https://www.youtube.com/watch?v=M7lc1UVf-VE", "https://vimeo.com/76979871"];

const GUESTS = [
  {
    name: "Amb. Catherine Rhee",
    title: "Former Ambassador to the Republic of Korea",
    affiliation: "Georgetown University",
  },
  { name: "Dr. Hiroshi Tanabe", title: "Professor of International Relations", affiliation: "Keio University" },
  { name: "Sophie Marchal", title: "Senior Analyst", affiliation: "European Policy Centre" },
  { name: "Lee Joon-ho", title: "Research Director", affiliation: "Asan Forum" },
];

/** Particulars for every generated Event publication that has none: past events. */
async function detailGeneratedEvents(pool: pg.Pool): Promise<void> {
  const zones = VENUES.map((venue) => venue.timeZone);
  await pool.query(
    `INSERT INTO "EventDetails"
       ("publicationId", "startsAt", "endsAt", "timeZone", "inPerson", "venueName", address, "mapUrl",
        online, "livestreamUrl", "recordingUrl", "updatedAt")
     SELECT p.id,
            starts, starts + interval '90 minutes',
            ($1::text[])[v], true, ($2::text[])[v], ($3::text[])[v], ($4::text[])[v],
            p.id % 3 = 0, CASE WHEN p.id % 3 = 0 THEN 'https://www.youtube.com/@QuireInstitute/live' END,
            CASE WHEN p.id % 2 = 0 THEN ($5::text[])[1 + (p.id / 2) % 2] END,
            now()
       FROM "Publication" p
       JOIN "PublicationType" t ON t.id = p."typeId" AND t.slug = 'event'
       CROSS JOIN LATERAL (SELECT 1 + p.id % 4 AS v) pick
       -- Two weeks after the announcement, at 10:00 in the venue's zone.
       CROSS JOIN LATERAL (
         SELECT ((date_trunc('day', p."publishedAt" AT TIME ZONE ($1::text[])[v]) + interval '14 days 10 hours')
                 AT TIME ZONE ($1::text[])[v]) AS starts
       ) timing
      WHERE p."publishedAt" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "EventDetails" e WHERE e."publicationId" = p.id)
        AND starts + interval '90 minutes' < now()`,
    [
      zones,
      VENUES.map((venue) => venue.venueName),
      VENUES.map((venue) => venue.address),
      VENUES.map((venue) => venue.mapUrl),
      RECORDINGS,
    ],
  );
  // Their authors speak (the first moderates a panel of several), and every third has a guest.
  await pool.query(
    `INSERT INTO "EventSpeaker" ("eventId", position, role, "authorId")
     SELECT pa."publicationId", pa.position,
            (CASE WHEN pa.position = 0 AND count(*) OVER (PARTITION BY pa."publicationId") > 1
                  THEN 'MODERATOR' ELSE 'SPEAKER' END)::"EventSpeakerRole",
            pa."authorId"
       FROM "PublicationAuthor" pa JOIN "EventDetails" e ON e."publicationId" = pa."publicationId"
      WHERE NOT EXISTS (SELECT 1 FROM "EventSpeaker" s WHERE s."eventId" = e."publicationId")`,
  );
  await pool.query(
    `INSERT INTO "EventSpeaker" ("eventId", position, role, name, title, affiliation)
     SELECT e."publicationId", 100, 'SPEAKER', ($1::text[])[g], ($2::text[])[g], ($3::text[])[g]
       FROM "EventDetails" e CROSS JOIN LATERAL (SELECT 1 + e."publicationId" % 4 AS g) pick
      WHERE e."publicationId" % 3 = 1
        AND NOT EXISTS (SELECT 1 FROM "EventSpeaker" s WHERE s."eventId" = e."publicationId" AND s."authorId" IS NULL)`,
    [GUESTS.map((guest) => guest.name), GUESTS.map((guest) => guest.title), GUESTS.map((guest) => guest.affiliation)],
  );
}

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]): ProseMirrorDoc => ({ type: "doc", content: texts.map(paragraph) }) as ProseMirrorDoc;

type Speaker =
  { author: string; role?: "MODERATOR" } | { name: string; title: string; affiliation: string; role?: "MODERATOR" };

type CuratedEvent = {
  slug: string;
  title: string;
  summary: string;
  body: string[];
  category: string;
  /** Days from the day of seeding (negative: already happened). */
  inDays: number;
  /** Local start hour in the venue's zone. */
  hour: number;
  minutes: number;
  venue: (typeof VENUES)[number];
  online: boolean;
  registration:
    | { mode: "NONE" }
    | { mode: "EXTERNAL"; url: string }
    | { mode: "BUILT_IN"; capacity: number; confirmed: number; waitlisted?: number; deadlineInDays?: number };
  speakers: Speaker[];
  recordingUrl?: string;
  /** The demo's audio file and its PDF as the recording's audio and the slides. */
  audioAndSlides?: boolean;
  transcript?: string[];
};

const CURATED: CuratedEvent[] = [
  {
    slug: "the-alliance-at-75-a-washington-conversation",
    title: "The Alliance at 75: A Washington Conversation",
    summary: "Former officials and the institute's fellows on what the next decade asks of the US–Korea alliance.",
    body: [
      "Seventy-five years after it was signed, the alliance faces questions its founders could not have imagined: supply chains, space and the burden of extended deterrence.",
      "Join us in person in Washington or online for an hour of discussion and questions from the audience.",
    ],
    category: "alliance-diplomacy",
    inDays: 9,
    hour: 10,
    minutes: 0,
    venue: VENUES[0],
    online: true,
    registration: { mode: "BUILT_IN", capacity: 120, confirmed: 4 },
    speakers: [
      { author: "eleanor-whitfield", role: "MODERATOR" },
      { author: "margaret-lindqvist" },
      {
        name: "Amb. Catherine Rhee",
        title: "Former Ambassador to the Republic of Korea",
        affiliation: "Georgetown University",
      },
    ],
  },
  {
    slug: "chips-batteries-and-the-new-trade-map-seoul-roundtable",
    title: "Chips, Batteries and the New Trade Map: A Seoul Roundtable",
    summary: "An intimate roundtable on semiconductor and battery supply chains. Seats are limited.",
    body: [
      "A closed-door format, opened to a small public audience: industry economists and the institute's economic team compare notes on export controls and investment screening.",
    ],
    category: "technology-supply-chains",
    inDays: 16,
    hour: 15,
    minutes: 30,
    venue: VENUES[1],
    online: false,
    registration: { mode: "BUILT_IN", capacity: 3, confirmed: 3, waitlisted: 1 },
    speakers: [
      { author: "shin-jae-won", role: "MODERATOR" },
      { author: "kang-min-ji" },
      { name: "Lee Joon-ho", title: "Research Director", affiliation: "Asan Forum" },
    ],
  },
  {
    slug: "europe-and-the-korean-peninsula-brussels-briefing",
    title: "Europe and the Korean Peninsula: A Brussels Briefing",
    summary: "What the European Union can bring to security on the Peninsula, and what it cannot.",
    body: [
      "A briefing for diplomats, journalists and researchers on Europe's role in sanctions enforcement and humanitarian engagement with North Korea.",
    ],
    category: "north-korea",
    inDays: 3,
    hour: 12,
    minutes: 30,
    venue: VENUES[2],
    online: true,
    registration: { mode: "BUILT_IN", capacity: 80, confirmed: 2, deadlineInDays: -1 },
    speakers: [
      { author: "rudiger-hallstein" },
      { name: "Sophie Marchal", title: "Senior Analyst", affiliation: "European Policy Centre" },
    ],
  },
  {
    slug: "trilateral-security-cooperation-after-the-summit",
    title: "Trilateral Security Cooperation After the Summit",
    summary: "Tokyo, Seoul and Washington after their leaders' latest summit: an online discussion.",
    body: ["An online discussion co-hosted with a Tokyo partner; registration is on our partner's site."],
    category: "security",
    inDays: 23,
    hour: 9,
    minutes: 0,
    venue: VENUES[3],
    online: true,
    registration: { mode: "EXTERNAL", url: "https://www.example.org/events/trilateral-security" },
    speakers: [
      { author: "haruka-morita", role: "MODERATOR" },
      { name: "Dr. Hiroshi Tanabe", title: "Professor of International Relations", affiliation: "Keio University" },
    ],
  },
  {
    slug: "reading-the-party-plenum-a-small-seminar",
    title: "Reading the Party Plenum: A Small Seminar",
    summary: "A seminar around one table on what the latest plenum of the Workers' Party tells analysts.",
    body: [
      "A close reading of the plenum's report with two of the institute's fellows, for a handful of participants.",
      "Seats are few: if the seminar is full, join the waitlist and we will email you when a seat opens.",
    ],
    category: "north-korea",
    inDays: 40,
    hour: 15,
    minutes: 0,
    venue: VENUES[0],
    online: false,
    registration: { mode: "BUILT_IN", capacity: 2, confirmed: 0 },
    speakers: [{ author: "park-seo-yeon" }, { author: "daniel-okafor", role: "MODERATOR" }],
  },
  {
    slug: "north-korean-markets-a-decade-of-price-data",
    title: "North Korean Markets: A Decade of Price Data",
    summary: "The institute presents its dataset of market prices in North Korea, with the recording and transcript.",
    body: [
      "Ten years of rice, corn and currency prices tell a story of sanctions, the pandemic and recovery.",
      "The recording, the slides and a transcript are below.",
    ],
    category: "north-korea",
    inDays: -12,
    hour: 14,
    minutes: 0,
    venue: VENUES[0],
    online: true,
    registration: { mode: "BUILT_IN", capacity: 150, confirmed: 6 },
    speakers: [
      { author: "park-seo-yeon" },
      { author: "daniel-okafor", role: "MODERATOR" },
      { name: "Lee Joon-ho", title: "Research Director", affiliation: "Asan Forum" },
    ],
    recordingUrl: RECORDINGS[0],
    audioAndSlides: true,
    transcript: [
      "Daniel Okafor: Welcome, everyone, and thank you for joining us in the room and online.",
      "Park Seo-yeon: Thank you. When we started collecting prices ten years ago, we had eleven markets; today we have forty-two.",
      "Lee Joon-ho: What strikes me most is how quickly prices recovered after the border reopened.",
    ],
  },
];

/** How many hand-written events the demo adds to the generated archive (tests count them). */
export const DEMO_CURATED_EVENT_COUNT = CURATED.length;
export const DEMO_CURATED_EVENT_SLUGS: readonly string[] = CURATED.map((event) => event.slug);

/** The moment `hour:minutes` falls in `timeZone`, `inDays` days from `now` (the zone's calendar day). */
function zonedMoment(now: Date, inDays: number, hour: number, minutes: number, timeZone: string): Date {
  const day = new Date(now.getTime() + inDays * 86_400_000);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(day)
    .split("-")
    .map(Number);
  const guess = Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!, hour, minutes);
  const offset = (at: number) => {
    const clock = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    }).formatToParts(new Date(at));
    const value = (type: string) => Number(clock.find((part) => part.type === type)?.value);
    return Date.UTC(value("year"), value("month") - 1, value("day"), value("hour"), value("minute")) - at;
  };
  return new Date(guess - offset(guess - offset(guess)));
}

async function insertCuratedEvent(
  client: pg.PoolClient,
  event: CuratedEvent,
  reference: { types: IdBySlug; categories: IdBySlug; authors: IdBySlug; media?: Map<string, number> },
  now: Date,
): Promise<void> {
  const startsAt = zonedMoment(now, event.inDays, event.hour, event.minutes, event.venue.timeZone);
  const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
  // Announced well before: below the generated archive's newest items, which readers open first.
  const publishedAt = new Date(Math.min(ANNOUNCED_BY, startsAt.getTime() - 30 * 86_400_000));
  const body = doc(...event.body);
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO "Publication" (slug, title, summary, "bodyJson", "bodyHtml", "wordCount", status, "publishedAt",
                                "typeId", "createdAt", "updatedAt", "alertsQueuedAt")
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, 'PUBLISHED', $7, $8, $7, $7, now())
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [
      event.slug,
      event.title,
      event.summary,
      JSON.stringify(body),
      renderDocumentHtml(body),
      event.body.join(" ").split(/\s+/).length,
      publishedAt,
      reference.types.get("event"),
    ],
  );
  const id = inserted.rows[0]?.id;
  if (id === undefined) return; // seeded before
  await client.query(`INSERT INTO "PublicationCategory" ("publicationId", "categoryId") VALUES ($1, $2)`, [
    id,
    reference.categories.get(event.category),
  ]);
  const authorIds = event.speakers.flatMap((speaker) =>
    "author" in speaker ? [reference.authors.get(speaker.author)] : [],
  );
  for (const [position, authorId] of authorIds.entries()) {
    await client.query(`INSERT INTO "PublicationAuthor" ("publicationId", "authorId", position) VALUES ($1, $2, $3)`, [
      id,
      authorId,
      position,
    ]);
  }
  const registration = event.registration;
  const deadline =
    registration.mode === "BUILT_IN" && registration.deadlineInDays !== undefined
      ? new Date(now.getTime() + registration.deadlineInDays * 86_400_000)
      : null;
  await client.query(
    `INSERT INTO "EventDetails" ("publicationId", "startsAt", "endsAt", "timeZone", "inPerson", "venueName", address,
                                 "mapUrl", online, "livestreamUrl", "livestreamAccess", "registrationMode",
                                 "externalRegistrationUrl", capacity, "registrationDeadline", "recordingUrl",
                                 "transcriptHtml", "audioId", "slidesId", "updatedAt")
     VALUES ($1, $2, $3, $4, true, $5, $6, $7, $8, $9, $10::"LivestreamAccess", $11::"EventRegistrationMode",
             $12, $13, $14, $15, $16, $17, $18, now())`,
    [
      id,
      startsAt,
      endsAt,
      event.venue.timeZone,
      event.venue.venueName,
      event.venue.address,
      event.venue.mapUrl,
      event.online,
      event.online ? "https://www.youtube.com/@QuireInstitute/live" : null,
      registration.mode === "BUILT_IN" ? "REGISTRANTS" : "PUBLIC",
      registration.mode,
      registration.mode === "EXTERNAL" ? registration.url : null,
      registration.mode === "BUILT_IN" ? registration.capacity : null,
      deadline,
      event.recordingUrl ?? null,
      event.transcript ? renderDocumentHtml(doc(...event.transcript)) : "",
      event.audioAndSlides ? (reference.media?.get(DEMO_EVENT_AUDIO.storageKey) ?? null) : null,
      event.audioAndSlides ? (reference.media?.get(DEMO_REPORT_PDF.storageKey) ?? null) : null,
    ],
  );
  for (const [position, speaker] of event.speakers.entries()) {
    if ("author" in speaker) {
      await client.query(
        `INSERT INTO "EventSpeaker" ("eventId", position, role, "authorId") VALUES ($1, $2, $3::"EventSpeakerRole", $4)`,
        [id, position, speaker.role ?? "SPEAKER", reference.authors.get(speaker.author)],
      );
    } else {
      await client.query(
        `INSERT INTO "EventSpeaker" ("eventId", position, role, name, title, affiliation)
         VALUES ($1, $2, $3::"EventSpeakerRole", $4, $5, $6)`,
        [id, position, speaker.role ?? "SPEAKER", speaker.name, speaker.title, speaker.affiliation],
      );
    }
  }
  if (registration.mode === "BUILT_IN") {
    // Confirmed registrations hold seats (the full event's fill it); then the waitlist.
    const people = registration.confirmed + (registration.waitlisted ?? 0);
    for (let index = 0; index < people; index++) {
      const waitlisted = index >= registration.confirmed;
      await client.query(
        `INSERT INTO "EventRegistration" ("eventId", email, name, affiliation, status, "consentAt", "consentVersion",
                                          "confirmedAt", "waitlistedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5::"EventRegistrationStatus", $6, 'demo', $6, $7, now())`,
        [
          id,
          `guest${index + 1}.${event.slug.slice(0, 20)}@example.org`,
          `Demo Guest ${index + 1}`,
          index % 2 === 0 ? "Embassy of Finland" : "",
          waitlisted ? "WAITLISTED" : "CONFIRMED",
          publishedAt,
          waitlisted ? new Date(publishedAt.getTime() + index * 60_000) : null,
        ],
      );
    }
  }
}

/**
 * Writes the demo's events (see above). `now`: the moment of seeding; the hand-written
 * events are placed around the start of its day (UTC), so seeding twice that day writes
 * the same events.
 */
export async function seedDemoEvents(
  pool: pg.Pool,
  reference: { types: IdBySlug; categories: IdBySlug; authors: IdBySlug; media?: Map<string, number> },
  now = new Date(),
): Promise<void> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (!reference.types.has("event")) return;
  await detailGeneratedEvents(pool);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const event of CURATED) await insertCuratedEvent(client, event, reference, today);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
