/** The scheduled backups' settings on /admin/settings. */
import { z } from "zod";

export const DEFAULT_BACKUP_SCHEDULE = { enabled: false, hour: 3, keep: 7 } as const;
export const MAX_BACKUPS_KEPT = 365;

export const backupScheduleSchema = z.object({
  /** A checkbox: "on" when ticked, absent otherwise. */
  enabled: z.preprocess((value) => value === true || value === "on", z.boolean()),
  hour: z.coerce
    .number({ error: "Enter an hour from 0 to 23" })
    .int("Enter a whole hour from 0 to 23")
    .min(0, "Enter an hour from 0 to 23")
    .max(23, "Enter an hour from 0 to 23"),
  keep: z.coerce
    .number({ error: "Enter how many backups to keep" })
    .int("Enter a whole number of backups")
    .min(1, "Keep at least 1 backup")
    .max(MAX_BACKUPS_KEPT, `Keep at most ${MAX_BACKUPS_KEPT} backups`),
});

export type BackupSchedule = z.infer<typeof backupScheduleSchema>;
