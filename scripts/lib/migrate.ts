/**
 * Runs the Prisma CLI (through prisma.config.ts, which makes it work offline) against a
 * given database.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const PRISMA_CLI = path.resolve("node_modules/prisma/build/index.js");
const MIGRATIONS_DIR = path.resolve("prisma/migrations");

export type PrismaRun = { code: number; output: string };

/** Runs `prisma <args>` with DATABASE_URL pointing at `databaseUrl`; collects its output. */
export function runPrisma(args: string[], databaseUrl: string, options: { echo?: boolean } = {}): Promise<PrismaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Names of the migrations in prisma/migrations, oldest first. */
export function localMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((entry) => fs.existsSync(path.join(MIGRATIONS_DIR, entry, "migration.sql")))
    .sort();
}

/** Names of the migrations in prisma/migrations that the database has not recorded as applied. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const local = localMigrations();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    return local.filter((name) => !applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return local; // no _prisma_migrations yet
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Migrations take advisory locks and run DDL in a session of their own, which PgBouncer in
 * transaction mode does not give: for the configured database (DATABASE_URL), they go to
 * DIRECT_DATABASE_URL when it is set.
 */
function directUrlOf(databaseUrl: string): string {
  const direct = process.env.DIRECT_DATABASE_URL;
  return direct && databaseUrl === process.env.DATABASE_URL ? direct : databaseUrl;
}

/**
 * Applies every pending migration in prisma/migrations (`prisma migrate deploy`). The CLI
 * takes ~10 s to exit under the driver adapter, so it only runs when something is pending.
 */
export async function migrateDatabase(configuredUrl: string): Promise<void> {
  const databaseUrl = directUrlOf(configuredUrl);
  if ((await pendingMigrations(databaseUrl)).length === 0) return;
  const { code, output } = await runPrisma(["migrate", "deploy"], databaseUrl);
  if (code !== 0) throw new Error(`Applying migrations failed:\n${output}`);
  const applied = output.match(/Applying migration `[^`]+`/g);
  if (applied) console.log(`Applied ${applied.length} migration(s).`);
}
