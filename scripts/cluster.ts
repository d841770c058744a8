/**
 * `npm run cluster [-- --instances N]`: the site as several app servers behind a front
 * cache, on this machine: the database (embedded unless DATABASE_URL is set, migrated and
 * seeded as `npm start` does), Redis, N app servers (2 by default) and Varnish in front on
 * PORT (8080 by default; the app servers on the ports after it, Redis on the next).
 * Writes the addresses to .data/cluster.json. Ctrl-C stops everything it started.
 * Needs Debian's redis-server, varnish and varnish-modules (it says which are missing).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { onExit, runCommand, UsageError, useDatabase } from "./lib/cli";
import { missingClusterPackages, missingPackagesMessage, startCluster } from "./lib/cluster";
import { DATA_DIR } from "./lib/database";
import { seedDatabase } from "./lib/first-run";
import { migrateDatabase } from "./lib/migrate";
import { buildIfChanged, nextEnvironment } from "./lib/next-build";
import { isPortFree } from "./lib/processes";
import { sessionSecret } from "./lib/secrets";

const portSchema = z.coerce.number().int().min(1).max(65535);
const instancesSchema = z.coerce.number().int().min(1).max(16);

runCommand(async () => {
  const { values } = parseArgs({ options: { instances: { type: "string", default: "2" } } });
  const instances = instancesSchema.safeParse(values.instances);
  if (!instances.success) throw new UsageError(`--instances takes a number from 1 to 16, not "${values.instances}".`);
  const port = portSchema.safeParse(process.env.PORT ?? 8080);
  if (!port.success) throw new UsageError(`PORT must be a port number (1–65535), not "${process.env.PORT}".`);
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new UsageError(missingPackagesMessage(missing));
  const frontPort = port.data;
  const redisPort = frontPort + instances.data + 1;
  if (redisPort > 65535)
    throw new UsageError(`PORT ${frontPort} leaves no room for ${instances.data} app servers after it.`);
  for (let each = frontPort; each <= redisPort; each++) {
    if (!(await isPortFree(each)))
      throw new UsageError(`Port ${each} is in use: the cluster takes ports ${frontPort}–${redisPort} (set PORT).`);
  }

  const startedAt = performance.now();
  const database = await useDatabase();
  await migrateDatabase(database.url);
  await seedDatabase(database.url, { onlyIfEmpty: true, demoContent: process.env.QUIRE_DEMO_CONTENT !== "false" });
  const secret = sessionSecret();
  await buildIfChanged({
    ...nextEnvironment({ DATABASE_URL: database.url, NEXTAUTH_SECRET: secret }),
    NODE_ENV: "production",
  });

  const cluster = await startCluster({
    instances: instances.data,
    frontPort,
    redisPort,
    databaseUrl: database.url,
    secret,
    workDir: path.join(DATA_DIR, "cluster"),
    inheritOutput: true,
  });
  onExit(() => cluster.stop());
  const addressesFile = path.join(DATA_DIR, "cluster.json");
  fs.writeFileSync(addressesFile, `${JSON.stringify({ front: cluster.front, instances: cluster.instances })}\n`);
  onExit(() => fs.rmSync(addressesFile, { force: true }));
  console.log(
    `Quire is running on ${cluster.front} (Varnish) over ${instances.data} app server(s): ${cluster.instances.join(", ")}; ` +
      `Redis at ${cluster.redisUrl}. Addresses in ${path.relative(process.cwd(), addressesFile)}. ` +
      `Started in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C stops it.`,
  );
  const why = await cluster.exited;
  console.error(`Stopping the cluster: ${why}.`);
  return 1;
});
