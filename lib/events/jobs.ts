/**
 * An event moves from upcoming to past at its end, and its registration closes at the
 * deadline or the start, with no write to announce it: its page and the lists of events
 * would stay cached as they were. Saving an event enqueues this job for each such moment
 * (lib/events/effects.ts); a new time gets a new job, and one left over from an old time
 * only drops the cache once more. The same job runs every five minutes without a payload
 * as a safety net (a job lost with its queue, events written by an import or the demo
 * seed), waking the pages of events whose moments fell since its last run.
 */
import "server-only";
import { z } from "zod";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/definition";
import { changeAtEventMoments } from "./timeline";

/** How often the safety net runs, and so how far back it looks (with a minute's overlap). */
const SWEEP_EVERY_MINUTES = 5;

export const eventStatusJob = defineJob({
  name: "events.status-change",
  payload: z.object({ publicationId: z.number().int().positive().optional() }),
  retryLimit: 5,
  retryDelaySeconds: 5,
  cron: `*/${SWEEP_EVERY_MINUTES} * * * *`,
  async run({ publicationId }) {
    const now = new Date();
    const since = new Date(now.getTime() - (SWEEP_EVERY_MINUTES + 1) * 60_000);
    await invalidatePublicCache(await changeAtEventMoments(db, { publicationId, since, now }));
  },
});
