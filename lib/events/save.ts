/**
 * Saving an event's particulars from the editor: the publication must be of the type Event
 * and editable by the user; times arrive as wall-clock values in the event's zone and are
 * stored in UTC (lib/validations/event.ts); speakers are replaced in the order given; the
 * transcript is rendered and sanitized like a body. Returns what readers see changed and
 * the moments the event's pages change by themselves, for their scheduled invalidation.
 */
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { canEditPublication } from "@/lib/auth/permissions";
import type { PublicChange } from "@/lib/cache/changes";
import { renderBody } from "@/lib/content/body";
import { parseBodyDocument } from "@/lib/content/schema";
import { isPublic } from "@/lib/data/visibility";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { EVENT_TYPE_SLUG } from "@/lib/format/paths";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadForPermission } from "@/lib/publications/save";
import { invalidInput, refuse, type Result } from "@/lib/result";
import { saveEventRequestSchema, type SaveEventRequest } from "@/lib/validations/event";
import { noticeEventChange } from "./registration-notices";
import { statusChangesAt } from "./registration-status";

/** What follows a save once committed: the cache drops the change; jobs wake the pages at each moment. */
export type EventEffects = { change: PublicChange; statusChanges: { publicationId: number; at: Date[] } };

export type EventSaved = { message: string; savedAt: string };
export type SaveEventResult = Result<EventSaved & { effects: EventEffects }>;

/** The moments an event's page or the lists of events change with no write: start, close of registration, end. */
export function eventTimeline(event: { startsAt: Date; endsAt: Date; registrationDeadline: Date | null }): Date[] {
  const moments = [event.startsAt, ...statusChangesAt(event)].map((date) => date.getTime());
  return [...new Set(moments)].sort((a, b) => a - b).map((time) => new Date(time));
}

async function checkReferences(
  database: DatabaseClient,
  request: SaveEventRequest,
): Promise<Record<string, string> | null> {
  const authorIds = request.speakers.flatMap((speaker) => ("authorId" in speaker ? [speaker.authorId] : []));
  const [authors, audio, slides] = await Promise.all([
    database.author.count({ where: { id: { in: authorIds } } }),
    request.audioId ? database.media.findUnique({ where: { id: request.audioId }, select: { kind: true } }) : null,
    request.slidesId ? database.media.findUnique({ where: { id: request.slidesId }, select: { kind: true } }) : null,
  ]);
  const errors: Record<string, string> = {};
  if (authors !== new Set(authorIds).size) errors.speakers = "A chosen speaker is no longer among the authors";
  if (new Set(authorIds).size !== authorIds.length) errors.speakers = "Each author can be listed once";
  if (request.audioId && audio?.kind !== "AUDIO")
    errors.audioId = "The audio must be an audio file from the media library";
  if (request.slidesId && slides?.kind !== "PDF") errors.slidesId = "The slides must be a PDF from the media library";
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * The transcript's sanitized HTML ("" for none; undefined: not sent, left as it is), or a
 * refusal when the document is not one.
 */
function transcriptHtmlOf(
  transcriptJson: unknown,
): { ok: true; html: string | undefined } | { ok: false; message: string } {
  if (transcriptJson === undefined) return { ok: true, html: undefined };
  if (transcriptJson === null) return { ok: true, html: "" };
  const imageHosts = { imageHosts: env.CONTENT_IMAGE_HOSTS };
  const parsed = parseBodyDocument(transcriptJson, imageHosts);
  if (!parsed.ok) return { ok: false, message: parsed.message.replace(/^The body/, "The transcript") };
  const { bodyHtml, wordCount } = renderBody(parsed.doc, imageHosts);
  return { ok: true, html: wordCount > 0 || /<(img|iframe|figure)/.test(bodyHtml) ? bodyHtml : "" };
}

export async function saveEventDetails(
  database: DatabaseClient,
  user: CurrentUser,
  input: unknown,
  now = new Date(),
): Promise<SaveEventResult> {
  const parsed = saveEventRequestSchema.safeParse(input);
  if (!parsed.success)
    return invalidInput(parsed.error, { message: "Some event details need attention.", within: "fields" });
  const request = parsed.data;

  const publication = await loadForPermission(database, request.publicationId);
  if (!publication) return refuse(404, "This publication does not exist or is in the trash.");
  if (!canEditPublication(user, publication)) {
    return refuse(
      403,
      "Only editors can change a publication once it is scheduled or published, and authors edit only their own work.",
    );
  }
  const type = await database.publication.findUnique({
    where: { id: publication.id },
    select: { type: { select: { slug: true } } },
  });
  if (type?.type.slug !== EVENT_TYPE_SLUG) {
    return refuse(400, "Event details belong to events: set the type to Event and save first.");
  }
  const transcript = transcriptHtmlOf(request.transcriptJson);
  if (!transcript.ok) return refuse(400, transcript.message, { transcriptJson: transcript.message });
  const referenceErrors = await checkReferences(database, request);
  if (referenceErrors) return refuse(400, "Some event details need attention.", referenceErrors);

  const columns = {
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    timeZone: request.timeZone,
    state: request.state,
    inPerson: request.inPerson,
    venueName: request.venueName,
    address: request.address,
    mapUrl: request.mapUrl,
    online: request.online,
    livestreamUrl: request.livestreamUrl,
    livestreamAccess: request.livestreamAccess,
    registrationMode: request.registrationMode,
    externalRegistrationUrl: request.externalRegistrationUrl,
    capacity: request.capacity,
    registrationDeadline: request.registrationDeadline,
    recordingUrl: request.recordingUrl,
    audioId: request.audioId,
    slidesId: request.slidesId,
    ...(transcript.html !== undefined && { transcriptHtml: transcript.html }),
  } satisfies Prisma.EventDetailsUncheckedUpdateInput;

  const before = await database.$transaction(async (tx) => {
    const previous = await tx.eventDetails.findUnique({
      where: { publicationId: publication.id },
      select: {
        startsAt: true,
        endsAt: true,
        registrationDeadline: true,
        state: true,
        capacity: true,
        recordingUrl: true,
        audioId: true,
      },
    });
    // The reminder 24 hours before is sent once per start time: a new start time gets its own.
    const startMoved = previous !== null && previous.startsAt.getTime() !== columns.startsAt.getTime();
    await tx.eventDetails.upsert({
      where: { publicationId: publication.id },
      create: { publicationId: publication.id, ...columns },
      update: { ...columns, ...(startMoved && { reminderQueuedAt: null }), updatedAt: now },
    });
    // Registrants hear of a cancellation or a new date; more seats promote from the waitlist.
    await noticeEventChange(tx, previous && { publicationId: publication.id, ...previous }, {
      publicationId: publication.id,
      ...columns,
    });
    await tx.eventSpeaker.deleteMany({ where: { eventId: publication.id } });
    await tx.eventSpeaker.createMany({
      data: request.speakers.map((speaker, position) =>
        "authorId" in speaker
          ? { eventId: publication.id, position, role: speaker.role, authorId: speaker.authorId }
          : {
              eventId: publication.id,
              position,
              role: speaker.role,
              name: speaker.name,
              title: speaker.title,
              affiliation: speaker.affiliation,
            },
      ),
    });
    await tx.auditLog.create({
      data: {
        actorId: user.id,
        action: previous ? "event.update" : "event.create",
        entityType: "Publication",
        entityId: String(publication.id),
        details: {
          startsAt: columns.startsAt.toISOString(),
          endsAt: columns.endsAt.toISOString(),
          state: columns.state,
          ...(previous && previous.state !== columns.state && { previousState: previous.state }),
        },
      },
    });
    return previous;
  });

  // A public event's page and every list showing it; nothing readers see while it is not public.
  const change: PublicChange = isPublic(publication, now) ? { publications: [publication.slug], listings: true } : {};
  const timesChanged =
    before === null ||
    before.startsAt.getTime() !== columns.startsAt.getTime() ||
    before.endsAt.getTime() !== columns.endsAt.getTime() ||
    before.registrationDeadline?.getTime() !== columns.registrationDeadline?.getTime();
  const at = timesChanged ? eventTimeline(columns).filter((moment) => moment.getTime() > now.getTime()) : [];
  return {
    ok: true,
    message: "Event details saved.",
    savedAt: now.toISOString(),
    effects: { change, statusChanges: { publicationId: publication.id, at } },
  };
}
