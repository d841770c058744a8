/**
 * `npm run restore -- FILE [--force]`: rebuilds a site from a backup (backup.ts) into an
 * empty database and data folder. The archive is decrypted (when it is encrypted) and
 * extracted into a temporary folder first, so nothing is touched unless the whole file
 * reads back and, encrypted, authenticates. Then: the migrations run (the caller's), every
 * table is copied back with COPY … FROM STDIN in one transaction (foreign keys' order,
 * triggers off so derived tables come back exactly as they were), the sequences move past
 * the restored ids, and the media files and the generated secret go back in place.
 * A database or data folder holding anything is refused unless `force` is set, which
 * empties them first.
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { from as copyFrom } from "pg-copy-streams";
import { z } from "zod";
import type { MediaStorage } from "@/lib/media/storage";
import { restoreMediaFiles, MEDIA_PREFIX } from "@/lib/export/media-files";
import { temporaryFolder } from "@/lib/export/snapshot";
import {
  APP_SCHEMA,
  createPgClient,
  dependencyOrder,
  describeTables,
  MIGRATIONS_TABLE,
  nonEmptyTables,
  quoteIdentifier,
  resetSequences,
} from "@/lib/export/tables";
import { ArchiveError, extractTar } from "@/lib/export/tar";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DATA_FILES } from "./backup";
import { BackupDecryptionError, createDecryption, isEncryptedFile } from "./encryption";

export class RestoreError extends Error {}

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: "Not a Quire backup (manifest.json names another format)" }),
  version: z
    .number()
    .int()
    .min(1)
    .max(BACKUP_FORMAT_VERSION, { error: "This backup was made by a newer Quire: update this one first" }),
  createdAt: z.string(),
  postgres: z.string(),
  migrations: z.array(z.string().max(300)),
  tables: z.array(
    z.object({
      name: z.string().max(63),
      file: z.string().regex(/^tables\/[A-Za-z0-9_]+\.copy$/),
      columns: z.array(z.string().max(63)).min(1),
      rows: z.number().int().min(0),
    }),
  ),
  dataFiles: z.array(z.enum(DATA_FILES)),
});

export type RestoreOptions = {
  databaseUrl: string;
  storage: MediaStorage;
  dataDir: string;
  archivePath: string;
  passphrase?: string;
  force?: boolean;
  /** The migrations this code knows (prisma/migrations), and a function applying them. */
  knownMigrations: readonly string[];
  migrate: (databaseUrl: string) => Promise<void>;
  log?: (line: string) => void;
};

export type RestoreReport = { tables: number; rows: number; media: number; createdAt: string };

const ARCHIVE_LIMITS = { maxBytes: 200 * 1024 ** 3, maxEntries: 10_000_000 };

async function extract(options: RestoreOptions, folder: string): Promise<void> {
  const encrypted = await isEncryptedFile(options.archivePath);
  try {
    if (!encrypted) {
      await extractTar(fs.createReadStream(options.archivePath).pipe(createGunzip()), folder, ARCHIVE_LIMITS);
      return;
    }
    if (!options.passphrase)
      throw new RestoreError("This backup is encrypted: set QUIRE_BACKUP_PASSPHRASE to its passphrase.");
    const { decipher, start, end } = await createDecryption(options.archivePath, options.passphrase);
    const plain = fs.createReadStream(options.archivePath, { start, end }).pipe(decipher);
    // The tag is checked when the decipher ends: a wrong passphrase fails here, before anything is used.
    const authenticated = new Promise<void>((resolve, reject) => {
      plain.on("end", resolve);
      plain.on("error", reject);
    });
    const gunzip = createGunzip();
    const extracted = extractTar(gunzip, folder, ARCHIVE_LIMITS);
    const decompressed = pipeline(plain, gunzip);
    await Promise.all([authenticated, decompressed, extracted]);
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    if (encrypted && !(error instanceof ArchiveError))
      throw new RestoreError("The backup does not decrypt: a wrong passphrase, or the file was changed or cut short.");
    if (error instanceof ArchiveError || error instanceof BackupDecryptionError) throw new RestoreError(error.message);
    throw new RestoreError(`Not a Quire backup (${(error as Error).message})`);
  }
}

async function folderHoldsFiles(folder: string): Promise<boolean> {
  try {
    const entries = await fsPromises.readdir(folder, { recursive: true, withFileTypes: true });
    return entries.some((entry) => entry.isFile());
  } catch {
    return false;
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const log = options.log ?? (() => {});
  const work = await temporaryFolder(path.join(options.dataDir, "tmp"), "restore");
  try {
    log("Reading the backup …");
    await extract(options, work.path);
    let raw: unknown;
    try {
      raw = JSON.parse(await fsPromises.readFile(path.join(work.path, "manifest.json"), "utf8"));
    } catch {
      throw new RestoreError("Not a Quire backup: manifest.json is missing or not JSON");
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) throw new RestoreError(`manifest.json: ${parsed.error.issues[0]!.message}`);
    const manifest = parsed.data;
    const unknown = manifest.migrations.filter((name) => !options.knownMigrations.includes(name));
    if (unknown.length > 0)
      throw new RestoreError(
        `This backup was made by a newer Quire (migrations ${unknown.join(", ")} are not in this version): update first.`,
      );

    const localMedia = path.join(options.dataDir, "media");
    const secretFile = path.join(options.dataDir, "nextauth-secret");
    if (!options.force) {
      if (await folderHoldsFiles(localMedia))
        throw new RestoreError(`${localMedia} holds files: restore into an empty data folder, or add --force.`);
      if (
        manifest.dataFiles.includes("nextauth-secret") &&
        fs.existsSync(secretFile) &&
        !(await fsPromises.readFile(secretFile)).equals(
          await fsPromises.readFile(path.join(work.path, "data", "nextauth-secret")),
        )
      )
        throw new RestoreError(
          `${secretFile} holds another secret: restore into an empty data folder, or add --force.`,
        );
    }

    log("Applying migrations …");
    await options.migrate(options.databaseUrl);
    const client = createPgClient(options.databaseUrl);
    client.on("error", () => {});
    await client.connect();
    let rows = 0;
    try {
      const tables = await describeTables(client);
      const occupied = await nonEmptyTables(client, tables.keys());
      if (occupied.length > 0 && !options.force)
        throw new RestoreError(
          `The database is not empty (${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""} hold rows): restore into an empty database, or add --force to replace what it holds.`,
        );
      for (const entry of manifest.tables) {
        const table = tables.get(entry.name);
        if (!table) throw new RestoreError(`The backup holds a table this version does not have: ${entry.name}`);
        if (!fs.existsSync(path.join(work.path, entry.file)))
          throw new RestoreError(`${entry.file} is missing from the backup (cut short?)`);
        const missing = entry.columns.filter((name) => !table.columns.some((column) => column.name === name));
        if (missing.length > 0)
          throw new RestoreError(`${entry.name}: columns this version does not have: ${missing.join(", ")}`);
      }

      await client.query("BEGIN");
      // Also on an empty database: what its migrations wrote (FILLED_BY_MIGRATIONS) makes way for the backup's rows.
      const names = [...tables.keys()].filter((name) => name !== MIGRATIONS_TABLE);
      await client.query(
        `TRUNCATE ${names.map((name) => `${quoteIdentifier(APP_SCHEMA)}.${quoteIdentifier(name)}`).join(", ")} RESTART IDENTITY CASCADE`,
      );
      const byName = new Map(manifest.tables.map((entry) => [entry.name, entry]));
      for (const name of dependencyOrder(tables, byName.keys())) {
        const entry = byName.get(name)!;
        log(`Restoring ${name} (${entry.rows}) …`);
        // The rows come back exactly as they were: triggers that derive rows (search) stay off.
        await client.query(`ALTER TABLE ${quoteIdentifier(name)} DISABLE TRIGGER USER`);
        const copy = client.query(
          copyFrom(`COPY ${quoteIdentifier(name)} (${entry.columns.map(quoteIdentifier).join(", ")}) FROM STDIN`),
        );
        await pipeline(fs.createReadStream(path.join(work.path, entry.file)), copy);
        await client.query(`ALTER TABLE ${quoteIdentifier(name)} ENABLE TRIGGER USER`);
        rows += entry.rows;
      }
      await resetSequences(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if (error instanceof RestoreError) throw error;
      if (error instanceof Error && typeof (error as { code?: unknown }).code === "string")
        throw new RestoreError(`The database refused the restore: ${error.message}`);
      throw error;
    } finally {
      await client.end().catch(() => {});
    }

    log("Restoring media files …");
    if (options.force) await fsPromises.rm(localMedia, { recursive: true, force: true });
    const media = await restoreMediaFiles(path.join(work.path, MEDIA_PREFIX), options.storage);
    for (const name of manifest.dataFiles) {
      const target = path.join(options.dataDir, name);
      await fsPromises.mkdir(options.dataDir, { recursive: true });
      await fsPromises.copyFile(path.join(work.path, "data", name), target);
      await fsPromises.chmod(target, 0o600);
    }
    return { tables: manifest.tables.length, rows, media, createdAt: manifest.createdAt };
  } finally {
    await work.remove();
  }
}
