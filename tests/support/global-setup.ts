/**
 * Runs once per Vitest run: finds the PostgreSQL server (started by `npm test`, or started
 * here when Vitest runs on its own), removes databases left by runs that crashed, and
 * builds a migrated template database that each test file clones (see database.ts).
 */
import type { TestProject } from "vitest/node";
import { openDatabase, type DatabaseHandle } from "../../scripts/lib/database";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { adminConnection, dropStaleTestDatabases, templateDatabaseName } from "./database-names";
import { withDatabase } from "../../scripts/lib/connection-url";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

let startedHere: DatabaseHandle | null = null;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.QUIRE_TEST_SERVER_URL;
  if (!serverUrl) {
    startedHere = await openDatabase(() => {});
    serverUrl = startedHere.url;
  }
  const admin = await adminConnection(serverUrl);
  const template = templateDatabaseName();
  try {
    await dropStaleTestDatabases(admin);
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, template);
  await migrateDatabase(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);

  return async () => {
    const cleanup = await adminConnection(serverUrl);
    await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
    await cleanup.end();
    await startedHere?.stop();
  };
}
