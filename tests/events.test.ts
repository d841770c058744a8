/**
 * Events against a real database: the editor's request (times in the event's own zone,
 * stored in UTC; what is refused and why), saving particulars and speakers (the action
 * checks the session and the type), the /events listing's order and filters, and the job
 * that wakes an event's pages at its moments.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveEventRequestSchema } from "@/lib/validations/event";
import { canonicalEventsQuery, eventsQueryKey, parseEventsQuery } from "@/lib/validations/events-listing";
import { isolatedTestDatabase } from "./support/database";
import { asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let editor: StaffIdentity;
let author: StaffIdentity;
let eventTypeId: number;
let commentaryTypeId: number;
let topicId: number;
let otherTopicId: number;
let speakerAuthorId: number;

const request = (publicationId: number, fields: Record<string, unknown> = {}) => ({
  publicationId,
  fields: {
    timeZone: "Asia/Seoul",
    startsAt: "2031-05-01T10:00",
    endsAt: "2031-05-01T11:30",
    inPerson: true,
    venueName: "Seoul Press Center",
    ...fields,
  },
});

async function publication(
  slug: string,
  options: { typeId?: number; status?: "PUBLISHED" | "DRAFT"; categoryId?: number; createdById?: number } = {},
) {
  return testDatabase.db.publication.create({
    data: {
      slug,
      title: `Event ${slug}`,
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "",
      typeId: options.typeId ?? eventTypeId,
      status: options.status ?? "PUBLISHED",
      publishedAt: options.status === "DRAFT" ? null : new Date(Date.now() - 30 * DAY),
      createdById: options.createdById ?? null,
      ...(options.categoryId && { categories: { create: [{ categoryId: options.categoryId }] } }),
    },
  });
}

async function eventAt(slug: string, startsAt: Date, options: Parameters<typeof publication>[1] = {}) {
  const row = await publication(slug, options);
  await testDatabase.db.eventDetails.create({
    data: {
      publicationId: row.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      timeZone: "UTC",
      venueName: "Hall",
    },
  });
  return row;
}

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url);
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  const database = testDatabase.db;
  editor = await createStaff(database, "EDITOR");
  author = await createStaff(database, "AUTHOR");
  eventTypeId = (
    await database.publicationType.create({ data: { slug: "event", name: "Event", pluralName: "Events" } })
  ).id;
  commentaryTypeId = (
    await database.publicationType.create({
      data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
    })
  ).id;
  topicId = (await database.category.create({ data: { slug: "north-korea", name: "North Korea" } })).id;
  otherTopicId = (await database.category.create({ data: { slug: "energy", name: "Energy" } })).id;
  speakerAuthorId = (
    await database.author.create({ data: { slug: "kang-min-ji", name: "Kang Min-ji", title: "Vice President" } })
  ).id;
});

afterAll(async () => {
  await (await import("@/lib/jobs/queue")).stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
});

describe("the editor's request", () => {
  it("reads times in the event's own zone and stores them in UTC, across daylight saving", () => {
    const seoul = saveEventRequestSchema.parse(request(1));
    expect(seoul.startsAt.toISOString()).toBe("2031-05-01T01:00:00.000Z");
    expect(seoul.endsAt.toISOString()).toBe("2031-05-01T02:30:00.000Z");
    const winter = saveEventRequestSchema.parse(
      request(1, { timeZone: "America/New_York", startsAt: "2030-01-15T18:00", endsAt: "2030-01-15T19:00" }),
    );
    expect(winter.startsAt.toISOString()).toBe("2030-01-15T23:00:00.000Z");
    const summer = saveEventRequestSchema.parse(
      request(1, { timeZone: "America/New_York", startsAt: "2030-07-15T18:00", endsAt: "2030-07-15T19:00" }),
    );
    expect(summer.startsAt.toISOString()).toBe("2030-07-15T22:00:00.000Z");
  });

  it("refuses what cannot be an event, naming the field", () => {
    const problems = (fields: Record<string, unknown>) => {
      const parsed = saveEventRequestSchema.safeParse(request(1, fields));
      return parsed.success
        ? {}
        : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.at(-1), issue.message]));
    };
    expect(problems({ timeZone: "Mars/Olympus_Mons" })).toHaveProperty("timeZone");
    expect(problems({ endsAt: "2031-05-01T09:00" })).toHaveProperty("endsAt", "End must be after the start");
    expect(problems({ startsAt: "2031-02-30T10:00" })).toHaveProperty("startsAt");
    expect(problems({ startsAt: "tomorrow" })).toHaveProperty("startsAt");
    expect(problems({ inPerson: false, online: false })).toHaveProperty("inPerson");
    expect(problems({ registrationMode: "EXTERNAL" })).toHaveProperty("externalRegistrationUrl");
    expect(problems({ mapUrl: "javascript:alert(1)" })).toHaveProperty("mapUrl");
    expect(problems({ mapUrl: "http://maps.example.org/" })).toHaveProperty("mapUrl");
    expect(problems({ recordingUrl: "https://evil.example.org/video" })).toHaveProperty("recordingUrl");
    expect(problems({ capacity: 0, registrationMode: "BUILT_IN" })).toHaveProperty("capacity");
    expect(problems({ capacity: 10, registrationMode: "NONE" })).toHaveProperty("capacity");
    expect(problems({ speakers: [{ name: "X" }] })).toHaveProperty("name");
    expect(problems({ state: "MAYBE" })).toHaveProperty("state");
    expect(problems({})).toEqual({});
  });

  it("keeps only what applies: no venue for an online event, no capacity without registration here", () => {
    const online = saveEventRequestSchema.parse(
      request(1, { inPerson: false, online: true, venueName: "Left over", livestreamUrl: "https://live.example.org/" }),
    );
    expect(online.venueName).toBe("");
    expect(online.livestreamUrl).toBe("https://live.example.org/");
    const external = saveEventRequestSchema.parse(
      request(1, { registrationMode: "EXTERNAL", externalRegistrationUrl: "https://tickets.example.org/e" }),
    );
    expect(external.capacity).toBeNull();
    expect(external.registrationDeadline).toBeNull();
  });
});

describe("the listing's address", () => {
  it("has one canonical key per filter set; anything else is no page", () => {
    const query = parseEventsQuery({ topic: "north-korea", year: "2026", page: "" });
    expect(query).toEqual({ topic: "north-korea", year: 2026, page: 1 });
    const key = eventsQueryKey(query!);
    expect(canonicalEventsQuery(key)).toEqual(query);
    expect(canonicalEventsQuery(decodeURIComponent(key))).toEqual(query);
    expect(canonicalEventsQuery("all")).toEqual({ page: 1 });
    expect(canonicalEventsQuery(encodeURIComponent("year=2026&topic=north-korea"))).toBeNull();
    expect(canonicalEventsQuery(encodeURIComponent("page=1"))).toBeNull();
    expect(canonicalEventsQuery("%E0%A4%A")).toBeNull();
    expect(parseEventsQuery({ year: "twenty" })).toBeNull();
    expect(parseEventsQuery({ topic: "../../etc" })).toBeNull();
  });
});

describe("saving an event's particulars", () => {
  it("stores times, place and ordered speakers, and drops the public page and listings", async () => {
    const event = await publication("alliance-at-75", { categoryId: topicId });
    const { saveEventDetailsAction } = await import("@/lib/actions/events/save-event-details");
    const { result, revalidated } = await asUser(editor, () =>
      saveEventDetailsAction(
        request(event.id, {
          timeZone: "America/New_York",
          startsAt: "2031-03-10T10:00",
          endsAt: "2031-03-10T11:30",
          online: true,
          livestreamUrl: "https://live.example.org/alliance",
          livestreamAccess: "REGISTRANTS",
          registrationMode: "BUILT_IN",
          capacity: 120,
          registrationDeadline: "2031-03-09T17:00",
          speakers: [
            { name: "Amb. Catherine Rhee", title: "Former Ambassador", affiliation: "Georgetown", role: "MODERATOR" },
            { authorId: speakerAuthorId },
          ],
          recordingUrl: "https://youtu.be/M7lc1UVf-VE",
          transcriptJson: {
            type: "doc",
            content: [{ type: "paragraph", content: [{ type: "text", text: "Welcome <script>alert(1)</script>" }] }],
          },
        }),
      ),
    );
    expect(result).toMatchObject({ ok: true });
    expect(revalidated.sort()).toEqual(["tag:listings", "tag:publication:alliance-at-75"]);
    const stored = await testDatabase.db.eventDetails.findUniqueOrThrow({
      where: { publicationId: event.id },
      include: { speakers: { orderBy: { position: "asc" } } },
    });
    expect(stored.startsAt.toISOString()).toBe("2031-03-10T14:00:00.000Z");
    expect(stored.registrationDeadline?.toISOString()).toBe("2031-03-09T21:00:00.000Z");
    expect(stored.capacity).toBe(120);
    expect(stored.transcriptHtml).toContain("Welcome &lt;script&gt;");
    expect(stored.transcriptHtml).not.toContain("<script");
    expect(stored.speakers.map((speaker) => [speaker.role, speaker.name, speaker.authorId])).toEqual([
      ["MODERATOR", "Amb. Catherine Rhee", null],
      ["SPEAKER", "", speakerAuthorId],
    ]);

    // The page never carries a livestream link meant for registrants only.
    const { loadEventPage } = await import("@/lib/data/events");
    const page = await loadEventPage(testDatabase.db, "alliance-at-75");
    expect(page.found && page.data.event).toMatchObject({ livestreamUrl: null, livestreamForRegistrantsOnly: true });
    expect(page.found && page.data.event?.speakers[1]).toMatchObject({
      name: "Kang Min-ji",
      authorSlug: "kang-min-ji",
    });

    // Saved again without a transcript: the stored one stays.
    const again = await asUser(editor, () => saveEventDetailsAction(request(event.id, { state: "POSTPONED" })));
    expect(again.result).toMatchObject({ ok: true });
    const after = await testDatabase.db.eventDetails.findUniqueOrThrow({ where: { publicationId: event.id } });
    expect(after.state).toBe("POSTPONED");
    expect(after.transcriptHtml).toContain("Welcome");
  });

  it("is refused for a publication of another type, nobody signed in, and another author's work", async () => {
    const { saveEventDetailsAction } = await import("@/lib/actions/events/save-event-details");
    const commentary = await publication("not-an-event", { typeId: commentaryTypeId, status: "DRAFT" });
    const wrongType = await asUser(editor, () => saveEventDetailsAction(request(commentary.id)));
    expect(wrongType.result).toMatchObject({ ok: false, status: 400 });
    const anonymous = await asUser(null, () => saveEventDetailsAction(request(commentary.id)));
    expect(anonymous.result).toMatchObject({ ok: false, status: 401 });
    const othersDraft = await publication("someone-elses-event", { status: "DRAFT", createdById: editor.id });
    const forbidden = await asUser(author, () => saveEventDetailsAction(request(othersDraft.id)));
    expect(forbidden.result).toMatchObject({ ok: false, status: 403 });
    const missingSpeaker = await asUser(editor, () =>
      saveEventDetailsAction(request(othersDraft.id, { speakers: [{ authorId: 987654 }] })),
    );
    expect(missingSpeaker.result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { speakers: expect.any(String) },
    });
    expect(await testDatabase.db.eventDetails.count({ where: { publicationId: othersDraft.id } })).toBe(0);
  });

  it("times a wake-up job for each future moment (start, close of registration, end), once per moment", async () => {
    const { eventTimeline } = await import("@/lib/events/save");
    const startsAt = new Date("2031-01-01T10:00:00Z");
    const endsAt = new Date("2031-01-01T12:00:00Z");
    expect(eventTimeline({ startsAt, endsAt, registrationDeadline: null })).toEqual([startsAt, endsAt]);
    const deadline = new Date("2030-12-30T12:00:00Z");
    expect(eventTimeline({ startsAt, endsAt, registrationDeadline: deadline })).toEqual([deadline, startsAt, endsAt]);

    const event = await publication("timed-event");
    const { saveEventDetails } = await import("@/lib/events/save");
    const saved = await saveEventDetails(testDatabase.db, editor, request(event.id));
    expect(saved.ok && saved.effects.statusChanges.at.map((date) => date.toISOString())).toEqual([
      "2031-05-01T01:00:00.000Z",
      "2031-05-01T02:30:00.000Z",
    ]);
    // Unchanged times: no new jobs.
    const unchanged = await saveEventDetails(testDatabase.db, editor, request(event.id, { venueName: "Elsewhere" }));
    expect(unchanged.ok && unchanged.effects.statusChanges.at).toEqual([]);
  });
});

describe("an event's address", () => {
  const save = async (fields: Record<string, unknown>, id: number | null = null, expectedVersion = 0) => {
    const { savePublicationAction } = await import("@/lib/actions/publications/save-publication");
    const body = { bodyJson: { type: "doc", content: [] } };
    return (await asUser(editor, () => savePublicationAction({ id, expectedVersion, fields: { ...body, ...fields } })))
      .result;
  };

  it("never takes a slug another page under /events/ answers (registration, view)", async () => {
    // Typed by hand: refused on the field.
    for (const slug of ["registration", "view"]) {
      const refused = await save({ title: "Registration", slug, typeId: eventTypeId });
      expect(refused).toMatchObject({ ok: false, status: 400 });
      expect(refused, JSON.stringify(refused)).toMatchObject({
        fieldErrors: { slug: expect.stringMatching(/cannot use the slug/) },
      });
    }
    // Made from the title: the next free one.
    const generated = await save({ title: "Registration", typeId: eventTypeId });
    expect(generated.ok).toBe(true);
    const row = await testDatabase.db.publication.findFirstOrThrow({
      where: { title: "Registration", typeId: eventTypeId },
      select: { slug: true },
    });
    expect(row.slug).toBe("registration-2");
    // Only events are held to it: a commentary may be /publications/registration.
    expect(await save({ title: "Registration", slug: "registration", typeId: commentaryTypeId })).toMatchObject({
      ok: true,
    });
  });
});

describe("the /events listing", () => {
  it("lists upcoming events soonest first, then past events newest first, public ones only, filtered by topic and year", async () => {
    const now = Date.now();
    await eventAt("list-later", new Date(now + 20 * DAY), { categoryId: topicId });
    await eventAt("list-sooner", new Date(now + 2 * DAY), { categoryId: otherTopicId });
    await eventAt("list-under-way", new Date(now - HOUR), { categoryId: topicId });
    await eventAt("list-past-recent", new Date(now - 3 * DAY), { categoryId: topicId });
    await eventAt("list-past-old", new Date(now - 400 * DAY), { categoryId: otherTopicId });
    await eventAt("list-draft", new Date(now + 5 * DAY), { status: "DRAFT", categoryId: topicId });
    await eventAt("list-not-event", new Date(now + 6 * DAY), { typeId: commentaryTypeId, categoryId: topicId });

    const { readEventsListing, readUpcomingEvents } = await import("@/lib/data/events");
    const slugs = (items: Array<{ slug: string }>) =>
      items.map((item) => item.slug).filter((s) => s.startsWith("list-"));
    const all = await readEventsListing(testDatabase.db, { page: 1 });
    expect(slugs(all!.upcoming)).toEqual(["list-under-way", "list-sooner", "list-later"]);
    expect(slugs(all!.past)).toEqual(["list-past-recent", "list-past-old"]);

    const topic = await readEventsListing(testDatabase.db, { topic: "north-korea", page: 1 });
    expect(slugs(topic!.upcoming)).toEqual(["list-under-way", "list-later"]);
    expect(slugs(topic!.past)).toEqual(["list-past-recent"]);

    const oldYear = new Date(now - 400 * DAY).getUTCFullYear();
    const year = await readEventsListing(testDatabase.db, { year: oldYear, page: 1 });
    expect(slugs(year!.past)).toContain("list-past-old");
    expect(year!.years).toContain(oldYear);

    expect(await readEventsListing(testDatabase.db, { topic: "no-such-topic", page: 1 })).toBeNull();
    expect(await readEventsListing(testDatabase.db, { year: 1901, page: 1 })).toBeNull();
    expect(await readEventsListing(testDatabase.db, { page: 99 })).toBeNull();

    expect(slugs(await readUpcomingEvents(2, { database: testDatabase.db }))).toEqual([
      "list-under-way",
      "list-sooner",
    ]);
  });

  it("moves an event from upcoming to past at its end, and the job wakes its page and the event lists then", async () => {
    const startsAt = new Date(Date.now() - 90 * 60_000);
    const row = await eventAt("ends-any-minute", startsAt);
    const { readEventsListing } = await import("@/lib/data/events");
    const { changeAtEventMoments } = await import("@/lib/events/timeline");
    const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
    const before = await readEventsListing(testDatabase.db, { page: 1 }, new Date(endsAt.getTime() - 1000));
    expect(before!.upcoming.map((item) => item.slug)).toContain("ends-any-minute");
    const after = await readEventsListing(testDatabase.db, { page: 1 }, new Date(endsAt.getTime() + 1000));
    expect(after!.upcoming.map((item) => item.slug)).not.toContain("ends-any-minute");
    expect(after!.past.map((item) => item.slug)).toContain("ends-any-minute");

    // The sweep, a minute after the end, finds it; before its end (and for no moment) nothing.
    const sweep = await changeAtEventMoments(testDatabase.db, {
      since: new Date(endsAt.getTime() - 60_000),
      now: new Date(endsAt.getTime() + 60_000),
    });
    expect(sweep).toEqual({ publications: ["ends-any-minute"], events: true });
    expect(
      await changeAtEventMoments(testDatabase.db, {
        since: new Date(endsAt.getTime() + 60_000),
        now: new Date(endsAt.getTime() + 120_000),
      }),
    ).toEqual({});

    // The timed job for this event, as pg-boss runs it: inside a request here, so the tags drop directly.
    const { eventStatusJob } = await import("@/lib/events/jobs");
    const { revalidated } = await asUser(null, () =>
      eventStatusJob.run(
        { publicationId: row.id },
        { enqueue: async () => null, signal: new AbortController().signal },
      ),
    );
    expect(revalidated.sort()).toEqual(["tag:events", "tag:publication:ends-any-minute"]);
    const { JOBS } = await import("@/lib/workers");
    expect(JOBS).toContain(eventStatusJob);
  });
});

describe("calendars", () => {
  it("the feed carries upcoming public events; one event's file carries it alone", async () => {
    const { readCalendarFeedEvents, readEventCalendarEntry } = await import("@/lib/data/events");
    const { calendarFile } = await import("@/lib/format/calendar");
    const feed = await readCalendarFeedEvents(testDatabase.db, "https://think.example.org");
    const urls = feed.map((event) => event.url);
    expect(urls).toContain("https://think.example.org/events/list-sooner");
    expect(urls).not.toContain("https://think.example.org/events/list-draft");
    expect(urls).not.toContain("https://think.example.org/events/list-past-recent");
    const one = await readEventCalendarEntry(testDatabase.db, "list-sooner", "https://think.example.org");
    const ics = calendarFile([one!], { siteUrl: "https://think.example.org", name: "Test" });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("URL:https://think.example.org/events/list-sooner");
    expect(await readEventCalendarEntry(testDatabase.db, "list-draft", "https://think.example.org")).toBeNull();
  });
});
