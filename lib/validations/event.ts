/**
 * An event's particulars as the editor sends them: times as wall-clock values in the
 * event's own time zone (converted to UTC here), place, online access, registration,
 * speakers, and what follows the event. The transcript's rich text is checked and
 * sanitized by the save (lib/content), like a body.
 */
import { z } from "zod";
import { videoEmbedUrl } from "@/lib/content/video";
import { isTimeZone, zonedInputToDate } from "@/lib/format/time-zones";
import { databaseIdSchema as id } from "./common";

export const EVENT_STATES = ["SCHEDULED", "POSTPONED", "CANCELLED"] as const;
export const REGISTRATION_MODES = ["NONE", "BUILT_IN", "EXTERNAL"] as const;
export const LIVESTREAM_ACCESS = ["PUBLIC", "REGISTRANTS"] as const;
export const SPEAKER_ROLES = ["SPEAKER", "MODERATOR"] as const;

/** Longest an event may last: a conference of several days, not a season. */
const MAX_DURATION_MS = 31 * 24 * 3600 * 1000;
export const MAX_SPEAKERS = 30;
export const MAX_CAPACITY = 100_000;
/** The transcript's document as the editor sends it (ProseMirror JSON); checked by the save. */
const MAX_TRANSCRIPT_JSON_CHARS = 500_000;

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !/[\p{Cc}\p{Cs}]/u.test(value.replace(/[\n\t]/g, "")), `${label} has characters we cannot keep`)
    .default("");

/** An https address, or null when left empty. */
const httpsUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} must be at most 2000 characters`)
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isHttpsUrl(value), `${label} must be an https:// address`);

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password && /^[^\s"'<>]+$/.test(value);
  } catch {
    return false;
  }
}

const localDateTime = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/, `${label} must be a date and time`);

const speakerSchema = z.union([
  z.object({ authorId: id, role: z.enum(SPEAKER_ROLES).default("SPEAKER") }),
  z.object({
    name: z.string().trim().min(2, "A speaker needs a name").max(200, "Speaker names must be at most 200 characters"),
    title: text(300, "A speaker's title"),
    affiliation: text(300, "A speaker's affiliation"),
    role: z.enum(SPEAKER_ROLES).default("SPEAKER"),
  }),
]);

export type SpeakerInput = z.infer<typeof speakerSchema>;

const eventFieldsSchema = z.object({
  timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list"),
  /** Wall-clock times in timeZone, as a datetime-local input gives them. */
  startsAt: localDateTime("Start"),
  endsAt: localDateTime("End"),
  state: z.enum(EVENT_STATES, { error: "Choose scheduled, postponed or cancelled" }).default("SCHEDULED"),
  inPerson: z.boolean().default(false),
  venueName: text(300, "Venue"),
  address: text(1000, "Address"),
  mapUrl: httpsUrl("Map link"),
  online: z.boolean().default(false),
  livestreamUrl: httpsUrl("Livestream link"),
  livestreamAccess: z.enum(LIVESTREAM_ACCESS, { error: "Choose who sees the livestream link" }).default("PUBLIC"),
  registrationMode: z.enum(REGISTRATION_MODES, { error: "Choose how people register" }).default("NONE"),
  externalRegistrationUrl: httpsUrl("Registration link"),
  capacity: z
    .union([
      z.number().int("Capacity must be a whole number").min(1, "Capacity must be at least 1").max(MAX_CAPACITY),
      z.null(),
    ])
    .default(null),
  registrationDeadline: z.union([localDateTime("Registration deadline"), z.null(), z.literal("")]).default(null),
  speakers: z.array(speakerSchema).max(MAX_SPEAKERS, `At most ${MAX_SPEAKERS} speakers`).default([]),
  recordingUrl: httpsUrl("Recording").refine(
    (value) => value === null || videoEmbedUrl(value) !== null,
    "The recording must be a YouTube or Vimeo address",
  ),
  audioId: z.union([id, z.null()]).default(null),
  slidesId: z.union([id, z.null()]).default(null),
  /** The transcript as ProseMirror JSON; null: none; absent: left as it is. */
  transcriptJson: z
    .unknown()
    .refine(
      (value) => value === undefined || value === null || JSON.stringify(value).length <= MAX_TRANSCRIPT_JSON_CHARS,
      "The transcript is too long",
    )
    .optional(),
});

export type EventFieldsInput = z.input<typeof eventFieldsSchema>;

/** The editor's request: which publication, the version the event details started from, and the fields. */
export const saveEventRequestSchema = z
  .object({ publicationId: id, fields: eventFieldsSchema })
  .transform((request, context) => {
    const { fields } = request;
    const startsAt = zonedInputToDate(fields.startsAt, fields.timeZone);
    const endsAt = zonedInputToDate(fields.endsAt, fields.timeZone);
    const deadline = fields.registrationDeadline
      ? zonedInputToDate(fields.registrationDeadline, fields.timeZone)
      : null;
    const issue = (field: string, message: string) =>
      context.addIssue({ code: "custom", path: ["fields", field], message });
    if (!startsAt) issue("startsAt", "Start must be a real date and time");
    if (!endsAt) issue("endsAt", "End must be a real date and time");
    if (fields.registrationDeadline && !deadline)
      issue("registrationDeadline", "Deadline must be a real date and time");
    if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) issue("endsAt", "End must be after the start");
    if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > MAX_DURATION_MS)
      issue("endsAt", "An event may last at most 31 days");
    if (deadline && endsAt && deadline.getTime() > endsAt.getTime())
      issue("registrationDeadline", "The deadline must be before the event ends");
    if (!fields.inPerson && !fields.online) issue("inPerson", "Say whether the event is in person, online or both");
    if (fields.registrationMode === "EXTERNAL" && !fields.externalRegistrationUrl)
      issue("externalRegistrationUrl", "Give the address where people register");
    if (fields.registrationMode !== "BUILT_IN" && fields.capacity !== null)
      issue("capacity", "Capacity applies to registration on this site only");
    if (!startsAt || !endsAt || (fields.registrationDeadline && !deadline)) return z.NEVER;
    return {
      publicationId: request.publicationId,
      timeZone: fields.timeZone,
      startsAt,
      endsAt,
      state: fields.state,
      inPerson: fields.inPerson,
      venueName: fields.inPerson ? fields.venueName : "",
      address: fields.inPerson ? fields.address : "",
      mapUrl: fields.inPerson ? fields.mapUrl : null,
      online: fields.online,
      livestreamUrl: fields.online ? fields.livestreamUrl : null,
      livestreamAccess: fields.livestreamAccess,
      registrationMode: fields.registrationMode,
      externalRegistrationUrl: fields.registrationMode === "EXTERNAL" ? fields.externalRegistrationUrl : null,
      capacity: fields.registrationMode === "BUILT_IN" ? fields.capacity : null,
      registrationDeadline: fields.registrationMode === "BUILT_IN" ? deadline : null,
      speakers: fields.speakers,
      recordingUrl: fields.recordingUrl,
      audioId: fields.audioId,
      slidesId: fields.slidesId,
      transcriptJson: fields.transcriptJson,
    };
  });

export type SaveEventRequest = z.output<typeof saveEventRequestSchema>;
