/**
 * Scheduled publishing without anyone present: scheduling enqueues this job to start at
 * the chosen time for that publication, and the same job runs every minute without one as
 * a safety net (a job lost with its queue, a date moved earlier), publishing everything
 * due. A daily job empties the trash of old items.
 */
import "server-only";
import { z } from "zod";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/definition";
import { publishDuePublications, purgeTrash } from "./workflow";
import { log } from "@/lib/log";

export const publishDueJob = defineJob({
  name: "publications.publish-due",
  payload: z.object({ publicationId: z.number().int().positive().optional() }),
  retryLimit: 5,
  retryDelaySeconds: 5,
  cron: "* * * * *",
  async run({ publicationId }) {
    await invalidatePublicCache(await publishDuePublications(db, { publicationId }));
  },
});

export const purgeTrashJob = defineJob({
  name: "publications.purge-trash",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 60,
  cron: "17 3 * * *",
  async run() {
    const purged = await purgeTrash(db);
    if (purged > 0) log.info({ job: "publications.purge-trash", purged }, `${purged} removed from the trash for good`);
  },
});
