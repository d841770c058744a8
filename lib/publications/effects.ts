/**
 * What follows a publication write, once its transaction committed: the public cache drops
 * what readers would otherwise see stale, and a scheduled publication gets its go-live job.
 * Each write (save, transition, go-live) returns its Effects; the caller applies them.
 */
import "server-only";
import type { PublicChange } from "@/lib/cache/changes";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { enqueue } from "@/lib/jobs/queue";
import { publishDueJob } from "./jobs";

/** What a write changed for readers, and (when it scheduled one) when a publication goes live. */
export type Effects = { change: PublicChange; goLive?: { publicationId: number; at: Date } };

export async function applyEffects(effects: Effects): Promise<void> {
  await invalidatePublicCache(effects.change);
  // The every-minute sweep publishes it anyway; the timed job makes it go live on the second.
  if (effects.goLive) {
    const { publicationId, at } = effects.goLive;
    await enqueue(publishDueJob, { publicationId }, { startAfter: at });
  }
}

/** A result without its server-side effects, as sent to the browser. */
export function withoutEffects<T extends { effects?: Effects }>(result: T): Omit<T, "effects"> {
  const rest: T = { ...result };
  delete rest.effects;
  return rest;
}
