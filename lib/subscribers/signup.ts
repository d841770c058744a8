import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";
import { isBlockedAddress } from "@/lib/mail/blocked-domains";
import { loadMailSettings } from "@/lib/mail/settings";
import { signupSchema, type SignupField } from "@/lib/validations/subscriber";
import { CONSENT_VERSION } from "./consent";
import { assertLinksConfigured } from "./links";
import { queueSignupMail, signupMailJob, type SignupMailSource } from "./signup-mail";
import { emailHash } from "./suppression";
import { SlidingWindowLimiter } from "@/lib/http/rate-limit";
import { fieldErrorsOf, type FormResult } from "@/lib/result";
import { unavailable } from "./results";

/** The one answer to every accepted signup, whatever the address's state: nothing leaks. */
export const SIGNUP_THANKS = "Thank you! Please check your inbox: we have sent you an email to finish signing up.";

/**
 * At most one signup email (confirmation or reminder) per address in this many minutes,
 * and none while one is still waiting to be sent (lib/subscribers/signup-mail.ts).
 */
const SIGNUP_MAIL_INTERVAL_MINUTES = 10;

/**
 * Request limits (in memory, per server process; see lib/http/rate-limit.ts). Per IP: generous
 * enough for an office behind one address. Per address: stops one inbox being targeted
 * through many IPs; the mail interval above already bounds what reaches it.
 */
export const signupLimits = {
  perIp: new SlidingWindowLimiter(20, 10 * 60 * 1000),
  perAddress: new SlidingWindowLimiter(10, 60 * 60 * 1000),
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
  if (!signupLimits.perIp.attempt(ipKey))
    return tooManyAttempts(signupLimits.perIp.retryAfterSeconds(ipKey), "from your network");

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

  if (isBlockedAddress(input.email, await blockedDomains())) {
    return { ok: false, status: 400, message: BLOCKED_DOMAIN_MESSAGE, fieldErrors: { email: BLOCKED_DOMAIN_MESSAGE } };
  }
  if (!signupLimits.perAddress.attempt(input.email)) {
    return tooManyAttempts(signupLimits.perAddress.retryAfterSeconds(input.email), "for this address");
  }

  const topics = await resolveTopics(input.topics ?? (input.topicsOffered ? [] : null));
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
  if (queued) await startSignupMailJob();
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

/** The list staff configured on /admin/settings, or the defaults. */
async function blockedDomains(): Promise<string[]> {
  return (await loadMailSettings(db, env.MAIL_FROM)).blockedDomains;
}

/**
 * Wakes the job that sends signup emails. The email is stored already: if the queue cannot
 * be reached, the job's every-minute schedule sends it, so the signup still succeeds.
 */
async function startSignupMailJob(): Promise<void> {
  try {
    await enqueue(signupMailJob, {}, { singletonKey: "now" });
  } catch (error) {
    console.error("Signup email stored, but the job queue could not be reached (the schedule will send it):", error);
  }
}

/** Topic slugs → category ids; null means every topic. */
async function resolveTopics(
  slugs: string[] | null,
): Promise<{ ok: true; ids: number[] } | { ok: false; message: string }> {
  const categories = await db.category.findMany({ select: { id: true, slug: true } });
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
 * Records the signup and queues the email it calls for, if any; true when one was queued.
 * Concurrent signups for one address are safe: the row is created with ON CONFLICT DO
 * NOTHING (never a unique violation), then locked, so exactly one request sees "no signup
 * email waiting or sent in the last 10 minutes" and queues one (SignupMail) in the same
 * transaction. An erased address (Suppression) is never stored: the row is not created
 * and nothing is found to lock.
 *
 * State changes only come with an email: while one is recent or waiting, a repeated signup
 * changes nothing (its names and topics wait for the next one), and a confirmed reader's
 * settings are never touched by an anonymous form.
 */
async function register(registration: Registration): Promise<boolean> {
  const { email } = registration;
  const hash = emailHash(email);
  await db.$executeRaw`
    INSERT INTO "Subscriber" (email, "updatedAt")
    SELECT ${email}, now() WHERE NOT EXISTS (SELECT 1 FROM "Suppression" WHERE "emailHash" = ${hash})
    ON CONFLICT (email) DO NOTHING`;

  return db.$transaction(
    async (tx): Promise<boolean> => {
      const [row] = await tx.$queryRaw<Array<{ id: number; status: string }>>`
        SELECT id, status::text AS status FROM "Subscriber"
         WHERE email = ${email} AND NOT EXISTS (SELECT 1 FROM "Suppression" WHERE "emailHash" = ${hash})
         FOR UPDATE`;
      // Erased (now or between the insert and here): the same answer as any signup, and nothing stored or sent.
      if (!row) return false;

      // A statement of its own, after the lock: under READ COMMITTED it sees the email
      // queued by whichever request held the lock before this one.
      const [recent] = await tx.$queryRaw<Array<{ recent: boolean }>>`
        SELECT EXISTS (
          SELECT 1 FROM "SignupMail"
           WHERE "subscriberId" = ${row.id} AND "failedAt" IS NULL
             AND ("sentAt" IS NULL OR "sentAt" > now() - make_interval(mins => ${SIGNUP_MAIL_INTERVAL_MINUTES}::int))
        ) AS recent`;
      if (recent?.recent) return false;

      if (row.status === "CONFIRMED") {
        await queueSignupMail(tx, row.id, "reminder", registration.source);
        return true;
      }

      // New, pending or unsubscribed: (re)start the double opt-in with a fresh consent record.
      // The new consentAt is the confirmation token's nonce, so older links stop working.
      // One statement for every write: the row, its topics, the history and the email.
      const details = JSON.stringify({
        consentVersion: CONSENT_VERSION,
        previousStatus: row.status,
        topicCount: registration.topicIds.length,
        ip: registration.ip,
      });
      await tx.$executeRaw`
        WITH subscriber AS (
          UPDATE "Subscriber"
             SET status = 'PENDING', "firstName" = ${registration.firstName}, "lastName" = ${registration.lastName},
                 "consentAt" = now(), "consentIp" = ${registration.ip}, "consentVersion" = ${CONSENT_VERSION},
                 "updatedAt" = now()
           WHERE id = ${row.id}
        ),
        removed AS (
          DELETE FROM "SubscriberTopic"
           WHERE "subscriberId" = ${row.id} AND NOT ("categoryId" = ANY(${registration.topicIds}::int[]))
        ),
        added AS (
          INSERT INTO "SubscriberTopic" ("subscriberId", "categoryId")
          SELECT ${row.id}, unnest(${registration.topicIds}::int[])
          ON CONFLICT DO NOTHING
        ),
        history AS (
          INSERT INTO "SubscriberEvent" ("subscriberId", type, details) VALUES (${row.id}, 'signup', ${details}::jsonb)
        )
        INSERT INTO "SignupMail" ("subscriberId", kind, source) VALUES (${row.id}, 'confirmation', ${registration.source})`;
      return true;
    },
    // Waiting for the pool or the row lock is expected when the same address arrives at once.
    { maxWait: 15_000, timeout: 20_000 },
  );
}

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
