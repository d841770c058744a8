/**
 * The WordPress import from /admin/import, run in the background: the uploaded export is
 * imported (progress stored after every batch for the page's progress bar), the public
 * cache dropped, scheduled publications given their go-live job, the imported images'
 * renditions queued, and the upload removed.
 * Stopped by a server shutdown, it is queued again and resumes (the import is idempotent).
 */
import "server-only";
import fs from "node:fs/promises";
import { z } from "zod";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { makeRenditionsJob } from "@/lib/media/jobs";
import { publishDueJob } from "@/lib/publications/jobs";
import { runImport } from "./runs";

export const wordpressImportJob = defineJob({
  name: "wordpress.import",
  payload: z.object({ importId: z.number().int().positive() }),
  retryLimit: 2,
  retryDelaySeconds: 30,
  async run({ importId }, jobs) {
    const run = await db.wordPressImport.findUnique({
      where: { id: importId },
      select: { createdById: true, status: true, sourcePath: true },
    });
    if (!run || run.status === "finished" || run.status === "failed") return;
    const mediaUser = run.createdById
      ? await db.user.findUnique({
          where: { id: run.createdById },
          select: { id: true, email: true, name: true, role: true },
        })
      : null;
    const outcome = await runImport(db, importId, {
      signal: jobs.signal,
      mediaUser,
      imageHosts: env.CONTENT_IMAGE_HOSTS,
      allowLoopbackFetch: env.IMPORT_FETCH_ALLOW_LOOPBACK === "on",
    });
    if (outcome.ok && outcome.result.interrupted) {
      await jobs.enqueue(wordpressImportJob, { importId });
      return;
    }
    if (outcome.ok) {
      await invalidatePublicCache(outcome.change);
      // The imported images' renditions, made after the import rather than on its way.
      if (outcome.result.counts.media > 0) await jobs.enqueue(makeRenditionsJob, {});
      for (const { publicationId, at } of outcome.result.scheduled) {
        await jobs.enqueue(publishDueJob, { publicationId }, { startAfter: at });
      }
    }
    // The upload is not kept once it has been imported (or refused).
    if (run.sourcePath) await fs.rm(run.sourcePath, { force: true });
    await db.wordPressImport.update({ where: { id: importId }, data: { sourcePath: null } });
  },
});
