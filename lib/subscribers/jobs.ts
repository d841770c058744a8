/** Background jobs of the subscriber list (lib/workers.ts lists them). */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { loadMailSettings } from "@/lib/mail/settings";
import { processImportBatch } from "./import";
import { startImportedDoubleOptIn } from "./signup";
import { signupMailJob } from "./signup-mail";

export { signupMailJob };

/**
 * Works through an uploaded CSV batch by batch; a retried job resumes after the last
 * committed batch. Confirmation emails for rows imported without asserted consent are
 * queued with them and sent by signupMailJob, woken after each batch.
 */
export const subscriberImportJob = defineJob({
  name: "subscribers.import",
  payload: z.object({ importId: z.number().int().positive() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  async run({ importId }, jobs) {
    const settings = await loadMailSettings(db, env.MAIL_FROM);
    const context = { blockedDomains: settings.blockedDomains, startDoubleOptIn: startImportedDoubleOptIn };
    for (;;) {
      // Each batch is committed with its progress; the page shows processed / total meanwhile.
      const finished = await processImportBatch(db, importId, context);
      await jobs.enqueue(signupMailJob, {}, { singletonKey: "now" });
      if (finished) return;
    }
  },
});
