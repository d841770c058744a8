/**
 * Rebuilding the whole search index while the old one keeps answering (`npm run
 * search:reindex`, the search bench's index build).
 *
 *  1. A new table "SearchDocument_next" is made beside the live "SearchDocument", with its
 *     primary key only. From the moment it exists, every search row the triggers write to
 *     the live table names its publication in "SearchIndexChange" (migration
 *     `search_reindex`); writers already under way are waited for, so none is missed.
 *  2. Its rows are built from the publications in batches (search_document_rows, the same
 *     rows search_refresh writes), each its own short statement: the live table is only
 *     read, and nothing holds a lock for long.
 *  3. Its other indexes are created, from the live table's own definitions (so a
 *     migration's change to an index carries over), after the rows: building a GIN index
 *     once is far cheaper than growing it row by row. Then it is analyzed.
 *  4. The publications changed meanwhile are built again, until few are left.
 *  5. One short transaction locks the live table, replays the last changes, and swaps the
 *     tables by renaming them (with their indexes, constraints and triggers under the
 *     live names). Statements prepared against the old table are planned again on the
 *     new one by PostgreSQL itself. The old table is dropped afterwards.
 *  6. The vocabulary ("Did you mean", suggestions) is rebuilt too.
 *
 * Only one rebuild runs at a time (an advisory lock). One that stops halfway leaves the
 * live index untouched; the next run starts over.
 */
import pg from "pg";

const LIVE = '"SearchDocument"';
const NEXT = '"SearchDocument_next"';
const OLD = '"SearchDocument_old"';
const COLUMNS = `"publicationId", visible, "publishedAt", "typeId", "seriesId", year, "categoryIds", "authorIds", head, body, pdf`;
/** Any number that no other advisory lock of the app takes. */
const REINDEX_LOCK = 0x5ea2c4;
/** Changed publications replayed per statement. */
const REPLAY_CHUNK = 1000;
/** The swap waits for the live table this long before giving way to readers and trying again. */
const SWAP_LOCK_TIMEOUT = "2s";
const SWAP_ATTEMPTS = 10;

export type ReindexStage = "built" | "indexed";

export type ReindexOptions = {
  connectionString: string;
  /** Publications per build statement. */
  batchSize?: number;
  /** Build statements (and index builds) at once: how many cores the database may give it. */
  concurrency?: number;
  /** Memory for each index build (PostgreSQL's maintenance_work_mem). */
  indexMemory?: string;
  log?: (line: string) => void;
  /** Called once the rows are built, then once the indexes are (tests write there meanwhile). */
  onStage?: (stage: ReindexStage) => Promise<void>;
};

export type ReindexReport = {
  publications: number;
  /** Publications changed during the rebuild and built again. */
  replayed: number;
  seconds: { rows: number; indexes: number; swap: number; vocabulary: number; total: number };
};

export class ReindexBusyError extends Error {
  constructor() {
    super("Another search index rebuild is running.");
  }
}

export async function rebuildSearchIndex(options: ReindexOptions): Promise<ReindexReport> {
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? 1;
  const started = performance.now();
  const seconds = (since: number) => (performance.now() - since) / 1000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: concurrency + 1,
    options: `-c maintenance_work_mem=${options.indexMemory ?? "256MB"} -c jit=off`,
  });
  const control = await pool.connect();
  try {
    const { rows: locked } = await control.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      REINDEX_LOCK,
    ]);
    if (!locked[0]!.locked) throw new ReindexBusyError();

    await createNextTable(control);
    const { rows: idRows } = await control.query<{ id: number }>(`SELECT id FROM "Publication" ORDER BY id`);
    const ids = idRows.map((row) => row.id);
    log(`Building the search rows of ${ids.length.toLocaleString("en-US")} publications …`);
    const rowsStarted = performance.now();
    const batchSize = options.batchSize ?? 1000;
    const batches = Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, index) =>
      ids.slice(index * batchSize, (index + 1) * batchSize),
    );
    let done = 0;
    await inParallel(pool, concurrency, batches, async (client, batch) => {
      await client.query(`INSERT INTO ${NEXT} (${COLUMNS}) SELECT * FROM search_document_rows($1::int[], true)`, [
        batch,
      ]);
      done += batch.length;
      if (Math.floor(done / 100_000) > Math.floor((done - batch.length) / 100_000))
        log(`  ${done.toLocaleString("en-US")} rows …`);
    });
    const rowsSeconds = seconds(rowsStarted);
    await options.onStage?.("built");

    const indexesStarted = performance.now();
    const indexes = await liveIndexes(control);
    log(`Creating ${indexes.length} indexes …`);
    await inParallel(pool, concurrency, indexes, async (client, index) => {
      await client.query(index.nextDefinition);
    });
    await control.query(`ANALYZE ${NEXT}`);
    await control.query(
      `ALTER TABLE ${NEXT} ADD CONSTRAINT "SearchDocument_next_publicationId_fkey" FOREIGN KEY ("publicationId")
         REFERENCES "Publication"(id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID`,
    );
    const indexesSeconds = seconds(indexesStarted);
    await options.onStage?.("indexed");

    const swapStarted = performance.now();
    // Catch up outside the swap's lock while many changes are waiting.
    let replayed = 0;
    for (;;) {
      const count = await replayChanges(control, REPLAY_CHUNK);
      replayed += count;
      if (count < REPLAY_CHUNK) break;
    }
    replayed += await swap(control, indexes);
    await control.query(`DROP TABLE IF EXISTS ${OLD}`);
    // Checks the rows written before the key existed, without blocking writers.
    await control.query(`ALTER TABLE ${LIVE} VALIDATE CONSTRAINT "SearchDocument_publicationId_fkey"`);
    await control.query(`TRUNCATE "SearchIndexChange"`);
    const swapSeconds = seconds(swapStarted);

    log("Rebuilding the vocabulary …");
    const vocabularyStarted = performance.now();
    await control.query("SELECT search_rebuild_vocabulary()");
    const vocabularySeconds = seconds(vocabularyStarted);
    return {
      publications: ids.length,
      replayed,
      seconds: {
        rows: rowsSeconds,
        indexes: indexesSeconds,
        swap: swapSeconds,
        vocabulary: vocabularySeconds,
        total: seconds(started),
      },
    };
  } finally {
    await control.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    control.release();
    await pool.end();
  }
}

/**
 * The new table, empty, with the live one's columns and its primary key; a leftover of a
 * rebuild that stopped halfway is dropped first. Changes are recorded from here on.
 */
async function createNextTable(client: pg.PoolClient): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(`DROP TABLE IF EXISTS ${NEXT}`);
    await client.query(`DROP TABLE IF EXISTS ${OLD}`);
    await client.query(`TRUNCATE "SearchIndexChange"`);
    await client.query(
      `CREATE TABLE ${NEXT} (LIKE ${LIVE} INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING CONSTRAINTS)`,
    );
    await client.query(`ALTER TABLE ${NEXT} ADD CONSTRAINT "SearchDocument_next_pkey" PRIMARY KEY ("publicationId")`);
    // LIKE copies no statistics targets: the vectors' larger ones let the planner estimate
    // how many publications a rarer word matches (migration 20261205030000_search_filters).
    const { rows: targets } = await client.query<{ column: string; target: number }>(
      `SELECT attname AS column, attstattarget AS target FROM pg_attribute
        WHERE attrelid = '${LIVE}'::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget > 0`,
    );
    for (const { column, target } of targets) {
      await client.query(`ALTER TABLE ${NEXT} ALTER COLUMN ${quote(column)} SET STATISTICS ${Number(target)}`);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  // A writer that changed a search row before the new table existed recorded nothing, and
  // the build may read its publication before it commits: wait until every such writer is
  // done (SHARE waits for them, and later writers record their changes).
  await client.query("BEGIN");
  await client.query(`LOCK TABLE ${LIVE} IN SHARE MODE`);
  await client.query("COMMIT");
}

type LiveIndex = { name: string; nextName: string; nextDefinition: string };

/** The live table's indexes other than its primary key, and the same on the new table. */
async function liveIndexes(client: pg.PoolClient): Promise<LiveIndex[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = '${LIVE}'::regclass AND NOT i.indisprimary
      ORDER BY pg_relation_size(i.indexrelid) DESC`,
  );
  return rows.map(({ name, definition }) => {
    const nextName = `${name}_next`;
    const shape = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ (USING .*)$/.exec(definition);
    if (!shape) throw new Error(`Unexpected index definition: ${definition}`);
    return {
      name,
      nextName,
      nextDefinition: `CREATE ${shape[1] ?? ""}INDEX ${quote(nextName)} ON ${NEXT} ${shape[2]}`,
    };
  });
}

/** Builds again the rows of up to `limit` changed publications; says how many. */
async function replayChanges(client: pg.PoolClient, limit: number | null): Promise<number> {
  for (;;) {
    await client.query("BEGIN");
    try {
      const { rows } = await client.query<{ id: number }>(
        `DELETE FROM "SearchIndexChange" WHERE "publicationId" IN (
           SELECT "publicationId" FROM "SearchIndexChange" ${limit === null ? "" : `LIMIT ${limit}`})
         RETURNING "publicationId" AS id`,
      );
      const ids = rows.map((row) => row.id);
      if (ids.length > 0) {
        await client.query(`DELETE FROM ${NEXT} WHERE "publicationId" = ANY ($1::int[])`, [ids]);
        await client.query(`INSERT INTO ${NEXT} (${COLUMNS}) SELECT * FROM search_document_rows($1::int[], true)`, [
          ids,
        ]);
      }
      if (limit !== null) await client.query("COMMIT");
      return ids.length;
    } catch (error) {
      await client.query("ROLLBACK");
      // A publication deleted between reading it and writing its row: read them again.
      if (limit !== null && (error as { code?: string }).code === "23503") continue;
      throw error;
    }
  }
}

/**
 * One transaction: the live table locked (readers wait a moment), the last changes
 * replayed, and the tables, their indexes, constraints and triggers renamed. Gives way and
 * tries again when the lock is not had quickly, so that readers never wait long.
 */
async function swap(client: pg.PoolClient, indexes: LiveIndex[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
      await client.query(`LOCK TABLE ${LIVE} IN ACCESS EXCLUSIVE MODE`);
      const replayed = await replayChanges(client, null);
      const { rows: triggers } = await client.query<{ definition: string }>(
        `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = '${LIVE}'::regclass AND NOT tgisinternal`,
      );
      await client.query(`ALTER TABLE ${LIVE} RENAME TO ${OLD}`);
      await client.query(`ALTER TABLE ${OLD} RENAME CONSTRAINT "SearchDocument_pkey" TO "SearchDocument_old_pkey"`);
      await client.query(
        `ALTER TABLE ${OLD} RENAME CONSTRAINT "SearchDocument_publicationId_fkey" TO "SearchDocument_old_publicationId_fkey"`,
      );
      for (const index of indexes)
        await client.query(`ALTER INDEX ${quote(index.name)} RENAME TO ${quote(`${index.name}_old`)}`);
      await client.query(`ALTER TABLE ${NEXT} RENAME TO ${LIVE}`);
      await client.query(`ALTER TABLE ${LIVE} RENAME CONSTRAINT "SearchDocument_next_pkey" TO "SearchDocument_pkey"`);
      await client.query(
        `ALTER TABLE ${LIVE} RENAME CONSTRAINT "SearchDocument_next_publicationId_fkey" TO "SearchDocument_publicationId_fkey"`,
      );
      for (const index of indexes)
        await client.query(`ALTER INDEX ${quote(index.nextName)} RENAME TO ${quote(index.name)}`);
      // The definitions name the table "SearchDocument": now the new one.
      for (const trigger of triggers) await client.query(trigger.definition);
      await client.query("COMMIT");
      return replayed;
    } catch (error) {
      await client.query("ROLLBACK");
      const code = (error as { code?: string }).code;
      // 55P03: the lock was not had in time; 40P01: a deadlock with a writer, which won.
      if (attempt < SWAP_ATTEMPTS && (code === "55P03" || code === "40P01")) continue;
      throw error;
    }
  }
}

/** Runs `work` on every item, `concurrency` at a time, each on a connection of its own. */
async function inParallel<T>(
  pool: pg.Pool,
  concurrency: number,
  items: T[],
  work: (client: pg.PoolClient, item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      const client = await pool.connect();
      try {
        while (next < items.length) await work(client, items[next++]!);
      } finally {
        client.release();
      }
    }),
  );
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
