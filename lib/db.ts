import { createDatabaseClient, type DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";

// No "server-only" marker here or in the lib/data reads the publication page uses: that
// page is a Pages Router page (pages/publications/[slug].tsx), where Next.js refuses the
// marker; its getStaticProps runs on the server only by construction.
// One client per server process; development's hot reload would otherwise open a new
// pool on every change.
const globalForDatabase = globalThis as { quireDatabase?: DatabaseClient };

export const db: DatabaseClient = globalForDatabase.quireDatabase ?? createDatabaseClient(env.DATABASE_URL);

if (env.NODE_ENV !== "production") globalForDatabase.quireDatabase = db;
