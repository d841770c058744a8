/**
 * Scheduled backups: an admin turns them on at /admin/settings, with the hour (UTC) and
 * how many to keep. The hourly job (jobs.ts) takes one at that hour into
 * QUIRE_DATA_DIR/backups (encrypted when QUIRE_BACKUP_PASSPHRASE is set), copies it to
 * BACKUP_S3_BUCKET when set (offsite.ts), and deletes the oldest past the number kept, on
 * disk and in the bucket. The last run's outcome is shown on the settings page.
 */
import path from "node:path";
import type { DatabaseClient } from "@/lib/db-client";
import type { MediaStorage } from "@/lib/media/storage";
import { invalidInput, type Result } from "@/lib/result";
import { backupScheduleSchema, DEFAULT_BACKUP_SCHEDULE, type BackupSchedule } from "@/lib/validations/backup";
import { writeBackup } from "./backup";
import { backupFileName, listBackups, pruneBackups } from "./files";
import { copyBackupOffsite, removeOffsiteBackups } from "./offsite";

export const BACKUP_SCHEDULE_SETTING = "backup.schedule";
export const BACKUP_LAST_RUN_SETTING = "backup.lastRun";

export const backupFolder = (dataDir: string) => path.join(dataDir, "backups");

export async function loadBackupSchedule(database: Pick<DatabaseClient, "setting">): Promise<BackupSchedule> {
  const row = await database.setting.findUnique({ where: { key: BACKUP_SCHEDULE_SETTING } });
  const stored = backupScheduleSchema.safeParse(row?.value);
  return stored.success ? stored.data : { ...DEFAULT_BACKUP_SCHEDULE };
}

export type LastBackupRun = {
  at: string;
  file?: string;
  bytes?: number;
  error?: string;
  deleted?: number;
  /** The copy's key in BACKUP_S3_BUCKET, when one is configured. */
  offsite?: string;
};

export async function loadLastBackupRun(database: Pick<DatabaseClient, "setting">): Promise<LastBackupRun | null> {
  const row = await database.setting.findUnique({ where: { key: BACKUP_LAST_RUN_SETTING } });
  return row && typeof row.value === "object" && row.value !== null ? (row.value as LastBackupRun) : null;
}

/** The form on /admin/settings: validated, stored, and recorded in the same transaction. */
export async function saveBackupSchedule(database: DatabaseClient, raw: unknown, actorId: number): Promise<Result> {
  const parsed = backupScheduleSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const schedule = parsed.data;
  const before = await loadBackupSchedule(database);
  await database.$transaction([
    database.setting.upsert({
      where: { key: BACKUP_SCHEDULE_SETTING },
      create: { key: BACKUP_SCHEDULE_SETTING, value: schedule },
      update: { value: schedule },
    }),
    database.auditLog.create({
      data: {
        actorId,
        action: "settings.backup_schedule_update",
        entityType: "Setting",
        entityId: BACKUP_SCHEDULE_SETTING,
        details: { from: before, to: schedule },
      },
    }),
  ]);
  const hour = `${String(schedule.hour).padStart(2, "0")}:00 UTC`;
  return {
    ok: true,
    message: schedule.enabled
      ? `A backup is taken every day at ${hour}; the newest ${schedule.keep} are kept.`
      : "Scheduled backups are off.",
  };
}

export type ScheduledBackupContext = {
  database: DatabaseClient;
  databaseUrl: string;
  storage: MediaStorage;
  dataDir: string;
  passphrase?: string;
  /** BACKUP_S3_BUCKET's storage, when set: each backup is copied there too. */
  offsite?: MediaStorage | null;
  now?: Date;
};

/**
 * Takes the day's backup when the schedule is on, this is its hour and none was taken in
 * this hour yet; then keeps the newest N. Returns what it did (null: nothing due).
 */
export async function runScheduledBackup(context: ScheduledBackupContext): Promise<LastBackupRun | null> {
  const now = context.now ?? new Date();
  const schedule = await loadBackupSchedule(context.database);
  if (!schedule.enabled || now.getUTCHours() !== schedule.hour) return null;
  const folder = backupFolder(context.dataDir);
  const startOfHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const [latest] = await listBackups(folder);
  if (latest && latest.takenAt >= startOfHour) return null;

  let run: LastBackupRun;
  try {
    const summary = await writeBackup({
      databaseUrl: context.databaseUrl,
      storage: context.storage,
      dataDir: context.dataDir,
      outFile: path.join(folder, backupFileName(now, Boolean(context.passphrase))),
      passphrase: context.passphrase,
    });
    // Copied before pruning: a failed copy leaves the disk's older backups in place.
    const offsite = context.offsite ? await copyBackupOffsite(context.offsite, summary.file) : undefined;
    const deleted = await pruneBackups(folder, schedule.keep);
    if (context.offsite) await removeOffsiteBackups(context.offsite, deleted);
    run = {
      at: now.toISOString(),
      file: path.basename(summary.file),
      bytes: summary.bytes,
      deleted: deleted.length,
      ...(offsite && { offsite }),
    };
  } catch (error) {
    run = { at: now.toISOString(), error: error instanceof Error ? error.message : String(error) };
  }
  await context.database.setting.upsert({
    where: { key: BACKUP_LAST_RUN_SETTING },
    create: { key: BACKUP_LAST_RUN_SETTING, value: run },
    update: { value: run },
  });
  return run;
}
