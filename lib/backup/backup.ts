/**
 * `npm run backup` and the scheduled backup job: one .tar.gz (optionally encrypted, see
 * encryption.ts), readable only by its owner (mode 0600), holding
 *
 *   manifest.json           format, PostgreSQL version, applied migrations, tables with their columns and row counts
 *   tables/<Table>.copy     every table of the app's schema, in COPY's text format
 *   media/<storage key>     every media file the Media rows name (local disk or S3)
 *   data/nextauth-secret    the generated secret, when NEXTAUTH_SECRET is not set (it signs sessions and encrypts second factors)
 *
 * The tables are read in one read-only REPEATABLE READ transaction with COPY … TO STDOUT:
 * a consistent logical snapshot taken while the site runs, which any PostgreSQL from 13 on
 * takes back (README, "Backup and restore": why not pg_dump or a copy of the data folder).
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { to as copyTo } from "pg-copy-streams";
import type { MediaStorage } from "@/lib/media/storage";
import { archiveMediaFiles, type MediaCopyReport } from "@/lib/export/media-files";
import { mediaKeys, temporaryFolder, withSnapshot } from "@/lib/export/snapshot";
import { describeTables, MIGRATIONS_TABLE, quoteIdentifier } from "@/lib/export/tables";
import { TarWriter } from "@/lib/export/tar";
import { createEncryption } from "./encryption";

export const BACKUP_FORMAT = "quire-backup";
export const BACKUP_FORMAT_VERSION = 1;
/** Files of .data/ a site cannot do without, copied as data/<name>. */
export const DATA_FILES = ["nextauth-secret"] as const;

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  postgres: string;
  migrations: string[];
  tables: Array<{ name: string; file: string; columns: string[]; rows: number }>;
  /** Media files the library names (each at media/<storage key>; one missing from storage is left out). */
  media: { files: number };
  dataFiles: string[];
};

export type BackupOptions = {
  databaseUrl: string;
  storage: MediaStorage;
  /** QUIRE_DATA_DIR: where the generated secret lives, and the temporary folder. */
  dataDir: string;
  /** The archive to write (replaced if it exists). */
  outFile: string;
  /** Encrypts the archive with this passphrase. */
  passphrase?: string;
};

export type BackupSummary = {
  file: string;
  bytes: number;
  encrypted: boolean;
  manifest: BackupManifest;
  mediaCopied: MediaCopyReport;
};

export async function writeBackup(options: BackupOptions): Promise<BackupSummary> {
  const spool = await temporaryFolder(path.join(options.dataDir, "tmp"), "backup");
  const partial = `${options.outFile}.partial`;
  try {
    const snapshot = await withSnapshot(options.databaseUrl, async (client) => {
      const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
      const { rows: migrations } = await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM ${MIGRATIONS_TABLE} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      const tables = await describeTables(client);
      const copied: BackupManifest["tables"] = [];
      for (const table of [...tables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        if (table.name === MIGRATIONS_TABLE) continue;
        const columns = table.columns.map((column) => column.name);
        const file = `tables/${table.name}.copy`;
        const stream = client.query(
          copyTo(`COPY ${quoteIdentifier(table.name)} (${columns.map(quoteIdentifier).join(", ")}) TO STDOUT`),
        );
        await pipeline(stream, fs.createWriteStream(path.join(spool.path, `${table.name}.copy`), { mode: 0o600 }));
        copied.push({ name: table.name, file, columns, rows: stream.rowCount ?? 0 });
      }
      return {
        postgres: version[0]!.server_version,
        migrations: migrations.map((row) => row.name),
        tables: copied,
        keys: await mediaKeys(client),
      };
    });

    const dataFiles = DATA_FILES.filter((name) => fs.existsSync(path.join(options.dataDir, name)));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      postgres: snapshot.postgres,
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      media: { files: snapshot.keys.length },
      dataFiles,
    };

    // Created readable by its owner only: the archive holds password hashes and the secret.
    await fsPromises.mkdir(path.dirname(path.resolve(options.outFile)), { recursive: true });
    await fsPromises.rm(partial, { force: true });
    const file = fs.createWriteStream(partial, { mode: 0o600 });
    const gzip = createGzip();
    let written: Promise<void>;
    if (options.passphrase) {
      const { header, cipher } = await createEncryption(options.passphrase);
      file.write(header);
      // The tag exists once the cipher has finished: it is the file's last 16 bytes.
      const appendTag = new Transform({
        transform: (chunk, _encoding, done) => done(null, chunk),
        flush(done) {
          this.push(cipher.getAuthTag());
          done();
        },
      });
      written = pipeline(gzip, cipher, appendTag, file);
    } else {
      written = pipeline(gzip, file);
    }
    written.catch(() => {});
    const writer = new TarWriter(gzip);
    await writer.addBuffer("manifest.json", JSON.stringify(manifest, null, 2));
    for (const table of snapshot.tables) await writer.addFile(table.file, path.join(spool.path, `${table.name}.copy`));
    const media = await archiveMediaFiles(writer, options.storage, snapshot.keys, spool.path);
    for (const name of dataFiles) await writer.addFile(`data/${name}`, path.join(options.dataDir, name));
    await writer.finish();
    await written;
    await fsPromises.chmod(partial, 0o600);
    await fsPromises.rename(partial, options.outFile);
    const { size } = await fsPromises.stat(options.outFile);
    return {
      file: options.outFile,
      bytes: size,
      encrypted: Boolean(options.passphrase),
      manifest,
      mediaCopied: media,
    };
  } catch (error) {
    await fsPromises.rm(partial, { force: true });
    throw error;
  } finally {
    await spool.remove();
  }
}
