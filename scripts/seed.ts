/**
 * `npm run seed [-- --count 100000]`: writes the demo archive (6,262 publications by
 * default) and the first admin. Safe to run again: only what is missing is added.
 * `--only-if-empty` leaves a database that has publications alone; `--admin-only` skips
 * the demo archive (a real deployment).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { seedDatabase } from "./lib/first-run";
import { migrateDatabase } from "./lib/migrate";

const countSchema = z.coerce
  .number({ error: "--count must be a number" })
  .int("--count must be a whole number")
  .min(1, "--count must be at least 1")
  .max(5_000_000, "--count is at most 5,000,000");

runCommand(async () => {
  const { values } = parseArgs({
    options: { count: { type: "string" }, "only-if-empty": { type: "boolean" }, "admin-only": { type: "boolean" } },
  });
  const count = values.count === undefined ? undefined : countSchema.safeParse(values.count);
  if (count && !count.success) throw new UsageError(count.error.issues[0]!.message);

  const database = await useDatabase();
  await migrateDatabase(database.url);
  await seedDatabase(database.url, {
    count: count?.data,
    onlyIfEmpty: values["only-if-empty"],
    demoContent: !values["admin-only"],
  });
});
