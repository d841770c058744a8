/**
 * `npm run build`: `next build` with a migrated database at hand (the embedded one unless
 * DATABASE_URL is set), as the home page is rendered at build time.
 */
import { runCommand, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";
import { build, nextEnvironment } from "./lib/next-build";

runCommand(async () => {
  const database = await useDatabase();
  await migrateDatabase(database.url);
  await build(nextEnvironment({ DATABASE_URL: database.url, NODE_ENV: "production" }));
});
