import "server-only";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";

// One client per server process; development's hot reload would otherwise open a new
// pool on every change.
const globalForDatabase = globalThis as { quireDatabase?: DatabaseClient };

export const db: DatabaseClient = globalForDatabase.quireDatabase ?? createDatabaseClient(env.DATABASE_URL);

if (env.NODE_ENV !== "production") globalForDatabase.quireDatabase = db;
