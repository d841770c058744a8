/**
 * Builds a Prisma client for a given database URL. The app uses the singleton in
 * lib/db.ts; scripts and tests call this directly with the database they manage.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Columns that never leave the database unless a query asks for them by name. */
const SECRET_COLUMNS = { user: { passwordHash: true } } as const;

export function createDatabaseClient(databaseUrl: string, options: { maxConnections?: number } = {}) {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter, omit: SECRET_COLUMNS });
}

export type DatabaseClient = ReturnType<typeof createDatabaseClient>;
