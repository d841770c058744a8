import pg from "pg";
import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// No "server-only" marker here or in the lib/data reads the publication page uses: that
// page is a Pages Router page (pages/publications/[slug].tsx), where Next.js refuses the
// marker; its getStaticProps runs on the server only by construction.
// One client per server process; development's hot reload would otherwise open a new
// pool on every change.
const globalForDatabase = globalThis as { quireDatabase?: DatabaseClient };

export const db: DatabaseClient = globalForDatabase.quireDatabase ?? createDatabaseClient(env.DATABASE_URL);

if (env.NODE_ENV !== "production") globalForDatabase.quireDatabase = db;

let unflushedPoolInstance: pg.Pool | undefined;
/** Connections per server process (README, "PgBouncer", counts them). */
const UNFLUSHED_POOL_SIZE = 5;

/**
 * node-postgres's own small pool for the one write that must take a flood from anonymous
 * clients (the mailing-list signup, lib/subscribers/signup.ts): there, Prisma's work per
 * query (compiling it, on the server's CPU) cost more than the statement, and a named
 * prepared statement is planned once per connection rather than on every signup.
 *
 * Its commits do not wait for the disk (synchronous_commit off): after a crash of the
 * database the last fraction of a second of such writes may be gone. Only for writes whose
 * loss the caller has shown to be harmless. Prepared statements and a session setting need
 * sessions of their own, hence DIRECT_DATABASE_URL (past PgBouncer) when set. Made on
 * first use; closeUnflushedPool ends it.
 */
export function unflushedPool(): pg.Pool {
  if (!unflushedPoolInstance) {
    unflushedPoolInstance = new pg.Pool({
      connectionString: env.DIRECT_DATABASE_URL ?? env.DATABASE_URL,
      max: UNFLUSHED_POOL_SIZE,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      options: "-c synchronous_commit=off",
    });
    // An idle connection the server closed (a restart, a failover) is replaced on next use.
    unflushedPoolInstance.on("error", (error) => log.error(`Unflushed database pool: ${error.message}`));
  }
  return unflushedPoolInstance;
}

/** Closes unflushedPool's connections (the server stopping). */
export async function closeUnflushedPool(): Promise<void> {
  const open = unflushedPoolInstance;
  unflushedPoolInstance = undefined;
  await open?.end();
}
