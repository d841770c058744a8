/**
 * `npm run media:read-pdfs [-- --again]`: reads the text of the media library's PDFs that
 * have none yet into search (lib/media/pdf-text.ts), as the hourly job does, but all of
 * them at once; `--again` reads every PDF again (after installing a newer pdftotext).
 * Needs pdftotext (Debian's poppler-utils). A running server's cached search pages show
 * the new matches after their next change, or at once after a restart.
 */
import { parseArgs } from "node:util";
import { createDatabaseClient } from "@/lib/db-client";
import { readUnreadPdfs } from "@/lib/media/pdf-text";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";
import { siteEnvironment } from "./lib/site-environment";

const USAGE = "Usage: npm run media:read-pdfs [-- --again]";
/** PDFs read between two progress lines. */
const BATCH = 25;

runCommand(async () => {
  let again: boolean;
  try {
    again = parseArgs({ options: { again: { type: "boolean", default: false } } }).values.again;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const database = await useDatabase();
  await migrateDatabase(database.url);
  const { storage } = await siteEnvironment(database.url);
  const db = createDatabaseClient(database.url, { maxConnections: 2 });
  try {
    if (again) await db.media.updateMany({ where: { kind: "PDF" }, data: { textReadAt: null, textError: null } });
    let total = 0;
    for (;;) {
      const { read, unavailable } = await readUnreadPdfs(db, storage, { limit: BATCH });
      if (unavailable) {
        console.error("pdftotext is not installed: sudo apt-get install -y poppler-utils");
        return 1;
      }
      if (read === 0) break;
      total += read;
      console.log(`${total} PDFs read…`);
    }
    const failed = await db.media.count({ where: { kind: "PDF", textError: { not: null } } });
    console.log(`Read the text of ${total} PDFs${failed > 0 ? `; ${failed} in the library could not be read` : ""}.`);
  } finally {
    await db.$disconnect();
  }
});
