/**
 * What follows an event save, once committed: the public cache drops what changed, and a
 * timed job is queued for each moment the event's pages change by themselves.
 */
import "server-only";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { enqueue } from "@/lib/jobs/queue";
import { eventStatusJob } from "./jobs";
import type { EventEffects } from "./save";

export async function applyEventEffects(effects: EventEffects): Promise<void> {
  await invalidatePublicCache(effects.change);
  const { publicationId, at } = effects.statusChanges;
  for (const moment of at) {
    // One job per event and moment, however often the event is saved.
    await enqueue(
      eventStatusJob,
      { publicationId },
      { startAfter: moment, singletonKey: `event-${publicationId}-${moment.getTime()}` },
    );
  }
}
