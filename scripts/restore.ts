/**
 * `npm run restore -- FILE [--force]`: rebuilds the site from a backup (npm run backup)
 * into an empty database and data folder; `--force` replaces what they hold
 * (lib/backup/restore.ts). An encrypted backup needs QUIRE_BACKUP_PASSPHRASE.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { RestoreError, restoreBackup } from "@/lib/backup/restore";
import { DATA_DIR } from "@/lib/data-dir";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { localMigrations, migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

const USAGE = "Usage: npm run restore -- FILE [--force]";

runCommand(async () => {
  let values, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean" } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const archivePath = path.resolve(positionals[0]!);
  if (!fs.existsSync(archivePath) || !fs.statSync(archivePath).isFile())
    throw new UsageError(`No such file: ${archivePath}`);

  const database = await useDatabase();
  const environment = await siteEnvironment(database.url);
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
