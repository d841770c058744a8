/**
 * `npm run import:quire -- FILE`: reads a full export (lib/export/quire-export.ts) into an
 * empty site. The archive is extracted to a temporary folder, its manifest and every row
 * validated (zod schemas built from the target's own columns), the media files put into
 * the storage, then every kind written in one transaction with COPY, in an order the
 * foreign keys accept, and the sequences moved past the imported ids. Any failure rolls
 * the database back untouched.
 *
 * Staff accounts are matched by email: one the site already has (its first admin) is used
 * as it is; others are created without a password, to be set through "Forgot your password?".
 */
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { once } from "node:events";
import { createGunzip } from "node:zlib";
import { from as copyFrom } from "pg-copy-streams";
import { z } from "zod";
import { unusablePasswordHash } from "@/lib/auth/password";
import type { MediaStorage } from "@/lib/media/storage";
import { BUILD_MISSING_SEARCH_DOCUMENTS_SQL, DEFER_SEARCH_DOCUMENTS_SQL } from "@/lib/search/maintenance";
import { copyLine, missingRequiredColumns, rowSchema } from "./columns";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_KINDS } from "./kinds";
import { restoreMediaFiles, MEDIA_PREFIX } from "./media-files";
import { temporaryFolder } from "./snapshot";
import {
  createPgClient,
  describeTables,
  FILLED_BY_MIGRATIONS,
  nonEmptyTables,
  quoteIdentifier,
  resetSequences,
} from "./tables";
import { ArchiveError, extractTar } from "./tar";

export class ImportError extends Error {}

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: "Not a Quire export (manifest.json names another format)" }),
  version: z
    .number()
    .int()
    .min(1)
    .max(EXPORT_FORMAT_VERSION, { error: "This export was made by a newer Quire: update this site first" }),
  createdAt: z.string(),
  kinds: z
    .array(
      z.object({
        kind: z.string().max(100),
        model: z.string().max(100),
        file: z.string().regex(/^data\/[a-z0-9-]+\.jsonl$/),
        count: z.number().int().min(0),
        columns: z.array(z.string().max(100)).max(500),
      }),
    )
    .max(500),
});

export type ImportReport = {
  counts: Record<string, number>;
  media: number;
  usersCreated: number;
  usersMatched: number;
};

/** Kinds imported row by row rather than by COPY: staff (matched by email) and settings (merged). */
const SPECIAL_MODELS = new Set(["User", "Setting"]);
const ARCHIVE_LIMITS = { maxBytes: 100 * 1024 ** 3, maxEntries: 10_000_000 };

export type ImportOptions = {
  databaseUrl: string;
  storage: MediaStorage;
  archivePath: string;
  temporaryParent: string;
  log?: (line: string) => void;
};

async function* jsonLines(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      throw new ImportError(`${path.basename(file)}, line ${line}: not valid JSON`);
    }
  }
}

function describeIssue(file: string, line: number, error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${file}, line ${line}: ${issue.path.join(".") || "row"}: ${issue.message}`;
}

export async function importQuireArchive(options: ImportOptions): Promise<ImportReport> {
  const log = options.log ?? (() => {});
  const work = await temporaryFolder(options.temporaryParent, "import");
  try {
    log("Reading the archive …");
    try {
      await extractTar(fs.createReadStream(options.archivePath).pipe(createGunzip()), work.path, ARCHIVE_LIMITS);
    } catch (error) {
      if (error instanceof ArchiveError) throw new ImportError(error.message);
      throw new ImportError(`Not a Quire export (${(error as Error).message})`);
    }
    let rawManifest: unknown;
    try {
      rawManifest = JSON.parse(await fsPromises.readFile(path.join(work.path, "manifest.json"), "utf8"));
    } catch {
      throw new ImportError("Not a Quire export: manifest.json is missing or not JSON");
    }
    const parsedManifest = manifestSchema.safeParse(rawManifest);
    if (!parsedManifest.success) throw new ImportError(`manifest.json: ${parsedManifest.error.issues[0]!.message}`);
    const manifest = parsedManifest.data;
    const knownModels = new Set(EXPORT_KINDS.map((kind) => kind.model));

    const client = createPgClient(options.databaseUrl);
    client.on("error", () => {});
    await client.connect();
    const report: ImportReport = { counts: {}, media: 0, usersCreated: 0, usersMatched: 0 };
    try {
      const tables = await describeTables(client);
      for (const entry of manifest.kinds) {
        const table = tables.get(entry.model);
        if (!knownModels.has(entry.model) || !table)
          throw new ImportError(`The export holds ${entry.kind} (${entry.model}), which this site does not know`);
        const unknown = entry.columns.filter((name) => !table.columns.some((column) => column.name === name));
        if (unknown.length > 0)
          throw new ImportError(`${entry.file}: columns this site does not have: ${unknown.join(", ")}`);
        const missing = SPECIAL_MODELS.has(entry.model) ? [] : missingRequiredColumns(table, entry.columns);
        if (missing.length > 0) throw new ImportError(`${entry.file}: required columns missing: ${missing.join(", ")}`);
      }
      const occupied = await nonEmptyTables(
        client,
        manifest.kinds.map((entry) => entry.model).filter((model) => !SPECIAL_MODELS.has(model)),
      );
      if (occupied.length > 0)
        throw new ImportError(
          `This site is not empty (${occupied.join(", ")} hold rows): import into a new site, whose only rows are its staff accounts.`,
        );

      // Validate every row before writing anything, so a bad file names its line and changes nothing.
      for (const entry of manifest.kinds) {
        if (!fs.existsSync(path.join(work.path, entry.file)))
          throw new ImportError(`${entry.file} is missing from the archive (cut short?)`);
        const schema = rowSchema(tables.get(entry.model)!, entry.columns);
        let count = 0;
        for await (const { line, value } of jsonLines(path.join(work.path, entry.file))) {
          const parsed = schema.safeParse(value);
          if (!parsed.success) throw new ImportError(describeIssue(entry.file, line, parsed.error));
          count++;
        }
        if (count !== entry.count)
          throw new ImportError(`${entry.file}: ${count} rows, but the manifest says ${entry.count} (cut short?)`);
      }

      log("Copying media files …");
      report.media = await restoreMediaFiles(path.join(work.path, MEDIA_PREFIX), options.storage);

      await client.query("BEGIN");
      // Search rows are derived: built once at the end, rather than by the triggers after the
      // publications, again after their authors and again after their topics (lib/search/maintenance.ts).
      await client.query(DEFER_SEARCH_DOCUMENTS_SQL);
      const userIds = new Map<number, number>();
      for (const entry of manifest.kinds) {
        const table = tables.get(entry.model)!;
        const file = path.join(work.path, entry.file);
        log(`Importing ${entry.kind} (${entry.count}) …`);
        if (entry.model === "User") {
          for await (const { value } of jsonLines(file)) {
            const row = value as Record<string, unknown> & { id: number; email: string };
            const existing = await client.query<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [row.email]);
            if (existing.rows[0]) {
              userIds.set(row.id, existing.rows[0].id);
              report.usersMatched++;
              continue;
            }
            const columns = entry.columns.filter((name) => name !== "id");
            const values = columns.map((name) => row[name] ?? null);
            const created = await client.query<{ id: number }>(
              `INSERT INTO "User" (${[...columns, "passwordHash"].map(quoteIdentifier).join(", ")})
               VALUES (${[...columns, "passwordHash"].map((_, index) => `$${index + 1}`).join(", ")}) RETURNING id`,
              [...values, unusablePasswordHash()],
            );
            userIds.set(row.id, created.rows[0]!.id);
            report.usersCreated++;
          }
        } else if (entry.model === "Setting") {
          for await (const { value } of jsonLines(file)) {
            const row = value as { key: string; value: unknown };
            await client.query(
              `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
               ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
              [row.key, JSON.stringify(row.value)],
            );
          }
        } else {
          if (FILLED_BY_MIGRATIONS.has(entry.model)) await client.query(`DELETE FROM ${quoteIdentifier(entry.model)}`);
          const columns = entry.columns.map((name) => table.columns.find((column) => column.name === name)!);
          const copy = client.query(
            copyFrom(
              `COPY ${quoteIdentifier(entry.model)} (${entry.columns.map(quoteIdentifier).join(", ")}) FROM STDIN`,
            ),
          );
          const copied = new Promise<void>((resolve, reject) => {
            copy.on("finish", resolve);
            copy.on("error", reject);
          });
          for await (const { value } of jsonLines(file)) {
            const row = value as Record<string, unknown>;
            for (const column of table.userColumns) {
              if (typeof row[column] === "number") row[column] = userIds.get(row[column]) ?? null;
            }
            if (!copy.write(copyLine(row, columns))) await once(copy, "drain");
          }
          copy.end();
          await copied;
        }
        report.counts[entry.kind] = entry.count;
      }
      log("Building the search index …");
      for (;;) {
        const built = await client.query<{ built: number }>(BUILD_MISSING_SEARCH_DOCUMENTS_SQL);
        if (Number(built.rows[0]?.built ?? 0) === 0) break;
      }
      await resetSequences(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if (error instanceof Error && "code" in error && typeof (error as { code: unknown }).code === "string")
        throw new ImportError(`The database refused the import: ${error.message}`);
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
    return report;
  } finally {
    await work.remove();
  }
}
