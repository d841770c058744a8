/**
 * Erasure on request (GDPR): the subscriber row goes, with its topics and history
 * (cascade); delivery rows stay for the send reports but lose the link to the person
 * (SET NULL); the address survives only as a hash on the suppression list, so neither a
 * signup nor an import adds it again. Their event registrations under the same address go too
 * (with the emails about them). The audit entry names the staff member, not the address.
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { Result } from "@/lib/result";
import { emailHash } from "./suppression";

export async function eraseSubscriber(
  database: DatabaseClient,
  subscriberId: number,
  actorId: number | null,
): Promise<Result> {
  return database.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { email: true } });
    if (!subscriber)
      return { ok: false, status: 404, message: "This subscriber does not exist (perhaps already erased)." };
    await tx.suppression.upsert({
      where: { emailHash: emailHash(subscriber.email) },
      create: { emailHash: emailHash(subscriber.email), reason: "erased" },
      update: {},
    });
    await tx.subscriber.delete({ where: { id: subscriberId } });
    const registrations = await tx.eventRegistration.deleteMany({ where: { email: subscriber.email } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "subscriber.erase",
        entityType: "Subscriber",
        entityId: String(subscriberId),
        details: { eventRegistrations: registrations.count },
      },
    });
    return { ok: true, message: "The subscriber has been erased." };
  });
}
