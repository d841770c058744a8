/**
 * `npm run import:quire -- FILE`: reads a full export (npm run export, /admin/export) into
 * this site, which must be empty apart from its staff accounts (lib/export/quire-import.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DATA_DIR } from "@/lib/data-dir";
import { ImportError, importQuireArchive } from "@/lib/export/quire-import";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

const USAGE = "Usage: npm run import:quire -- FILE (a .tar.gz written by npm run export or /admin/export)";

runCommand(async () => {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ allowPositionals: true, options: {} }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const archivePath = path.resolve(positionals[0]!);
  if (!fs.existsSync(archivePath) || !fs.statSync(archivePath).isFile())
    throw new UsageError(`No such file: ${archivePath}`);

  const database = await useDatabase();
  await migrateDatabase(database.url);
  const environment = await siteEnvironment(database.url);
  const started = Date.now();
  try {
    const report = await importQuireArchive({
      databaseUrl: database.url,
      storage: environment.storage,
      archivePath,
      temporaryParent: path.join(DATA_DIR, "tmp"),
      log: (line) => console.log(line),
    });
    for (const [kind, count] of Object.entries(report.counts)) console.log(`  ${kind.padEnd(22)} ${count}`);
    console.log(`  ${"media files".padEnd(22)} ${report.media}`);
    console.log(
      `Imported in ${((Date.now() - started) / 1000).toFixed(1)} s. Staff accounts: ${report.usersMatched} matched by email, ${report.usersCreated} created without a password (they use "Forgot your password?" on /login).`,
    );
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(`Nothing was imported: ${error.message}`);
    throw error;
  }
});
