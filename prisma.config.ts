/**
 * Prisma CLI configuration (generate, migrate). Only the CLI loads this file; the app
 * builds its own client in lib/db.ts.
 *
 * Why it is more than three lines: machines without access to Prisma's binary host can
 * only run the WebAssembly schema engine (`engine: "js"`) over a driver adapter, and
 * @prisma/adapter-pg 6.19 has defects on that path that break `migrate dev/deploy/status`.
 * `MigrationSafePrismaPg` works around each of them:
 *  1. The schema engine reads catalog columns of type "char" (oid 18) and name (oid 19),
 *     which the adapter cannot map (prisma/orm#27403): they are reported as text (oid 25).
 *  2. The shadow database config is built as `{ ...config, database }`; with a
 *     `connectionString` in `config` the "shadow" would be the real database. We pass
 *     discrete connection fields instead.
 *  3. The shadow database is dropped while its pool is still connected. We close the pool
 *     first and drop `WITH (FORCE)`.
 *  4. `executeScript` splits migration SQL on every ";" (which breaks function bodies and
 *     string literals); we send each script whole, as PostgreSQL's simple protocol allows.
 * tests/migrations.test.ts runs migrate deploy and migrate diff through this file;
 * `npm run db:migration` runs migrate dev (shadow database included).
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { connectionFieldsFromUrl } from "./scripts/lib/connection-url";

const POSTGRES_TEXT_OID = 25;
const UNMAPPABLE_CATALOG_OIDS = new Set([18, 19]);

/** A multi-statement script yields an array of results, with no `fields` of its own. */
type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };
/** The adapter's internals that the workaround touches (not part of its public types). */
type QueryableInternals = {
  performIO(query: unknown): Promise<QueryResultLike>;
};
type AdapterInternals = QueryableInternals & {
  startTransaction(isolationLevel?: unknown): Promise<QueryableInternals>;
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
  underlyingDriver(): pg.Pool;
  dispose(): Promise<void>;
};

/** Defect 1, for the adapter itself and for every transaction it opens. */
function reportCatalogTypesAsText<T extends QueryableInternals>(queryable: T): T {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      if (UNMAPPABLE_CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = POSTGRES_TEXT_OID;
    }
    return result;
  };
  return queryable;
}

class MigrationSafePrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connect() {
    const adapter = await super.connect();
    const internals = adapter as unknown as AdapterInternals;
    reportCatalogTypesAsText(internals);
    const startTransaction = internals.startTransaction.bind(adapter);
    internals.startTransaction = async (isolationLevel) =>
      reportCatalogTypesAsText(await startTransaction(isolationLevel));
    internals.executeScript = async (script) => {
      try {
        await internals.underlyingDriver().query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  }

  override async connectToShadowDb() {
    const main = (await this.connect()) as unknown as AdapterInternals;
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationSafePrismaPg({ ...this.poolConfig, database }).connect();
    const shadowInternals = shadow as unknown as AdapterInternals;
    shadowInternals.underlyingDriver().on("error", () => {
      // A forced drop may end connections the pool still holds; that is expected.
    });
    const disposeShadowPool = shadowInternals.dispose.bind(shadow);
    shadowInternals.dispose = async () => {
      await disposeShadowPool();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

// `prisma generate` (npm install's postinstall) never connects, but without a value for the
// schema's env("DATABASE_URL") the CLI goes off to download a native engine. The adapter
// below still refuses to connect when the variable was not set by the caller.
const databaseUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://unset@localhost/unset";

class MissingDatabaseUrl extends PrismaPg {
  override async connect(): Promise<never> {
    throw new Error(
      "DATABASE_URL is not set. Run Prisma through the npm scripts (npm run db:migrate, npm run db:migration), " +
        "which start the embedded database and set it.",
    );
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = databaseUrl;
    if (!url) return new MissingDatabaseUrl({});
    // The CLI leaves its pools open, so each command would wait out pg's default 10-second
    // idle timeout before exiting; close idle connections after one second instead.
    return new MigrationSafePrismaPg({
      ...connectionFieldsFromUrl(url),
      idleTimeoutMillis: 1000,
      allowExitOnIdle: true,
    });
  },
});
