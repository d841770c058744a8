import "server-only";
import { db } from "@/lib/db";
import type { SubscriberStatus } from "@/lib/generated/prisma/client";
import { preferencesSchema, type Frequency, type PreferencesField } from "@/lib/validations/subscriber";
import { recordSubscriberEvent } from "./events";
import { checkToken } from "./links";
import { fieldErrorsOf, type FormResult } from "@/lib/result";
import { unavailable } from "./results";

const INVALID_LINK = "This link is not valid. Please use the link from one of our recent emails.";
const EXPIRED_LINK = "This link has expired. Please use the link from one of our recent emails.";

export const PREFERENCES_SAVED_MESSAGE = "Your preferences are saved.";
export const UNSUBSCRIBED_MESSAGE = "You are unsubscribed and will receive no more emails from us.";
const NOT_SUBSCRIBED_MESSAGE =
  "This address is unsubscribed, so there are no preferences to change. To hear from us again, subscribe again.";

export type UnsubscribeSource = "page" | "preferences" | "one-click";

type Lookup =
  { ok: true; subscriber: { id: number; email: string; status: SubscriberStatus } } | { ok: false; message: string };

/**
 * The subscriber a management link (preferences, unsubscribe) stands for. Unsubscribing
 * honours an expired link: an old email must still let its reader leave, and the worst a
 * leaked old link can do is what its owner could undo by subscribing again.
 */
async function subscriberFromLink(token: unknown, options: { allowExpired: boolean }): Promise<Lookup> {
  const check = checkToken(token, "manage");
  if (!check.valid) return { ok: false, message: INVALID_LINK };
  if (check.expired && !options.allowExpired) return { ok: false, message: EXPIRED_LINK };
  const subscriber = await db.subscriber.findUnique({
    where: { id: check.claims.subscriberId },
    select: { id: true, email: true, status: true, createdAt: true },
  });
  // The nonce is the row's creation time: a link outlives neither an erased subscriber nor its id.
  if (!subscriber || subscriber.createdAt.getTime() !== check.claims.nonce) return { ok: false, message: INVALID_LINK };
  return { ok: true, subscriber };
}

export type PreferencesView =
  | {
      ok: true;
      email: string;
      status: SubscriberStatus;
      firstName: string;
      lastName: string;
      frequency: Frequency;
      topics: string[];
    }
  | { ok: false; message: string };

/** What the preference centre shows for a link; changes nothing. */
export async function loadPreferences(token: unknown): Promise<PreferencesView> {
  const found = await subscriberFromLink(token, { allowExpired: false });
  if (!found.ok) return found;
  const subscriber = await db.subscriber.findUniqueOrThrow({
    where: { id: found.subscriber.id },
    select: {
      email: true,
      status: true,
      firstName: true,
      lastName: true,
      frequency: true,
      topics: { select: { category: { select: { slug: true } } } },
    },
  });
  const { topics, ...rest } = subscriber;
  return { ok: true, ...rest, topics: topics.map((topic) => topic.category.slug) };
}

export async function updatePreferences(token: unknown, raw: unknown): Promise<FormResult<PreferencesField>> {
  try {
    const found = await subscriberFromLink(token, { allowExpired: false });
    if (!found.ok) return { ok: false, status: 400, message: found.message };
    if (found.subscriber.status === "UNSUBSCRIBED") return { ok: false, status: 400, message: NOT_SUBSCRIBED_MESSAGE };

    const parsed = preferencesSchema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf<PreferencesField>(parsed.error);
      return {
        ok: false,
        status: 400,
        message: Object.values(fieldErrors)[0] ?? "Please check the form.",
        fieldErrors,
      };
    }
    const { firstName, lastName, frequency, topics } = parsed.data;
    const categories = await db.category.findMany({ where: { slug: { in: topics } }, select: { id: true } });
    if (categories.length !== new Set(topics).size) {
      return {
        ok: false,
        status: 400,
        message: "Choose topics from the list",
        fieldErrors: { topics: "Choose topics from the list" },
      };
    }

    const subscriberId = found.subscriber.id;
    await db.$transaction([
      db.subscriber.update({ where: { id: subscriberId }, data: { firstName, lastName, frequency } }),
      db.subscriberTopic.deleteMany({ where: { subscriberId } }),
      db.subscriberTopic.createMany({
        data: categories.map((category) => ({ subscriberId, categoryId: category.id })),
        skipDuplicates: true,
      }),
      recordSubscriberEvent(db, subscriberId, "preferences", { frequency, topics }),
    ]);
    return { ok: true, message: PREFERENCES_SAVED_MESSAGE };
  } catch (error) {
    console.error("Updating subscriber preferences failed:", error);
    return unavailable();
  }
}

export type UnsubscribeView = { ok: true; email: string; unsubscribed: boolean } | { ok: false; message: string };

/** What the unsubscribe page shows before its button is pressed; changes nothing. */
export async function inspectUnsubscribe(token: unknown): Promise<UnsubscribeView> {
  const found = await subscriberFromLink(token, { allowExpired: true });
  if (!found.ok) return found;
  return { ok: true, email: found.subscriber.email, unsubscribed: found.subscriber.status === "UNSUBSCRIBED" };
}

/** Unsubscribes; doing it twice is fine and answers the same. */
export async function unsubscribe(token: unknown, source: UnsubscribeSource): Promise<FormResult> {
  try {
    const found = await subscriberFromLink(token, { allowExpired: true });
    if (!found.ok) return { ok: false, status: 400, message: found.message };
    const subscriberId = found.subscriber.id;
    const { count } = await db.subscriber.updateMany({
      where: { id: subscriberId, status: { not: "UNSUBSCRIBED" } },
      data: { status: "UNSUBSCRIBED", unsubscribedAt: new Date() },
    });
    if (count > 0) {
      await recordSubscriberEvent(db, subscriberId, "unsubscribe", { source });
    }
    return { ok: true, message: UNSUBSCRIBED_MESSAGE };
  } catch (error) {
    console.error("Unsubscribing failed:", error);
    return unavailable();
  }
}
