/**
 * The media library's background work: images' renditions left for later by an import, and
 * PDFs' text for search.
 *
 * Reads the PDFs of the media library whose text is not read yet (lib/media/pdf-text.ts):
 * those uploaded before search read PDFs, while pdftotext was missing, or brought in by
 * import:quire. Uploads read their own at once; this hourly job catches the rest, a batch
 * at a time, one batch after another while there are more.
 */
import "server-only";
import { z } from "zod";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/definition";
import { log } from "@/lib/log";
import { mediaStorage } from "./configured-storage";
import { readUnreadPdfs } from "./pdf-text";
import { makePendingRenditions } from "./renditions";
import { MAX_IMAGE_PIXELS } from "./upload";

/** PDFs one run reads; the next run takes the rest. */
const BATCH = 50;

export const readPdfTextsJob = defineJob({
  name: "media.read-pdf-texts",
  payload: z.object({}),
  retryLimit: 2,
  retryDelaySeconds: 300,
  onePending: true,
  cron: "23 * * * *",
  async run(_payload, { signal, enqueue }) {
    const { read } = await readUnreadPdfs(db, mediaStorage, { limit: BATCH, signal });
    if (read === 0) return;
    log.info({ job: "media.read-pdf-texts", read }, `The text of ${read} PDFs read for search`);
    // Publications attaching them may now be found by other words.
    await invalidatePublicCache({ search: true });
    // A full batch may have left more (an imported library): the next one at once.
    if (read === BATCH) await enqueue(readPdfTextsJob, {});
  },
});

/** Images one run gives their renditions (about a second of work each at most); the next run takes the rest. */
const RENDITIONS_BATCH = 20;

/**
 * Makes the renditions of images stored without them (renditions.ts): queued by the
 * WordPress import when it ends, and every minute for those an import from the command line
 * left (it has no workers of its own). A full batch queues the next at once.
 */
export const makeRenditionsJob = defineJob({
  name: "media.make-renditions",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 60,
  onePending: true,
  cron: "* * * * *",
  async run(_payload, { signal, enqueue }) {
    const { made, change } = await makePendingRenditions(db, mediaStorage, {
      limit: RENDITIONS_BATCH,
      limitInputPixels: MAX_IMAGE_PIXELS,
      signal,
    });
    if (made === 0) return;
    log.info({ job: "media.make-renditions", made }, `Renditions made for ${made} images`);
    await invalidatePublicCache(change);
    if (made === RENDITIONS_BATCH) await enqueue(makeRenditionsJob, {});
  },
});
