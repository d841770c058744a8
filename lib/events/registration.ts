/**
 * Built-in registration for an event: the form on the event page and
 * POST /api/events/[slug]/registrations. Modelled on the mailing-list signup
 * (lib/subscribers/signup.ts): validated, rate-limited per client address and per email
 * address, stored as pending with its consent record, and answered at once with the same
 * words whoever registered; the email (confirm your address, or "you are already
 * registered" with the cancel link) goes out from the job queue within the hourly budget
 * both forms share. A registration holds no seat until its address is confirmed
 * (lib/events/registration-manage.ts).
 */
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RateLimit } from "@/lib/http/rate-limit";
import { isBlockedAddress } from "@/lib/mail/blocked-domains";
import { loadMailSettings } from "@/lib/mail/settings";
import { fieldErrorsOf, refuse, type FormResult } from "@/lib/result";
import { assertLinksConfigured } from "@/lib/subscribers/links";
import { signUp } from "@/lib/subscribers/signup";
import { publicWhere } from "@/lib/data/visibility";
import { slugSchema } from "@/lib/validations/common";
import {
  eventRegistrationSchema,
  type EventRegistrationField,
  type RegistrationOutcome,
} from "@/lib/validations/event-registration";
import { registrationStatus } from "./registration-status";
import { wakeEventMailJob } from "./registration-mail";

/**
 * The wording the registration form's consent box shows (components/public/event-registration-form.tsx),
 * stored with each registration: change the wording, change the version.
 */
export const REGISTRATION_CONSENT_VERSION = "event-2026-12-v1";

/** The page's one answer to every accepted registration, whatever the address's state. */
export const REGISTRATION_THANKS =
  "Thank you! Please check your inbox: we have sent you an email to confirm your registration.";
export const WAITLIST_THANKS =
  "Thank you! This event is full: please check your inbox and confirm your address to join the waitlist. We will email you if a seat opens.";

/** At most one email of each kind a reader can cause per registration in this many minutes, and none while one waits. */
const READER_MAIL_INTERVAL_MINUTES = 10;

/** The same limits as the signup's: an office behind one address; one inbox targeted through many. */
export const registrationLimits = {
  perIp: new RateLimit("event-registration-ip", 20, 10 * 60),
  perAddress: new RateLimit("event-registration-address", 10, 60 * 60),
};

export type RegistrationContext = { ip: string | null };

/** The answer for people (or JSON), and which result page a form post lands on. */
export type RegistrationAnswer = {
  result: FormResult<EventRegistrationField>;
  outcome: RegistrationOutcome;
};

const HONEYPOT_MESSAGE =
  "This form looks as if a program filled it in. If you are a person, leave the field marked “Leave this field empty” blank and try again.";
const BLOCKED_DOMAIN_MESSAGE = "We cannot accept addresses from this email provider. Please use another address.";

/** The refusals for an event that takes no registrations now, by its status. */
const NOT_TAKING: Record<"closed" | "ended" | "cancelled", { status: 409 | 410; message: string }> = {
  closed: { status: 409, message: "Registration for this event has closed." },
  ended: { status: 410, message: "This event has ended." },
  cancelled: { status: 410, message: "This event has been cancelled." },
};

/** Registers for the event at `slug`; never throws (a failure is a 503 to try again). */
export async function registerForEvent(
  slug: unknown,
  raw: unknown,
  context: RegistrationContext,
): Promise<RegistrationAnswer> {
  try {
    return await processRegistration(slug, raw, context);
  } catch (error) {
    console.error("Event registration failed:", error);
    return {
      result: refuse(503, "Registration is unavailable just now. Please try again in a few minutes."),
      outcome: "unavailable",
    };
  }
}

function tooMany(retryAfterSeconds: number, scope: string): RegistrationAnswer {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    result: {
      ok: false,
      status: 429,
      message: `Too many registration attempts ${scope}. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      retryAfterSeconds,
    },
    outcome: "too-many",
  };
}

const invalid = (
  message: string,
  fieldErrors?: Partial<Record<EventRegistrationField, string>>,
): RegistrationAnswer => ({
  result: refuse(400, message, fieldErrors),
  outcome: "invalid",
});

async function processRegistration(
  rawSlug: unknown,
  raw: unknown,
  context: RegistrationContext,
): Promise<RegistrationAnswer> {
  const perIp = await registrationLimits.perIp.attempt(context.ip ?? "unknown");
  if (!perIp.ok) return tooMany(perIp.retryAfterSeconds, "from your network");

  const slug = slugSchema.safeParse(rawSlug);
  const event = slug.success ? await findRegistrableEvent(slug.data) : null;
  if (!event) return { result: refuse(404, "There is no such event."), outcome: "no-event" };

  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return invalid("Send the registration as a form or a JSON object with name, email and consent.");
  const honeypot = (raw as { website?: unknown }).website;
  if (honeypot !== undefined && honeypot !== null && honeypot !== "") return invalid(HONEYPOT_MESSAGE);

  const status = registrationStatus(event, new Date());
  if (status === "none" || status === "external")
    return { result: refuse(404, "This event does not take registrations here."), outcome: "no-event" };
  if (status === "closed" || status === "ended" || status === "cancelled") {
    const { status: code, message } = NOT_TAKING[status];
    return { result: refuse(code, message), outcome: status };
  }

  const parsed = eventRegistrationSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf<EventRegistrationField>(parsed.error);
    return invalid(Object.values(fieldErrors)[0] ?? "Please check the form.", fieldErrors);
  }
  const input = parsed.data;
  const settings = await loadMailSettings(db, env.MAIL_FROM);
  if (isBlockedAddress(input.email, settings.blockedDomains))
    return invalid(BLOCKED_DOMAIN_MESSAGE, { email: BLOCKED_DOMAIN_MESSAGE });
  const perAddress = await registrationLimits.perAddress.attempt(input.email);
  if (!perAddress.ok) return tooMany(perAddress.retryAfterSeconds, "for this address");

  assertLinksConfigured();
  const queued = await recordRegistration({
    eventId: event.publicationId,
    email: input.email,
    name: input.name,
    affiliation: input.affiliation,
    joinMailingList: input.joinMailingList,
    ip: context.ip,
  });
  if (queued) wakeEventMailJob();
  if (input.joinMailingList) await joinMailingList(input.email, input.name, context);

  const full = status === "waitlist";
  return {
    result: { ok: true, message: full ? WAITLIST_THANKS : REGISTRATION_THANKS },
    outcome: full ? "waitlist" : "check-email",
  };
}

/** A public event with its registration particulars and confirmed seats; null when there is none. */
async function findRegistrableEvent(slug: string) {
  const event = await db.eventDetails.findFirst({
    where: { publication: { slug, ...publicWhere() } },
    select: {
      publicationId: true,
      state: true,
      registrationMode: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      registrationDeadline: true,
    },
  });
  if (!event) return null;
  const seatsTaken = await db.eventRegistration.count({
    where: { eventId: event.publicationId, status: "CONFIRMED" },
  });
  return { ...event, seatsTaken };
}

type NewRegistration = {
  eventId: number;
  email: string;
  name: string;
  affiliation: string;
  joinMailingList: boolean;
  ip: string | null;
};

/**
 * Records the registration and queues the email it calls for, in one statement; true when
 * an email was queued. As the signup's upsert: the row is locked by ON CONFLICT, and its
 * condition is checked against the row as it is then, so of concurrent registrations for
 * one address exactly one queues an email, and none does while an email of the same kind
 * waits or was queued in the last 10 minutes.
 *
 * New, pending or cancelled: (re)starts the double opt-in with a fresh consent record (the
 * new consentAt is the confirmation link's nonce, so older links stop working). Confirmed
 * or waitlisted: only "you are already registered" is queued; the registration stays as it
 * is, since an anonymous form may not change it.
 */
async function recordRegistration(registration: NewRegistration): Promise<boolean> {
  const { eventId, email, name, affiliation, joinMailingList, ip } = registration;
  const [outcome] = await db.$queryRaw<Array<{ queued: number }>>`
    WITH registration AS (
      INSERT INTO "EventRegistration" AS r
        ("eventId", email, name, affiliation, status, "joinMailingList", "consentAt", "consentIp", "consentVersion", "updatedAt")
      VALUES (${eventId}, ${email}, ${name}, ${affiliation}, 'PENDING', ${joinMailingList}, now(), ${ip},
              ${REGISTRATION_CONSENT_VERSION}, now())
      ON CONFLICT ("eventId", email) DO UPDATE SET
        status = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r.status ELSE 'PENDING' END,
        name = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r.name ELSE excluded.name END,
        affiliation = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r.affiliation ELSE excluded.affiliation END,
        "joinMailingList" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."joinMailingList" ELSE excluded."joinMailingList" END,
        "consentAt" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."consentAt" ELSE excluded."consentAt" END,
        "consentIp" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."consentIp" ELSE excluded."consentIp" END,
        "consentVersion" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."consentVersion" ELSE excluded."consentVersion" END,
        "confirmedAt" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."confirmedAt" END,
        "waitlistedAt" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."waitlistedAt" END,
        "promotedAt" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."promotedAt" END,
        "cancelledAt" = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN r."cancelledAt" END,
        "updatedAt" = now()
      WHERE NOT EXISTS (
        SELECT 1 FROM "EventMail" m
         WHERE m."registrationId" = r.id
           AND m.kind = CASE WHEN r.status IN ('CONFIRMED', 'WAITLISTED') THEN 'already-registered' ELSE 'confirm-address' END
           AND ((m."sentAt" IS NULL AND m."failedAt" IS NULL)
                OR m."createdAt" > now() - make_interval(mins => ${READER_MAIL_INTERVAL_MINUTES}::int)))
      RETURNING r.id, r.status::text AS status
    ),
    mail AS (
      INSERT INTO "EventMail" ("registrationId", kind, "readerTriggered")
      SELECT id, CASE WHEN status = 'PENDING' THEN 'confirm-address' ELSE 'already-registered' END, true
        FROM registration
      RETURNING id
    )
    SELECT count(*)::int AS queued FROM mail`;
  return (outcome?.queued ?? 0) > 0;
}

/**
 * The form's "Also sign me up to the mailing list": the mailing list's own signup, with its
 * double opt-in, limits and budget. Its answer does not change the registration's.
 */
async function joinMailingList(email: string, name: string, context: RegistrationContext): Promise<void> {
  const [firstName = "", ...rest] = name.split(/\s+/);
  const result = await signUp({ email, firstName, lastName: rest.join(" ") }, context);
  if (!result.ok && result.status >= 500) console.error(`Mailing-list signup with a registration: ${result.message}`);
}
