/**
 * `npm run restore -- FILE [--force]`: rebuilds the site from a backup (npm run backup)
 * into an empty database and data folder; `--force` replaces what they hold
 * (lib/backup/restore.ts). An encrypted backup needs QUIRE_BACKUP_PASSPHRASE.
 * `npm run restore -- --from-s3 NAME` reads the backup of that name from BACKUP_S3_BUCKET.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isBackupFileName } from "@/lib/backup/files";
import { fetchOffsiteBackup } from "@/lib/backup/offsite";
import { RestoreError, restoreBackup } from "@/lib/backup/restore";
import { DATA_DIR } from "@/lib/data-dir";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { localMigrations, migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

/** The downloaded copy goes with the command, however it ends. */
function cleanUpOnExit(folder: string): void {
  process.once("exit", () => fs.rmSync(folder, { recursive: true, force: true }));
}

const USAGE = "Usage: npm run restore -- FILE [--force]   or   npm run restore -- --from-s3 NAME [--force]";

runCommand(async () => {
  let values, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: { force: { type: "boolean" }, "from-s3": { type: "string" } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const fromBucket = values["from-s3"];
  if (fromBucket === undefined ? positionals.length !== 1 : positionals.length !== 0) throw new UsageError(USAGE);
  if (fromBucket !== undefined && !isBackupFileName(fromBucket))
    throw new UsageError(`Not a backup's name: ${fromBucket} (such as quire-backup-2026-12-04T0300Z.tar.gz)`);

  const database = await useDatabase();
  const environment = await siteEnvironment(database.url);
  let archivePath: string;
  if (fromBucket !== undefined) {
    if (!environment.backupBucket)
      throw new UsageError(
        "--from-s3 needs BACKUP_S3_BUCKET (and its endpoint, region and keys: BACKUP_S3_ or S3_ variables).",
      );
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "quire-restore-"));
    cleanUpOnExit(folder);
    archivePath = path.join(folder, fromBucket);
    if (!(await fetchOffsiteBackup(environment.backupBucket, fromBucket, archivePath)))
      throw new UsageError(`The bucket ${process.env.BACKUP_S3_BUCKET} holds no backup named ${fromBucket}.`);
  } else {
    archivePath = path.resolve(positionals[0]!);
    if (!fs.existsSync(archivePath) || !fs.statSync(archivePath).isFile())
      throw new UsageError(`No such file: ${archivePath}`);
  }

  const started = Date.now();
  try {
    const report = await restoreBackup({
      databaseUrl: database.url,
      storage: environment.storage,
      dataDir: DATA_DIR,
      archivePath,
      passphrase: environment.backupPassphrase,
      force: values.force ?? false,
      knownMigrations: localMigrations(),
      migrate: migrateDatabase,
      log: (line) => console.log(line),
    });
    console.log(
      `Restored the backup of ${report.createdAt}: ${report.tables} tables, ${report.rows} rows, ${report.media} media files, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    if (error instanceof RestoreError) throw new UsageError(`Nothing was restored: ${error.message}`);
    throw error;
  }
});
