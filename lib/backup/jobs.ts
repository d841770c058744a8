/** The scheduled backup: every hour, a look at the schedule an admin set (schedule.ts). */
import "server-only";
import { z } from "zod";
import { DATA_DIR } from "@/lib/data-dir";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/definition";
import { mediaStorage } from "@/lib/media/configured-storage";
import { backupBucketForEnvironment } from "./offsite";
import { runScheduledBackup } from "./schedule";
import { log } from "@/lib/log";

export const scheduledBackupJob = defineJob({
  name: "backup.scheduled",
  payload: z.object({}),
  retryLimit: 1,
  retryDelaySeconds: 600,
  cron: "5 * * * *",
  async run() {
    const run = await runScheduledBackup({
      database: db,
      databaseUrl: env.DATABASE_URL,
      storage: mediaStorage,
      dataDir: DATA_DIR,
      passphrase: env.QUIRE_BACKUP_PASSPHRASE,
      offsite: backupBucketForEnvironment(env),
    });
    if (run?.error) log.error({ job: "backup.scheduled" }, `Scheduled backup failed: ${run.error}`);
    else if (run)
      log.info(
        { job: "backup.scheduled", file: run.file, bytes: run.bytes, deleted: run.deleted, offsite: run.offsite },
        `Wrote ${run.file} (${run.bytes} bytes), deleted ${run.deleted}`,
      );
  },
});
