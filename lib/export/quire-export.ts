/**
 * The full export (docs/export-format.md): a .tar.gz holding manifest.json, one JSON Lines
 * file per kind (lib/export/kinds.ts) read from one snapshot of the database, and the
 * media files. Credentials are never read: the kinds name the columns they leave out.
 * `npm run export` and GET /admin/export/download both write it.
 */
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type pg from "pg";
import type { MediaStorage } from "@/lib/media/storage";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_KINDS, LEFT_OUT, SECRET_SETTING, type ExportKind } from "./kinds";
import { archiveMediaFiles, type MediaCopyReport } from "./media-files";
import { mediaKeys, temporaryFolder, withSnapshot } from "./snapshot";
import { dependencyOrder, describeTables, quoteIdentifier, type Table } from "./tables";
import { TarWriter } from "./tar";

const FETCH_ROWS = 1000;

export type ExportManifest = {
  format: typeof EXPORT_FORMAT;
  version: number;
  createdAt: string;
  site: { name: string; url: string };
  kinds: Array<{ kind: string; model: string; file: string; count: number; columns: string[] }>;
  /** Media files the library names (each at media/<storage key>; one missing from storage is left out). */
  media: { files: number };
  leftOut: Record<string, string>;
};

export type ExportSource = {
  databaseUrl: string;
  storage: MediaStorage;
  site: { name: string; url: string };
  /** Where to spool the JSON Lines files while the snapshot is read (QUIRE_DATA_DIR/tmp). */
  temporaryParent: string;
};

type SpooledKind = ExportManifest["kinds"][number] & { spoolPath: string };

/** Streams one table's rows, in primary-key order, to a JSON Lines file; returns the count. */
async function spoolTable(
  client: pg.Client,
  table: Table,
  kind: ExportKind,
  file: string,
  onRow?: (row: Record<string, unknown>) => void,
): Promise<{ count: number; columns: string[] }> {
  const omitted = new Set(kind.omit ?? []);
  const columns = table.columns.map((column) => column.name).filter((name) => !omitted.has(name));
  const order = (table.primaryKey.length > 0 ? table.primaryKey : columns).map(quoteIdentifier).join(", ");
  const cursor = `export_${table.name.toLowerCase()}`;
  await client.query(
    `DECLARE ${quoteIdentifier(cursor)} NO SCROLL CURSOR FOR SELECT ${columns.map(quoteIdentifier).join(", ")} FROM ${quoteIdentifier(table.name)} ORDER BY ${order}`,
  );
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let count = 0;
  try {
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(
        `FETCH ${FETCH_ROWS} FROM ${quoteIdentifier(cursor)}`,
      );
      if (rows.length === 0) break;
      let text = "";
      for (const row of rows) {
        if (kind.model === "Setting" && SECRET_SETTING.test(String(row.key))) continue;
        onRow?.(row);
        text += `${JSON.stringify(row)}\n`;
        count++;
      }
      if (!out.write(text)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
    await client.query(`CLOSE ${quoteIdentifier(cursor)}`);
  }
  return { count, columns };
}

/** The kinds whose tables exist, in an order their foreign keys accept on import. */
function kindsInOrder(tables: Map<string, Table>): ExportKind[] {
  const byModel = new Map(EXPORT_KINDS.filter((kind) => tables.has(kind.model)).map((kind) => [kind.model, kind]));
  return dependencyOrder(tables, byModel.keys()).map((model) => byModel.get(model)!);
}

/**
 * Writes the export to `out` (a file, or a download's body) and ends it. The database is
 * read first, in one snapshot, into JSON Lines files; then the archive is written.
 */
export async function writeQuireExport(
  source: ExportSource,
  out: Writable,
): Promise<ExportManifest & { mediaCopied: MediaCopyReport }> {
  const spool = await temporaryFolder(source.temporaryParent, "export");
  try {
    const { kinds, keys } = await withSnapshot(source.databaseUrl, async (client) => {
      const tables = await describeTables(client);
      const spooled: SpooledKind[] = [];
      for (const kind of kindsInOrder(tables)) {
        const file = `data/${kind.kind}.jsonl`;
        const spoolPath = path.join(spool.path, `${kind.kind}.jsonl`);
        const { count, columns } = await spoolTable(client, tables.get(kind.model)!, kind, spoolPath);
        spooled.push({ kind: kind.kind, model: kind.model, file, count, columns, spoolPath });
      }
      return { kinds: spooled, keys: await mediaKeys(client) };
    });

    const gzip = createGzip();
    const written = pipeline(gzip, out);
    written.catch(() => {}); // seen by the writer as a closed destination, and awaited below
    const writer = new TarWriter(gzip);
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      site: source.site,
      kinds: kinds.map(({ kind, model, file, count, columns }) => ({ kind, model, file, count, columns })),
      media: { files: keys.length },
      leftOut: { ...LEFT_OUT },
    };
    await writer.addBuffer("manifest.json", JSON.stringify(manifest, null, 2));
    for (const kind of kinds) await writer.addFile(kind.file, kind.spoolPath);
    const media: MediaCopyReport = await archiveMediaFiles(writer, source.storage, keys, spool.path);
    await writer.finish();
    await written;
    return { ...manifest, mediaCopied: media };
  } finally {
    await spool.remove();
  }
}
