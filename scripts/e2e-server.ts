/**
 * The server Playwright tests run against (started by playwright.config.ts): a fresh
 * database on the same PostgreSQL server with a small demo archive, the production build,
 * and the site's server (server.ts) on 127.0.0.1:E2E_PORT.
 */
import pg from "pg";
import { z } from "zod";
import { createStaffAccount } from "@/lib/auth/accounts";
import { createDatabaseClient } from "@/lib/db-client";
import { E2E_ADMIN, E2E_AUTHOR, E2E_EDITOR, E2E_MOVED_PUBLICATION_PATH } from "../e2e/fixtures";
import { recreateDatabase } from "./lib/database";
import { onExit, runCommand, useDatabase } from "./lib/cli";
import { withDatabase } from "./lib/connection-url";
import { seedDatabase } from "./lib/first-run";
import { migrateDatabase } from "./lib/migrate";
import { buildIfChanged, nextEnvironment, siteStopGraceMs, startSite } from "./lib/next-build";
import { stopChild } from "./lib/processes";

const settingsSchema = z.object({
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  E2E_SEED_COUNT: z.coerce.number().int().min(1).max(100_000).default(400),
});

runCommand(async () => {
  const settings = settingsSchema.parse(process.env);
  const server = await useDatabase();
  const databaseName = `quire_e2e_${settings.E2E_PORT}`;
  const databaseUrl = withDatabase(server.url, databaseName);
  await recreateDatabase(server.url, databaseName);
  await migrateDatabase(databaseUrl);
  process.env.ADMIN_EMAIL = E2E_ADMIN.email;
  process.env.ADMIN_PASSWORD = E2E_ADMIN.password;
  await seedDatabase(databaseUrl, { count: settings.E2E_SEED_COUNT });
  await addMovedPublication(databaseUrl);
  await addStaff(databaseUrl);

  const siteUrl = `http://127.0.0.1:${settings.E2E_PORT}`;
  const env = nextEnvironment({
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: "e2e-only-secret-that-is-long-enough-to-pass",
    NEXTAUTH_URL: siteUrl,
    SITE_URL: siteUrl,
    // The browser tests (from 127.0.0.1) play a trusted proxy, naming a client per test in
    // X-Forwarded-For so the per-address rate limits do not add up across tests. Clients on
    // any other address (e2e/security/client-address.spec.ts uses 127.0.0.77) cannot.
    TRUSTED_PROXIES: "127.0.0.1",
    // Request lines only when asked for (LOG_LEVEL=info): the browser tests' output stays readable.
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  });
  await buildIfChanged({ ...env, NODE_ENV: "production" });
  const site = startSite({ port: settings.E2E_PORT, hostname: "127.0.0.1" }, env);
  onExit(() => stopChild(site, siteStopGraceMs(env)));
  return new Promise<number>((resolve) => site.once("exit", (code) => resolve(code ?? 0)));
});

/** A publication whose slug changed: its old address must redirect (e2e/public/publication.spec.ts). */
async function addMovedPublication(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Redirect" ("fromPath", "toPath")
       SELECT $1, '/publications/' || p.slug FROM "Publication" p JOIN "PublicationType" t ON t.id = p."typeId"
        WHERE p.status = 'PUBLISHED' AND t.slug <> 'event' -- an event's page is at /events/<slug>
        ORDER BY p."publishedAt" DESC LIMIT 1
       ON CONFLICT ("fromPath") DO NOTHING`,
      [E2E_MOVED_PUBLICATION_PATH],
    );
  } finally {
    await client.end();
  }
}

/** An editor and an author beside the admin, for the role tests; the author is credited as a fellow. */
async function addStaff(databaseUrl: string) {
  const database = createDatabaseClient(databaseUrl, { maxConnections: 1 });
  try {
    for (const account of [E2E_EDITOR, E2E_AUTHOR]) await createStaffAccount(database, account);
    const author = await database.user.findUniqueOrThrow({ where: { email: E2E_AUTHOR.email }, select: { id: true } });
    await database.author.create({
      data: { slug: "arden-author", name: E2E_AUTHOR.name, title: "Visiting Fellow", userId: author.id },
    });
  } finally {
    await database.$disconnect();
  }
}
