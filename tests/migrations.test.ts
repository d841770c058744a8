/**
 * The migrations in prisma/migrations must produce exactly the schema in
 * prisma/schema.prisma.
 *
 * Prisma's own checks (`migrate diff --from-migrations`, `--from-url`) do not run on the
 * WebAssembly engine, and `migrate dev` cannot be driven reliably from a test process. So
 * the check builds two databases — one by applying the migrations (`migrate deploy`, as
 * start and test do), one from the SQL Prisma generates for schema.prisma from scratch
 * (`migrate diff --from-empty`) — and compares their catalogs: tables, columns, enums,
 * indexes and constraints.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPrisma } from "../scripts/lib/migrate";
import { createTestDatabase } from "./support/database";

const projectRoot = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(projectRoot, "prisma/migrations");
const migrationNames = fs
  .readdirSync(migrationsDir)
  .filter((entry) => fs.statSync(path.join(migrationsDir, entry)).isDirectory());

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Every table, column, enum, index and constraint of the public schema, as sorted lines. */
async function describeSchema(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' nullable=' || is_nullable
              || ' default=' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
      `SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT 'constraint ' || c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'`,
      `SELECT 'extension ' || extname AS line FROM pg_extension WHERE extname <> 'plpgsql'`,
    ];
    const lines: string[] = [];
    for (const sql of queries) lines.push(...(await client.query<{ line: string }>(sql)).rows.map((row) => row.line));
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** The SQL Prisma generates to create `schemaFile`'s datamodel in an empty database. */
async function sqlForSchema(schemaFile: string, anyDatabaseUrl: string): Promise<string> {
  const { code, output } = await runPrisma(
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaFile, "--script"],
    anyDatabaseUrl,
  );
  expect(code, output).toBe(0);
  return output.replace(/^Loaded Prisma config from .*$/m, "");
}

async function databaseFromSchema(schemaFile: string): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(await sqlForSchema(schemaFile, database.url));
  } finally {
    await client.end();
  }
  return database;
}

describe("migrations", () => {
  const databases: TestDatabase[] = [];
  let migrated: TestDatabase;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    databases.push(migrated);
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it("are applied and recorded by Prisma (migrate deploy through prisma.config.ts)", async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const applied = await migrated.db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name::text FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
    expect(applied.map((row) => row.migration_name)).toEqual([...migrationNames].sort());
  });

  it("produce exactly the schema in schema.prisma", async () => {
    const fromSchema = await databaseFromSchema(path.join(projectRoot, "prisma/schema.prisma"));
    databases.push(fromSchema);
    const [expected, actual] = await Promise.all([describeSchema(fromSchema.url), describeSchema(migrated.url)]);
    expect(expected.length).toBeGreaterThan(50);
    expect(
      actual,
      "prisma/schema.prisma and prisma/migrations disagree: run npm run db:migration -- --name <change>",
    ).toEqual(expected);
  });

  it("would catch a schema change that has no migration", async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "quire-schema-"));
    const schemaFile = path.join(scratch, "schema.prisma");
    const schema = fs.readFileSync(path.join(projectRoot, "prisma/schema.prisma"), "utf8");
    fs.writeFileSync(schemaFile, schema.replace("model Setting {", "model Setting {\n  driftProbe String?"));
    try {
      const changed = await databaseFromSchema(schemaFile);
      databases.push(changed);
      const [expected, actual] = await Promise.all([describeSchema(changed.url), describeSchema(migrated.url)]);
      expect(expected.filter((line) => !actual.includes(line))).toEqual([
        "column Setting.driftProbe text text nullable=YES default=",
      ]);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
