/**
 * `npm run export [-- --out FILE] [--format quire|wxr]`: the full export (a .tar.gz in
 * the documented JSON format, docs/export-format.md), or with `--format wxr` a WordPress
 * eXtended RSS 1.2 file. Read from one snapshot of the database; safe while the site runs.
 */
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DATA_DIR } from "@/lib/data-dir";
import { writeQuireExport } from "@/lib/export/quire-export";
import { writeWxr } from "@/lib/export/wxr";
import { formatIsoDate } from "@/lib/format/dates";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

const USAGE = "Usage: npm run export [-- --out FILE] [--format quire|wxr]";

const argumentsSchema = z.object({
  format: z.enum(["quire", "wxr"], { error: "--format is quire or wxr" }).default("quire"),
  out: z.string().min(1, "--out needs a file name").optional(),
});

runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, format: { type: "string" } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]!.message}\n${USAGE}`);
  const { format } = parsed.data;
  const out = path.resolve(
    parsed.data.out ?? `quire-export-${formatIsoDate(new Date())}.${format === "wxr" ? "xml" : "tar.gz"}`,
  );

  const database = await useDatabase();
  await migrateDatabase(database.url);
  const environment = await siteEnvironment(database.url);
  const started = Date.now();
  const file = fs.createWriteStream(out, { mode: 0o600 });
  if (format === "wxr") {
    const counts = await writeWxr({ databaseUrl: database.url, site: environment.site }, file);
    await finished(file);
    console.log(
      `Wrote ${counts.items} publications, ${counts.pages} pages and ${counts.attachments} attachments as WXR 1.2 to ${out}.`,
    );
  } else {
    const manifest = await writeQuireExport(
      {
        databaseUrl: database.url,
        storage: environment.storage,
        site: environment.site,
        temporaryParent: path.join(DATA_DIR, "tmp"),
      },
      file,
    );
    for (const kind of manifest.kinds) console.log(`  ${kind.kind.padEnd(22)} ${kind.count}`);
    console.log(`  ${"media files".padEnd(22)} ${manifest.mediaCopied.files}`);
    if (manifest.mediaCopied.missing.length > 0)
      console.log(
        `  (${manifest.mediaCopied.missing.length} media files named by the library were not found in storage)`,
      );
    console.log(`Wrote ${out} (${fs.statSync(out).size} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
});
