import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isBlockedAddress } from "@/lib/mail/blocked-domains";
import { sendMail } from "@/lib/mail/mailer";
import { loadMailSettings } from "@/lib/mail/settings";
import { alreadySubscribedEmail } from "@/lib/mail/templates/already-subscribed";
import { confirmationEmail } from "@/lib/mail/templates/confirmation";
import { signupSchema, type SignupField } from "@/lib/validations/subscriber";
import { CONSENT_VERSION } from "./consent";
import { recordSubscriberEvent, type SentEmailKind } from "./events";
import { isSuppressed } from "./suppression";
import { assertLinksConfigured, CONFIRM_TOKEN_LIFETIME_MS, confirmationUrl, managementLinks } from "./links";
import { RateLimit } from "@/lib/http/rate-limit";
import { fieldErrorsOf, type FormResult } from "@/lib/result";
import { unavailable } from "./results";

/** The one answer to every accepted signup, whatever the address's state: nothing leaks. */
export const SIGNUP_THANKS = "Thank you! Please check your inbox: we have sent you an email to finish signing up.";

/** At most one signup email (confirmation or reminder) per address in this many minutes. */
const SIGNUP_MAIL_INTERVAL_MINUTES = 10;

/** The "email.sent" kinds (SubscriberEvent) that count as a signup email sent to an address. */
const SIGNUP_MAIL_KINDS = ["confirmation", "reminder"] as const satisfies readonly SentEmailKind[];

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
const MAIL_FAILED_MESSAGE = "We could not send you an email just now. Please try again in a few minutes.";

class SignupMailError extends Error {}

/**
 * A signup from the form or POST /api/subscribe: validates, rate-limits, records the
 * subscriber as pending with its consent, and sends the confirmation (double opt-in).
 * Answers with a message and an HTTP-like status; never throws.
 */
export async function signUp(raw: unknown, context: SignupContext): Promise<SignupResult> {
  try {
    return await processSignup(raw, context);
  } catch (error) {
    if (error instanceof SignupMailError) return { ok: false, status: 503, message: MAIL_FAILED_MESSAGE };
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

  if (isBlockedAddress(input.email, await blockedDomains())) {
    return { ok: false, status: 400, message: BLOCKED_DOMAIN_MESSAGE, fieldErrors: { email: BLOCKED_DOMAIN_MESSAGE } };
  }
  const perAddress = await signupLimits.perAddress.attempt(input.email);
  if (!perAddress.ok) return tooManyAttempts(perAddress.retryAfterSeconds, "for this address");

  const topics = await resolveTopics(input.topics ?? (input.topicsOffered ? [] : null));
  if (!topics.ok) return { ok: false, status: 400, message: topics.message, fieldErrors: { topics: topics.message } };

  assertLinksConfigured();
  await register({
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    topicIds: topics.ids,
    ip: context.ip,
  });
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

type Registration = { email: string; firstName: string; lastName: string; topicIds: number[]; ip: string | null };

type SignupMail =
  | { kind: "none" }
  | {
      kind: "confirmation" | "reminder";
      claimId: number;
      subscriber: { id: number; firstName: string; lastName: string; createdAt: Date; consentAt: Date };
    };

/**
 * Records the signup and decides which email, if any, goes out. Concurrent signups for
 * one address are safe: the row is created with ON CONFLICT DO NOTHING (never a unique
 * violation), then locked, so exactly one request sees "no email in the last 10
 * minutes" and claims the send by writing its "email.sent" event.
 *
 * State changes only come with a send: while an email is recent, a repeated signup
 * changes nothing (its names and topics wait for the next one), and a confirmed reader's
 * settings are never touched by an anonymous form.
 */
async function register(registration: Registration): Promise<void> {
  const { email } = registration;
  // An erased address: the same answer as any signup, and nothing recorded or sent.
  if (await isSuppressed(db, email)) return;
  const consentAt = new Date();
  await db.$executeRaw`INSERT INTO "Subscriber" (email, "updatedAt") VALUES (${email}, now()) ON CONFLICT (email) DO NOTHING`;

  const mail = await db.$transaction(
    async (tx): Promise<SignupMail> => {
      const [row] = await tx.$queryRaw<
        Array<{ id: number; status: string; firstName: string; lastName: string; createdAt: Date }>
      >`
        SELECT id, status::text AS status, "firstName", "lastName", "createdAt" FROM "Subscriber" WHERE email = ${email} FOR UPDATE`;
      // Erased between the insert and here: nothing to do, and the answer stays the same.
      if (!row) return { kind: "none" };

      // A statement of its own, after the lock: under READ COMMITTED it sees the claim
      // committed by whichever request held the lock before this one.
      const [recent] = await tx.$queryRaw<Array<{ sent: boolean }>>`
        SELECT EXISTS (
          SELECT 1 FROM "SubscriberEvent"
           WHERE "subscriberId" = ${row.id} AND type = 'email.sent'
             AND details->>'kind' IN (${SIGNUP_MAIL_KINDS[0]}, ${SIGNUP_MAIL_KINDS[1]})
             AND "createdAt" > now() - make_interval(mins => ${SIGNUP_MAIL_INTERVAL_MINUTES}::int)
        ) AS sent`;
      if (recent?.sent) return { kind: "none" };

      if (row.status === "CONFIRMED") {
        const claim = await recordSubscriberEvent(tx, row.id, "email.sent", { kind: "reminder" });
        return { kind: "reminder", claimId: claim.id, subscriber: { ...row, consentAt } };
      }

      // New, pending or unsubscribed: (re)start the double opt-in with a fresh consent record.
      // The new consentAt is the confirmation token's nonce, so older links stop working.
      await tx.subscriber.update({
        where: { id: row.id },
        data: {
          status: "PENDING",
          firstName: registration.firstName,
          lastName: registration.lastName,
          consentAt,
          consentIp: registration.ip,
          consentVersion: CONSENT_VERSION,
        },
      });
      await tx.subscriberTopic.deleteMany({ where: { subscriberId: row.id } });
      await tx.subscriberTopic.createMany({
        data: registration.topicIds.map((categoryId) => ({ subscriberId: row.id, categoryId })),
        skipDuplicates: true,
      });
      await recordSubscriberEvent(tx, row.id, "signup", {
        consentVersion: CONSENT_VERSION,
        previousStatus: row.status,
        topicCount: registration.topicIds.length,
        ip: registration.ip,
      });
      const claim = await recordSubscriberEvent(tx, row.id, "email.sent", { kind: "confirmation" });
      const subscriber = {
        id: row.id,
        firstName: registration.firstName,
        lastName: registration.lastName,
        createdAt: row.createdAt,
        consentAt,
      };
      return { kind: "confirmation", claimId: claim.id, subscriber };
    },
    // Waiting for the pool or the row lock is expected when the same address arrives at once.
    { maxWait: 15_000, timeout: 20_000 },
  );

  if (mail.kind === "none") return;
  try {
    await sendSignupMail(email, mail);
  } catch (error) {
    // Give the claim back so the reader can try again straight away.
    await db.subscriberEvent.delete({ where: { id: mail.claimId } }).catch(() => undefined);
    console.error(`Signup email to subscriber ${mail.subscriber.id} failed:`, error);
    throw new SignupMailError("signup email failed", { cause: error });
  }
}

async function sendSignupMail(email: string, mail: Exclude<SignupMail, { kind: "none" }>) {
  const { subscriber } = mail;
  const to = { name: [subscriber.firstName, subscriber.lastName].filter(Boolean).join(" "), address: email };
  const links = managementLinks(subscriber);
  const content =
    mail.kind === "confirmation"
      ? confirmationEmail({
          siteName: env.SITE_NAME,
          firstName: subscriber.firstName,
          confirmUrl: confirmationUrl(subscriber),
          preferencesUrl: links.preferences,
          validForHours: CONFIRM_TOKEN_LIFETIME_MS / 3_600_000,
        })
      : alreadySubscribedEmail({
          siteName: env.SITE_NAME,
          firstName: subscriber.firstName,
          preferencesUrl: links.preferences,
        });
  await sendMail({ to, ...content });
}

/**
 * The double opt-in for an address staff imported without asserting consent: the same
 * records, confirmation email and once-per-10-minutes rule as a signup (no IP: nobody
 * signed up from anywhere). Suppressed addresses are skipped here too.
 */
export async function startImportedDoubleOptIn(signup: {
  email: string;
  firstName: string;
  lastName: string;
  topicIds: number[];
}): Promise<void> {
  assertLinksConfigured();
  await register({ ...signup, ip: null });
}
