/**
 * A subscriber's history (SubscriberEvent): what the reader did and what we sent them.
 * Staff actions go to AuditLog instead; this timeline is the reader's own and disappears
 * with them when they are erased.
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const SUBSCRIBER_EVENT_TYPES = [
  "signup",
  "confirm",
  "preferences",
  "email.sent",
  "unsubscribe",
  "import",
] as const;
export type SubscriberEventType = (typeof SUBSCRIBER_EVENT_TYPES)[number];

/** What an "email.sent" event says it was. */
export type SentEmailKind = "confirmation" | "reminder" | "digest" | "alert" | "mailing";

export const EVENT_LABELS: Record<SubscriberEventType, string> = {
  signup: "Signed up",
  confirm: "Confirmed",
  preferences: "Changed preferences",
  "email.sent": "Email sent",
  unsubscribe: "Unsubscribed",
  import: "Imported",
};

type EventWriter = Pick<DatabaseClient, "subscriberEvent">;

export function recordSubscriberEvent(
  database: EventWriter,
  subscriberId: number,
  type: SubscriberEventType,
  details: Prisma.InputJsonObject = {},
) {
  return database.subscriberEvent.create({ data: { subscriberId, type, details }, select: { id: true } });
}
