/** What the editor's event panel loads: an event's particulars in the shape its save sends them. */
import "server-only";
import type { DatabaseClient } from "@/lib/db-client";
import { mediaUrl } from "@/lib/format/paths";
import { dateToZonedInput, knownTimeZones } from "@/lib/format/time-zones";

export type SpeakerRow =
  | { authorId: number; name: string; role: "SPEAKER" | "MODERATOR" }
  | { name: string; title: string; affiliation: string; role: "SPEAKER" | "MODERATOR" };

/** The panel's fields: times as wall-clock values in the event's zone, capacity as typed. */
export type EventEditorFields = {
  timeZone: string;
  startsAt: string;
  endsAt: string;
  state: "SCHEDULED" | "POSTPONED" | "CANCELLED";
  inPerson: boolean;
  venueName: string;
  address: string;
  mapUrl: string;
  online: boolean;
  livestreamUrl: string;
  livestreamAccess: "PUBLIC" | "REGISTRANTS";
  registrationMode: "NONE" | "BUILT_IN" | "EXTERNAL";
  externalRegistrationUrl: string;
  capacity: string;
  registrationDeadline: string;
  speakers: SpeakerRow[];
  recordingUrl: string;
  audioId: number | null;
  slidesId: number | null;
};

export type EventEditorState = {
  /** False until the particulars are first saved. */
  saved: boolean;
  fields: EventEditorFields;
  /** The transcript's stored HTML, which the rich-text editor opens. */
  transcriptHtml: string;
  audio: { filename: string; url: string } | null;
  slides: { filename: string; url: string } | null;
  timeZones: string[];
};

/** A new event starts from the zone of the latest one entered (an institute's events are mostly at home). */
async function defaultTimeZone(database: DatabaseClient): Promise<string> {
  const latest = await database.eventDetails.findFirst({ orderBy: { createdAt: "desc" }, select: { timeZone: true } });
  return latest?.timeZone ?? "UTC";
}

/** `publicationId` null: a publication not yet saved, which starts with empty particulars. */
export async function loadEventEditorState(
  database: DatabaseClient,
  publicationId: number | null,
): Promise<EventEditorState> {
  const event =
    publicationId === null
      ? null
      : await database.eventDetails.findUnique({
          where: { publicationId },
          include: {
            speakers: { orderBy: { position: "asc" }, include: { author: { select: { name: true } } } },
            audio: { select: { filename: true, storageKey: true } },
            slides: { select: { filename: true, storageKey: true } },
          },
        });
  const timeZones = knownTimeZones();
  if (!event) {
    return {
      saved: false,
      fields: {
        timeZone: await defaultTimeZone(database),
        startsAt: "",
        endsAt: "",
        state: "SCHEDULED",
        inPerson: true,
        venueName: "",
        address: "",
        mapUrl: "",
        online: false,
        livestreamUrl: "",
        livestreamAccess: "PUBLIC",
        registrationMode: "NONE",
        externalRegistrationUrl: "",
        capacity: "",
        registrationDeadline: "",
        speakers: [],
        recordingUrl: "",
        audioId: null,
        slidesId: null,
      },
      transcriptHtml: "",
      audio: null,
      slides: null,
      timeZones,
    };
  }
  const zone = event.timeZone;
  return {
    saved: true,
    fields: {
      timeZone: zone,
      startsAt: dateToZonedInput(event.startsAt, zone),
      endsAt: dateToZonedInput(event.endsAt, zone),
      state: event.state,
      inPerson: event.inPerson,
      venueName: event.venueName,
      address: event.address,
      mapUrl: event.mapUrl ?? "",
      online: event.online,
      livestreamUrl: event.livestreamUrl ?? "",
      livestreamAccess: event.livestreamAccess,
      registrationMode: event.registrationMode,
      externalRegistrationUrl: event.externalRegistrationUrl ?? "",
      capacity: event.capacity === null ? "" : String(event.capacity),
      registrationDeadline: event.registrationDeadline ? dateToZonedInput(event.registrationDeadline, zone) : "",
      speakers: event.speakers.map((speaker) =>
        speaker.authorId !== null && speaker.author
          ? { authorId: speaker.authorId, name: speaker.author.name, role: speaker.role }
          : { name: speaker.name, title: speaker.title, affiliation: speaker.affiliation, role: speaker.role },
      ),
      recordingUrl: event.recordingUrl ?? "",
      audioId: event.audioId,
      slidesId: event.slidesId,
    },
    transcriptHtml: event.transcriptHtml,
    audio: event.audio && { filename: event.audio.filename, url: mediaUrl(event.audio.storageKey) },
    slides: event.slides && { filename: event.slides.filename, url: mediaUrl(event.slides.storageKey) },
    timeZones: timeZones.includes(zone) ? timeZones : [zone, ...timeZones],
  };
}
