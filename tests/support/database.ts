/**
 * An isolated database per test file: a copy of the migrated template (CREATE DATABASE …
 * TEMPLATE is a file copy, well under a second), dropped when the file finishes.
 *
 *   const testDatabase = isolatedTestDatabase();
 *   it("…", async () => { await testDatabase.db.user.count(); });
 */
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { adminConnection, testDatabaseName } from "./database-names";

export type TestDatabase = { url: string; db: DatabaseClient };

/** A migrated copy of the template, or with `empty: true` a database with no tables at all. */
export async function createTestDatabase(
  options: { empty?: boolean } = {},
): Promise<TestDatabase & { drop(): Promise<void> }> {
  const templateUrl = inject("templateDatabaseUrl");
  const template = options.empty ? "template0" : new URL(templateUrl).pathname.slice(1);
  const name = testDatabaseName();
  const admin = await adminConnection(templateUrl);
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const db = createDatabaseClient(url.toString(), { maxConnections: 4 });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      const cleanup = await adminConnection(templateUrl);
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Registers the hooks that create and drop this file's database. */
export function isolatedTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase();
    handle.url = created.url;
    handle.db = created.db;
    drop = created.drop;
  });
  afterAll(async () => {
    await drop?.();
  });
  return handle;
}
