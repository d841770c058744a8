/** `npm run db:start`: runs the database (embedded unless DATABASE_URL is set) until Ctrl-C. */
import { runCommand, useDatabase } from "./lib/cli";
import { maskPassword } from "./lib/connection-url";
import { migrateDatabase } from "./lib/migrate";

runCommand(async () => {
  const database = await useDatabase();
  await migrateDatabase(database.url);
  console.log(`Database ready: ${maskPassword(database.url)}\nPress Ctrl-C to stop.`);
  // Runs until a signal arrives; the timer only keeps Node's event loop alive.
  await new Promise(() => setInterval(() => {}, 1 << 30));
});
