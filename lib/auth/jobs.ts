/**
 * The audit log's retention, applied daily: entries older than the retention an admin set
 * on /admin/settings, anonymous sign-in counts as old, and signed-out sessions whose JWT
 * has expired since are deleted (lib/auth/audit-log.ts).
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/definition";
import { pruneAuditLog } from "./audit-log";
import { log } from "@/lib/log";

export const auditRetentionJob = defineJob({
  name: "auth.audit-retention",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 300,
  cron: "41 3 * * *",
  async run() {
    const pruned = await pruneAuditLog(db);
    const total = pruned.auditEntries + pruned.anonymousEventHours + pruned.revokedSessions;
    if (total > 0)
      log.info(
        { job: "auth.audit-retention", ...pruned },
        `${pruned.auditEntries} audit entries, ${pruned.anonymousEventHours} hourly counts and ${pruned.revokedSessions} signed-out sessions removed`,
      );
  },
});
