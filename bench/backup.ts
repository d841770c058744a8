/**
 * Backup and restore (and the full export and its import) on demo archives: time and
 * archive size, printed as a table. Each archive is seeded into a scratch database with
 * its media files in a scratch data folder; restores and imports go into fresh databases.
 *
 *   npx tsx bench/backup.ts [--counts 6262,100000] [--skip-export]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { dropDatabase, recreateDatabase } from "../scripts/lib/database";
import { localMigrations, migrateDatabase } from "../scripts/lib/migrate";

const argsSchema = z.object({
  counts: z
    .string()
    .default("6262")
    .transform((value) => value.split(",").map((part) => Number(part.trim())))
    .pipe(z.array(z.number().int().min(1).max(1_000_000)).min(1)),
  /** Only backup and restore (the export and import:quire take longest on large archives). */
  skipExport: z.boolean().default(false),
});

type Row = { archive: string; step: string; seconds: number; bytes?: number; note?: string };

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

runCommand(async () => {
  const { values } = parseArgs({ options: { counts: { type: "string" }, "skip-export": { type: "boolean" } } });
  const args = argsSchema.parse({ counts: values.counts, skipExport: values["skip-export"] });
  // The demo media files go to a scratch data folder, read when the storage module loads.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bench-backup-"));
  process.env.QUIRE_DATA_DIR = dataDir;
  const { seedDemoArchive } = await import("@/scripts/demo/seed-database");
  const { localDiskStorage } = await import("@/lib/media/storage");
  const { writeBackup } = await import("@/lib/backup/backup");
  const { restoreBackup } = await import("@/lib/backup/restore");
  const { writeQuireExport } = await import("@/lib/export/quire-export");
  const { importQuireArchive } = await import("@/lib/export/quire-import");

  const server = await useDatabase();
  const rows: Row[] = [];
  const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, (performance.now() - started) / 1000];
  };
  const scratch = async (name: string, migrate: boolean) => {
    await recreateDatabase(server.url, name);
    const url = withDatabase(server.url, name);
    if (migrate) await migrateDatabase(url);
    return url;
  };

  try {
    for (const count of args.counts) {
      const label = `${count.toLocaleString("en-US")} publications`;
      console.log(`Seeding ${label} …`);
      const sourceUrl = await scratch("quire_bench_backup_source", true);
      await seedDemoArchive(sourceUrl, { count });
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bench-archives-"));

      for (const passphrase of [undefined, "a bench passphrase"]) {
        const file = path.join(out, passphrase ? "backup.tar.gz.enc" : "backup.tar.gz");
        const [summary, seconds] = await time(() =>
          writeBackup({ databaseUrl: sourceUrl, storage: localDiskStorage, dataDir, outFile: file, passphrase }),
        );
        const rowCount = summary.manifest.tables.reduce((total, table) => total + table.rows, 0);
        rows.push({
          archive: label,
          step: passphrase ? "backup, encrypted" : "backup",
          seconds,
          bytes: summary.bytes,
          note: `${rowCount.toLocaleString("en-US")} rows, ${summary.mediaCopied.files} media files`,
        });
        const targetUrl = await scratch("quire_bench_backup_target", false);
        let migrationSeconds = 0;
        const [, restoreSeconds] = await time(() =>
          restoreBackup({
            databaseUrl: targetUrl,
            storage: localDiskStorage,
            dataDir,
            archivePath: file,
            passphrase,
            force: true, // the media folder is the source's own: written back in place
            knownMigrations: localMigrations(),
            migrate: async (url) => {
              migrationSeconds = (await time(() => migrateDatabase(url)))[1];
            },
          }),
        );
        rows.push({
          archive: label,
          step: passphrase ? "restore, encrypted" : "restore",
          seconds: restoreSeconds - migrationSeconds,
          note: `plus ${migrationSeconds.toFixed(1)} s applying the migrations to the empty database`,
        });
      }

      if (args.skipExport) {
        fs.rmSync(out, { recursive: true, force: true });
        continue;
      }
      const exportFile = path.join(out, "export.tar.gz");
      const [manifest, exportSeconds] = await time(() =>
        writeQuireExport(
          {
            databaseUrl: sourceUrl,
            storage: localDiskStorage,
            site: { name: "Bench", url: "http://localhost" },
            temporaryParent: path.join(dataDir, "tmp"),
          },
          fs.createWriteStream(exportFile),
        ),
      );
      rows.push({
        archive: label,
        step: "full export (JSON Lines)",
        seconds: exportSeconds,
        bytes: fs.statSync(exportFile).size,
        note: `${manifest.kinds.reduce((total, kind) => total + kind.count, 0).toLocaleString("en-US")} rows`,
      });
      const importUrl = await scratch("quire_bench_backup_import", true);
      const [, importSeconds] = await time(() =>
        importQuireArchive({
          databaseUrl: importUrl,
          storage: localDiskStorage,
          archivePath: exportFile,
          temporaryParent: path.join(dataDir, "tmp"),
        }),
      );
      rows.push({
        archive: label,
        step: "import:quire",
        seconds: importSeconds,
        note: "validation, COPY, search triggers",
      });
      fs.rmSync(out, { recursive: true, force: true });
    }
  } finally {
    for (const name of ["quire_bench_backup_source", "quire_bench_backup_target", "quire_bench_backup_import"])
      await dropDatabase(server.url, name).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("");
  console.log(`| archive | step | time | archive size | notes |`);
  console.log(`| --- | --- | ---: | ---: | --- |`);
  for (const row of rows)
    console.log(
      `| ${row.archive} | ${row.step} | ${row.seconds.toFixed(1)} s | ${row.bytes === undefined ? "" : mib(row.bytes)} | ${row.note ?? ""} |`,
    );
  console.log(`\npeak memory: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB resident (RSS at the end)`);
});
