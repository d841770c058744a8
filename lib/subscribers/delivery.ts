import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/mailer";
import { bulkEmail, type BulkContent } from "@/lib/mail/templates/bulk";
import { recordSubscriberEvent } from "./events";
import { managementLinks } from "./links";

/**
 * Sends one mailing to one subscriber, wrapped with their preference and one-click
 * unsubscribe links. Only confirmed subscribers receive mail: anyone else is skipped, so
 * a caller iterating over a stale list cannot mail someone who has left. (Digests and
 * alerts go through lib/mailings, which sends each at most once.)
 */
export async function sendToSubscriber(subscriberId: number, content: BulkContent): Promise<"sent" | "skipped"> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    select: { id: true, email: true, firstName: true, lastName: true, status: true, createdAt: true },
  });
  if (!subscriber || subscriber.status !== "CONFIRMED") return "skipped";
  const message = bulkEmail(content, {
    siteName: env.SITE_NAME,
    siteUrl: env.SITE_URL,
    to: { name: [subscriber.firstName, subscriber.lastName].filter(Boolean).join(" "), address: subscriber.email },
    links: managementLinks(subscriber),
  });
  await sendMail(message);
  await recordSubscriberEvent(db, subscriber.id, "email.sent", { kind: "mailing", subject: content.subject });
  return "sent";
}
