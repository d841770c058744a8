/**
 * `npm run search:reindex [-- --concurrency 2]`: builds a complete new search index while
 * the old one keeps answering, then swaps it in (lib/search/reindex.ts). Safe on a running
 * site: edits made meanwhile are carried over. After changing how search rows are made
 * (a migration's search_document_rows), or to compact an index grown by many edits.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { rebuildSearchIndex } from "@/lib/search/reindex";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";

const USAGE = "Usage: npm run search:reindex [-- --concurrency N]";
const argsSchema = z.object({ concurrency: z.coerce.number().int().min(1).max(16).default(1) });

runCommand(async () => {
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({ options: { concurrency: { type: "string" } } });
    args = argsSchema.parse(values);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const database = await useDatabase();
  await migrateDatabase(database.url);
  const report = await rebuildSearchIndex({
    connectionString: database.url,
    concurrency: args.concurrency,
    log: (line) => console.log(line),
  });
  const { seconds } = report;
  console.log(
    `Search index rebuilt: ${report.publications.toLocaleString("en-US")} publications in ${seconds.total.toFixed(1)} s ` +
      `(rows ${seconds.rows.toFixed(1)} s, indexes ${seconds.indexes.toFixed(1)} s, catching up and swapping ${seconds.swap.toFixed(1)} s, ` +
      `vocabulary ${seconds.vocabulary.toFixed(1)} s); ${report.replayed} changed meanwhile and carried over.`,
  );
});
