import "server-only";
import { db, unflushedPool } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";
import { isBlockedAddress } from "@/lib/mail/blocked-domains";
import { loadMailSettings } from "@/lib/mail/settings";
import { signupSchema, type SignupField } from "@/lib/validations/subscriber";
import { CONSENT_VERSION } from "./consent";
import { assertLinksConfigured } from "./links";
import { signupMailJob, type SignupMailSource } from "./signup-mail";
import { emailHash } from "./suppression";
import { RateLimit } from "@/lib/http/rate-limit";
import { fieldErrorsOf, type FormResult } from "@/lib/result";
import { unavailable } from "./results";

/** The one answer to every accepted signup, whatever the address's state: nothing leaks. */
export const SIGNUP_THANKS = "Thank you! Please check your inbox: we have sent you an email to finish signing up.";

/**
 * At most one signup email (confirmation or reminder) per address in this many minutes
 * after the last was sent, and none while one is still waiting (Subscriber.signupMailAt and
 * signupMailPending, kept by lib/subscribers/signup-mail.ts).
 */
const SIGNUP_MAIL_INTERVAL_MINUTES = 10;

/**
 * Request limits (in memory, or shared in PostgreSQL: see lib/http/rate-limit.ts). Per IP:
 * generous enough for an office behind one address. Per address: stops one inbox being
 * targeted through many IPs; the mail interval above already bounds what reaches it.
 */
export const signupLimits = {
  perIp: new RateLimit("signup-ip", 20, 10 * 60),
  perAddress: new RateLimit("signup-address", 10, 60 * 60),
};

export type SignupContext = { ip: string | null };
export type SignupResult = FormResult<SignupField>;

const HONEYPOT_MESSAGE =
  "This form looks as if a program filled it in. If you are a person, leave the field marked “Leave this field empty” blank and try again.";
const BLOCKED_DOMAIN_MESSAGE = "We cannot accept addresses from this email provider. Please use another address.";

/**
 * A signup from the form or POST /api/subscribe: validates, rate-limits, records the
 * subscriber as pending with its consent and queues the confirmation (double opt-in), then
 * answers at once: the email goes out from the job queue (lib/subscribers/signup-mail.ts).
 * Answers with a message and an HTTP-like status; never throws.
 */
export async function signUp(raw: unknown, context: SignupContext): Promise<SignupResult> {
  try {
    return await processSignup(raw, context);
  } catch (error) {
    console.error("Mailing-list signup failed:", error);
    return unavailable();
  }
}

async function processSignup(raw: unknown, context: SignupContext): Promise<SignupResult> {
  const ipKey = context.ip ?? "unknown";
  const perIp = await signupLimits.perIp.attempt(ipKey);
  if (!perIp.ok) return tooManyAttempts(perIp.retryAfterSeconds, "from your network");

  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, status: 400, message: "Send the signup as a form or a JSON object with an email field." };
  }
  const honeypot = (raw as { website?: unknown }).website;
  if (honeypot !== undefined && honeypot !== null && honeypot !== "")
    return { ok: false, status: 400, message: HONEYPOT_MESSAGE };

  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf<SignupField>(parsed.error);
    return { ok: false, status: 400, message: Object.values(fieldErrors)[0] ?? "Please check the form.", fieldErrors };
  }
  const input = parsed.data;

  const reference = await signupReference();
  if (isBlockedAddress(input.email, reference.blockedDomains)) {
    return { ok: false, status: 400, message: BLOCKED_DOMAIN_MESSAGE, fieldErrors: { email: BLOCKED_DOMAIN_MESSAGE } };
  }
  const perAddress = await signupLimits.perAddress.attempt(input.email);
  if (!perAddress.ok) return tooManyAttempts(perAddress.retryAfterSeconds, "for this address");

  const wanted = input.topics ?? (input.topicsOffered ? [] : null);
  let topics = resolveTopics(reference.categories, wanted);
  if (!topics.ok) {
    // Perhaps a topic added in the last few seconds: look once more before refusing.
    forgetSignupReference();
    topics = resolveTopics((await signupReference()).categories, wanted);
  }
  if (!topics.ok) return { ok: false, status: 400, message: topics.message, fieldErrors: { topics: topics.message } };

  assertLinksConfigured();
  const queued = await register({
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    topicIds: topics.ids,
    ip: context.ip,
    source: "signup",
  });
  if (queued) startSignupMailJob();
  return { ok: true, message: SIGNUP_THANKS };
}

function tooManyAttempts(retryAfterSeconds: number, scope: string): SignupResult {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    ok: false,
    status: 429,
    message: `Too many signup attempts ${scope}. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    retryAfterSeconds,
  };
}

/**
 * What every signup is checked against but staff rarely change: the topics and the blocked
 * email domains. Read at most once per REFERENCE_MAX_AGE_MS by each server process instead
 * of on every signup, so a flood costs one statement per signup; a topic or a blocked
 * domain added by staff applies within that time (at once on the server where the settings
 * were saved: forgetSignupReference). A topic deleted meanwhile is skipped by register().
 */
type SignupReference = { categories: Array<{ id: number; slug: string }>; blockedDomains: string[] };
const REFERENCE_MAX_AGE_MS = 5_000;
let referenceRead: { readAt: number; value: Promise<SignupReference> } | null = null;

function signupReference(): Promise<SignupReference> {
  const now = Date.now();
  if (referenceRead === null || now - referenceRead.readAt > REFERENCE_MAX_AGE_MS) {
    const value = readSignupReference();
    const entry = { readAt: now, value };
    referenceRead = entry;
    // A failed read is not kept: the next signup asks again.
    value.catch(() => {
      if (referenceRead === entry) referenceRead = null;
    });
  }
  return referenceRead.value;
}

async function readSignupReference(): Promise<SignupReference> {
  const [categories, settings] = await Promise.all([
    db.$queryRaw<Array<{ id: number; slug: string }>>`SELECT id, slug FROM "Category"`,
    loadMailSettings(db, env.MAIL_FROM),
  ]);
  return { categories, blockedDomains: settings.blockedDomains };
}

/** After staff change the blocked domains or the topics: the next signup reads them again. */
export function forgetSignupReference(): void {
  referenceRead = null;
}

/**
 * Wakes the job that sends signup emails, without making the reader wait for it. Wakes are
 * coalesced: at most one in SIGNUP_MAIL_WAKE_INTERVAL_MS (the workers look for work once a
 * second anyway), and signups stored meanwhile get one more after it (which starts after
 * they were stored, so the job sees them). A flood of signups thus costs the queue a few
 * requests a second, not one each. The email is stored already: if the queue cannot be
 * reached, the job's every-minute schedule sends it.
 */
const SIGNUP_MAIL_WAKE_INTERVAL_MS = 500;
const signupMailWake = { busy: false, wanted: false };

function startSignupMailJob(): void {
  if (signupMailWake.busy) {
    signupMailWake.wanted = true;
    return;
  }
  signupMailWake.busy = true;
  signupMailWake.wanted = false;
  enqueue(signupMailJob, {}, { singletonKey: "now" })
    .catch((error: unknown) =>
      console.error("Signup email stored, but the job queue could not be reached (the schedule will send it):", error),
    )
    .finally(() => {
      setTimeout(() => {
        signupMailWake.busy = false;
        if (signupMailWake.wanted) startSignupMailJob();
      }, SIGNUP_MAIL_WAKE_INTERVAL_MS).unref();
    });
}

/** Topic slugs → category ids; null means every topic. */
function resolveTopics(
  categories: SignupReference["categories"],
  slugs: string[] | null,
): { ok: true; ids: number[] } | { ok: false; message: string } {
  if (slugs === null) return { ok: true, ids: categories.map((category) => category.id) };
  const idsBySlug = new Map(categories.map((category) => [category.slug, category.id]));
  if (slugs.some((slug) => !idsBySlug.has(slug))) return { ok: false, message: "Choose topics from the list" };
  if (slugs.length === 0 && categories.length > 0) return { ok: false, message: "Choose at least one topic" };
  return { ok: true, ids: [...new Set(slugs.map((slug) => idsBySlug.get(slug)!))] };
}

type Registration = {
  email: string;
  firstName: string;
  lastName: string;
  topicIds: number[];
  ip: string | null;
  source: SignupMailSource;
};

/**
 * Records the signup and queues the email it calls for, if any, in one statement; true when
 * an email was queued. The upsert locks the subscriber's row, and its condition is checked
 * against the row as it is once locked (PostgreSQL's ON CONFLICT DO UPDATE), so of
 * concurrent signups for one address exactly one sees "no signup email waiting, none sent
 * in the last 10 minutes" and queues one (SignupMail); the others change nothing. An erased
 * address (Suppression) is never stored.
 *
 * New, pending or unsubscribed: the double opt-in (re)starts with a fresh consent record,
 * names and topics; the new consentAt is the confirmation token's nonce, so older links stop
 * working. Confirmed: only the "already subscribed" email is queued, and the reader's
 * settings are never touched by an anonymous form. While an email is waiting or recent, a
 * repeated signup changes nothing (its names and topics wait for the next one).
 */
async function register(registration: Registration): Promise<boolean> {
  const { email, firstName, lastName, topicIds, ip, source } = registration;
  const { rows } = await unflushedPool().query<{ queued: number }>({
    name: "subscribers.register",
    text: REGISTER_SQL,
    values: [email, firstName, lastName, ip, CONSENT_VERSION, emailHash(email), topicIds, source],
  });
  return (rows[0]?.queued ?? 0) > 0;
}

/**
 * register()'s statement: $1 email, $2 first name, $3 last name, $4 IP, $5 consent version,
 * $6 the email's hash (Suppression), $7 topic ids, $8 source. Prepared once per connection.
 *
 * Its commit does not wait for the disk (unflushedPool, lib/db.ts): a flood of signups
 * would otherwise wait for one flush each. Safe here: an email goes out only after the
 * job's claim of it has committed, and that commit, waiting for the disk, flushes
 * everything written before it, this signup included; so a crash can only lose signups
 * whose email had not gone out yet, whose readers were never asked to confirm and may sign
 * up again. No email is ever sent for a consent record that is not on disk.
 */
const REGISTER_SQL = `
    WITH previous AS (
      SELECT status::text AS status FROM "Subscriber" WHERE email = $1
    ),
    subscriber AS (
      INSERT INTO "Subscriber" AS s
        (email, "firstName", "lastName", status, "consentAt", "consentIp", "consentVersion", "signupMailPending", "updatedAt")
      SELECT $1, $2, $3, 'PENDING', now(), $4, $5, true, now()
       WHERE NOT EXISTS (SELECT 1 FROM "Suppression" WHERE "emailHash" = $6)
      ON CONFLICT (email) DO UPDATE SET
        status = CASE WHEN s.status = 'CONFIRMED' THEN s.status ELSE excluded.status END,
        "firstName" = CASE WHEN s.status = 'CONFIRMED' THEN s."firstName" ELSE excluded."firstName" END,
        "lastName" = CASE WHEN s.status = 'CONFIRMED' THEN s."lastName" ELSE excluded."lastName" END,
        "consentAt" = CASE WHEN s.status = 'CONFIRMED' THEN s."consentAt" ELSE excluded."consentAt" END,
        "consentIp" = CASE WHEN s.status = 'CONFIRMED' THEN s."consentIp" ELSE excluded."consentIp" END,
        "consentVersion" = CASE WHEN s.status = 'CONFIRMED' THEN s."consentVersion" ELSE excluded."consentVersion" END,
        "signupMailPending" = true,
        "updatedAt" = now()
      WHERE NOT s."signupMailPending"
        AND (s."signupMailAt" IS NULL OR s."signupMailAt" <= now() - make_interval(mins => ${SIGNUP_MAIL_INTERVAL_MINUTES}))
      RETURNING s.id, s.status::text AS status
    ),
    restarted AS (
      SELECT id FROM subscriber WHERE status = 'PENDING'
    ),
    removed_topics AS (
      DELETE FROM "SubscriberTopic" t USING restarted r
       WHERE t."subscriberId" = r.id AND NOT (t."categoryId" = ANY($7::int[]))
    ),
    added_topics AS (
      INSERT INTO "SubscriberTopic" ("subscriberId", "categoryId")
      SELECT r.id, c.id FROM restarted r JOIN "Category" c ON c.id = ANY($7::int[])
      ON CONFLICT DO NOTHING
    ),
    history AS (
      INSERT INTO "SubscriberEvent" ("subscriberId", type, details)
      SELECT r.id, 'signup', jsonb_build_object(
               'consentVersion', $5::text,
               'previousStatus', coalesce((SELECT status FROM previous), 'PENDING'),
               'topicCount', cardinality($7::int[]),
               'ip', $4::text)
        FROM restarted r
    ),
    mail AS (
      INSERT INTO "SignupMail" ("subscriberId", kind, source)
      SELECT id, CASE WHEN status = 'CONFIRMED' THEN 'reminder' ELSE 'confirmation' END, $8 FROM subscriber
      RETURNING id
    )
    SELECT count(*)::int AS queued FROM mail`;

/**
 * The double opt-in for an address staff imported without asserting consent: the same
 * records, confirmation email and once-per-10-minutes rule as a signup (no IP: nobody
 * signed up from anywhere), outside the hourly budget of signup emails. Suppressed
 * addresses are skipped here too. The import job starts the sending job when it is done
 * with a batch.
 */
export async function startImportedDoubleOptIn(signup: {
  email: string;
  firstName: string;
  lastName: string;
  topicIds: number[];
}): Promise<void> {
  assertLinksConfigured();
  await register({ ...signup, ip: null, source: "import" });
}
