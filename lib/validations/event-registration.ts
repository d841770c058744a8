/**
 * Event registration input: the form on an event page and POST /api/events/[slug]/registrations,
 * the result page's query string, and staff's check-in and messages to registrants.
 */
import { z } from "zod";
import { databaseIdSchema, searchTextSchema, slugSchema } from "./common";
import { plainTextField, subscriberEmailSchema } from "./subscriber";

export const MAX_AFFILIATION_LENGTH = 200;

/** A ticked checkbox as forms ("yes", "on") and JSON (true) send it. */
const ticked = z.union([z.literal(true), z.enum(["yes", "on", "true", "1"])]);

export const eventRegistrationSchema = z.object({
  name: plainTextField("Name").pipe(z.string().min(1, "Enter your name")),
  email: subscriberEmailSchema,
  affiliation: plainTextField("Affiliation", MAX_AFFILIATION_LENGTH).default(""),
  consent: z.unknown().refine((value) => ticked.safeParse(value).success, {
    message: "Tick the box to agree that we may keep your details for this registration",
  }),
  /** Unticked by default: only a ticked box signs the reader up to the mailing list. */
  joinMailingList: z
    .unknown()
    .optional()
    .transform((value) => ticked.safeParse(value).success),
  /** The honeypot: hidden from people, filled in by bots. Checked before this schema. */
  website: z.unknown().optional(),
});

export type EventRegistrationInput = z.infer<typeof eventRegistrationSchema>;
export type EventRegistrationField = "name" | "email" | "affiliation" | "consent";
export const EVENT_REGISTRATION_FIELDS: readonly EventRegistrationField[] = ["name", "email", "affiliation", "consent"];

/**
 * What the result page (/events/registration?outcome=…) can say. The page's answer to a
 * registration is the same whoever registered: "check-email", or "waitlist" when the event
 * is full (which the event page shows to everyone anyway).
 */
export const REGISTRATION_OUTCOMES = [
  "check-email",
  "waitlist",
  "invalid",
  "no-event",
  "closed",
  "ended",
  "cancelled",
  "unavailable",
  "too-many",
  "confirmed",
  "waitlisted",
  "already-confirmed",
  "registration-cancelled",
  "link-invalid",
] as const;
export type RegistrationOutcome = (typeof REGISTRATION_OUTCOMES)[number];

/** The result page's query string: anything unknown falls back to nothing in particular. */
export const registrationResultQuerySchema = z.object({
  outcome: z.enum(REGISTRATION_OUTCOMES).catch("invalid"),
  event: slugSchema.optional().catch(undefined),
  /** The fields that need attention, comma-separated (their messages are the page's own). */
  fields: z
    .string()
    .max(200)
    .transform((value) =>
      value
        .split(",")
        .filter((field): field is EventRegistrationField =>
          (EVENT_REGISTRATION_FIELDS as readonly string[]).includes(field),
        ),
    )
    .optional()
    .catch(undefined),
});

/** Staff's "Email registrants": plain text, sent as typed (escaped in the HTML part). */
export const registrantMessageSchema = z.object({
  eventId: databaseIdSchema,
  subject: z
    .string({ error: "Enter a subject" })
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "The subject must be one line")
    .trim()
    .min(1, "Enter a subject")
    .max(200, "The subject is too long (200 characters at most)"),
  text: z
    .string({ error: "Enter the message" })
    .trim()
    .min(1, "Enter the message")
    .max(20_000, "The message is too long (20,000 characters at most)"),
  /** Who gets it: everyone with a seat, or those on the waitlist too. */
  audience: z.enum(["confirmed", "confirmed-and-waitlist"]).default("confirmed"),
});

export const checkInSchema = z.object({
  eventId: databaseIdSchema,
  registrationId: databaseIdSchema,
  checkedIn: z.enum(["yes", "no"]),
});

/** The registrations page's search box (by name or email). */
export const registrationsQuerySchema = z.object({ q: searchTextSchema(100).optional() });

/** Days registrant data is kept after its event ends. */
export const MIN_REGISTRATION_RETENTION_DAYS = 1;
export const MAX_REGISTRATION_RETENTION_DAYS = 3650;
export const DEFAULT_REGISTRATION_RETENTION_DAYS = 180;
export const registrationRetentionSchema = z.object({
  retentionDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(MIN_REGISTRATION_RETENTION_DAYS, `At least ${MIN_REGISTRATION_RETENTION_DAYS} day`)
    .max(MAX_REGISTRATION_RETENTION_DAYS, `At most ${MAX_REGISTRATION_RETENTION_DAYS} days`),
});

/** The result page a registration form posted without JavaScript lands on. */
export const REGISTRATION_RESULT_PATH = "/events/registration";

/** The result page's address for an outcome; what registrationResultQuerySchema reads back. */
export function registrationResultPath(
  outcome: RegistrationOutcome,
  details: { event?: string; fields?: readonly string[] } = {},
): string {
  const params = new URLSearchParams({ outcome });
  if (details.event && slugSchema.safeParse(details.event).success) params.set("event", details.event);
  const fields = (details.fields ?? []).filter((field) =>
    (EVENT_REGISTRATION_FIELDS as readonly string[]).includes(field),
  );
  if (fields.length > 0) params.set("fields", fields.join(","));
  return `${REGISTRATION_RESULT_PATH}?${params}`;
}
