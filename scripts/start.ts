/**
 * `npm start`: the whole site on http://localhost:$PORT (3000 by default).
 * Starts the embedded database (unless DATABASE_URL is set), applies migrations, seeds the
 * demo archive into an empty database (only the first admin with QUIRE_DEMO_CONTENT=false),
 * builds when sources changed, then runs the site's server (server.ts).
 * `npm run dev` does the same in development mode (hot reload) and without a build.
 *
 * Stopping: Ctrl-C, SIGTERM to the process group, or SIGTERM to npm alone (which leaves
 * this process orphaned; scripts/lib/cli.ts notices) all stop the site first, letting it
 * finish requests and jobs, then the database this command started.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { onExit, runCommand, UsageError, useDatabase } from "./lib/cli";
import { seedDatabase } from "./lib/first-run";
import { migrateDatabase } from "./lib/migrate";
import { buildIfChanged, nextEnvironment, siteStopGraceMs, startSite } from "./lib/next-build";
import { stopChild } from "./lib/processes";
import { sessionSecret } from "./lib/secrets";

const portSchema = z.coerce.number().int().min(1).max(65535);

runCommand(async () => {
  const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
  const port = portSchema.safeParse(process.env.PORT ?? 3000);
  if (!port.success) throw new UsageError(`PORT must be a port number (1–65535), not "${process.env.PORT}".`);

  const startedAt = performance.now();
  const database = await useDatabase();
  await migrateDatabase(database.url);
  await seedDatabase(database.url, { onlyIfEmpty: true, demoContent: process.env.QUIRE_DEMO_CONTENT !== "false" });

  const siteUrl = process.env.SITE_URL || `http://localhost:${port.data}`;
  const env = nextEnvironment({
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: sessionSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || siteUrl,
    SITE_URL: siteUrl,
    PORT: String(port.data),
  });
  if (!values.dev) await buildIfChanged({ ...env, NODE_ENV: "production" });

  const server = startSite({ port: port.data, dev: values.dev }, env);
  onExit(() => stopChild(server, siteStopGraceMs(env)));
  console.log(
    `Quire is starting on ${siteUrl} (database, migrations, seed and build took ${((performance.now() - startedAt) / 1000).toFixed(1)} s).`,
  );
  return new Promise<number>((resolve) => server.once("exit", (code) => resolve(code ?? 0)));
});
