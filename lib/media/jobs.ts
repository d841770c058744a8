/**
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
