/** Background jobs of the subscriber list (lib/workers.ts lists them). */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { loadMailSettings } from "@/lib/mail/settings";
import { processImportBatch } from "./import";
import { startImportedDoubleOptIn } from "./signup";

/** Works through an uploaded CSV batch by batch; a retried job resumes after the last committed batch. */
export const subscriberImportJob = defineJob({
  name: "subscribers.import",
  payload: z.object({ importId: z.number().int().positive() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  async run({ importId }) {
    const settings = await loadMailSettings(db, env.MAIL_FROM);
    const context = { blockedDomains: settings.blockedDomains, startDoubleOptIn: startImportedDoubleOptIn };
    while (!(await processImportBatch(db, importId, context))) {
      // Each batch is committed with its progress; the page shows processed / total meanwhile.
    }
  },
});
