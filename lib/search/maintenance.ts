/**
 * Search rows written in bulk. The database keeps each publication's SearchDocument with
 * triggers (prisma/migrations/…_search), per statement; a bulk import's batch still paid
 * for three refreshes of every new row (the publications, then their authors, then their
 * topics), each writing the row and its full-text index entries again. An import's batch
 * transaction instead defers the rows of the publications it creates
 * (`deferSearchDocuments`) and builds them once, at the end of the same transaction
 * (`buildSearchDocuments`): a third of the work, and never a committed publication without
 * its search row, whatever happens to the import. Publications that already had a row
 * (updated by the import) are refreshed at once as always.
 *
 * `buildMissingSearchDocuments` is the repair: it builds the row of any publication that
 * has none (prisma/migrations/…_import_options_and_deferred_search).
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Publications whose search rows one repair pass builds (one statement). */
const CHUNK = 500;

/** The same two steps as SQL, for writers on a plain pg connection (import:quire's COPY). */
export const DEFER_SEARCH_DOCUMENTS_SQL = "SELECT set_config('quire.search_deferred', 'on', true)";
export const BUILD_MISSING_SEARCH_DOCUMENTS_SQL = `SELECT search_refresh_missing(${CHUNK}) AS built`;

/**
 * Within this transaction only: publications it creates get no search row from the
 * triggers; call `buildSearchDocuments` with their ids before it commits.
 */
export async function deferSearchDocuments(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe(DEFER_SEARCH_DOCUMENTS_SQL);
}

/** The search rows of these publications, from their current state (authors and topics included). */
export async function buildSearchDocuments(tx: Prisma.TransactionClient, publicationIds: number[]): Promise<void> {
  if (publicationIds.length === 0) return;
  await tx.$executeRaw`SELECT search_refresh(${publicationIds}::int[], true)`;
}

/** Builds the search row of every publication that has none, a chunk per statement; returns how many. */
export async function buildMissingSearchDocuments(database: DatabaseClient): Promise<number> {
  let built = 0;
  for (;;) {
    const [row] = await database.$queryRawUnsafe<{ built: number }[]>(BUILD_MISSING_SEARCH_DOCUMENTS_SQL);
    const count = Number(row?.built ?? 0);
    built += count;
    if (count === 0) return built;
  }
}
