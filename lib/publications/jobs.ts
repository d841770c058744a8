/**
 * Scheduled publishing without anyone present: scheduling enqueues this job to start at
 * the chosen time, and the same job runs every minute as a safety net (a job lost with
 * its queue, a date moved earlier). A daily job empties the trash of old items.
 */
import "server-only";
import { z } from "zod";
import { PUBLICATIONS_TAG, TAXONOMY_TAG, publicationTag } from "@/lib/data/cache-tags";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/definition";
import { revalidatePublicTagsFromWorker } from "./revalidate";
import { publishDuePublications, purgeTrash } from "./workflow";

export const publishDueJob = defineJob({
  name: "publications.publish-due",
  payload: z.object({ publicationId: z.number().int().positive().optional() }),
  retryLimit: 5,
  retryDelaySeconds: 5,
  cron: "* * * * *",
  async run() {
    const slugs = await publishDuePublications(db);
    if (slugs.length > 0)
      await revalidatePublicTagsFromWorker([PUBLICATIONS_TAG, TAXONOMY_TAG, ...slugs.map(publicationTag)]);
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
    if (purged > 0) console.info(`[jobs] publications.purge-trash: ${purged} removed from the trash for good`);
  },
});
