/**
 * `npm run backup [-- --out FILE] [--encrypt]`: a consistent snapshot of the running
 * site (every table, the media files, the generated secret) in one archive readable only
 * by its owner; `--encrypt` encrypts it with QUIRE_BACKUP_PASSPHRASE (lib/backup/backup.ts).
 * With BACKUP_S3_BUCKET set, the archive is also copied to that bucket (lib/backup/offsite.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { backupFileName } from "@/lib/backup/files";
import { writeBackup } from "@/lib/backup/backup";
import { copyBackupOffsite } from "@/lib/backup/offsite";
import { DATA_DIR } from "@/lib/data-dir";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

const USAGE = "Usage: npm run backup [-- --out FILE] [--encrypt]   (--encrypt needs QUIRE_BACKUP_PASSPHRASE)";

const argumentsSchema = z.object({
  out: z.string().min(1, "--out needs a file name").optional(),
  encrypt: z.boolean().default(false),
});

runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, encrypt: { type: "boolean" } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]!.message}\n${USAGE}`);

  const database = await useDatabase();
  await migrateDatabase(database.url);
  const environment = await siteEnvironment(database.url);
  if (parsed.data.encrypt && !environment.backupPassphrase)
    throw new UsageError("--encrypt needs the passphrase in QUIRE_BACKUP_PASSPHRASE (12 characters or more).");
  const outFile = path.resolve(parsed.data.out ?? backupFileName(new Date(), parsed.data.encrypt));
  const started = Date.now();
  const summary = await writeBackup({
    databaseUrl: database.url,
    storage: environment.storage,
    dataDir: DATA_DIR,
    outFile,
    passphrase: parsed.data.encrypt ? environment.backupPassphrase : undefined,
  });
  const rows = summary.manifest.tables.reduce((total, table) => total + table.rows, 0);
  console.log(
    `Wrote ${summary.file} (${summary.bytes} bytes${summary.encrypted ? ", encrypted" : ""}, readable by its owner only): ` +
      `${summary.manifest.tables.length} tables, ${rows} rows, ${summary.mediaCopied.files} media files, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (environment.backupBucket) {
    const key = await copyBackupOffsite(environment.backupBucket, summary.file);
    console.log(`Copied it to the bucket ${process.env.BACKUP_S3_BUCKET} as ${key}.`);
  }
  if (summary.mediaCopied.missing.length > 0)
    console.log(`${summary.mediaCopied.missing.length} media files named by the library were not found in storage.`);
});
