/**
 * Rebuilding the search index in the background (lib/search/reindex.ts) against a real
 * database: searches keep answering throughout, edits made while the new index is built
 * are in it after the swap, and the swapped-in index equals one built from scratch, with
 * the live table's indexes, constraints and triggers under their names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchEngine, SearchResults } from "@/lib/search/engine";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { rebuildSearchIndex, ReindexBusyError, type ReindexStage } from "@/lib/search/reindex";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
let engine: SearchEngine;

beforeAll(async () => {
  // Bulk seeding leaves the search rows to the rebuild: half the archive written that way.
  await seedDemoArchive(testDatabase.url, { count: 60 });
  await seedDemoArchive(testDatabase.url, { count: 120, bulk: true });
  engine = createPostgresSearchEngine({ connectionString: testDatabase.url, maxConnections: 2 });
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

const search = (query: string): Promise<SearchResults> =>
  engine.search({ query, filters: {}, sort: "relevance", page: 1 });
const slugsFound = async (query: string) => (await search(query)).hits.map((hit) => hit.slug);

/** What the live search table is made of, by name: indexes, constraints, triggers, statistics targets. */
async function tableShape() {
  return testDatabase.db.$queryRawUnsafe<{ kind: string; name: string; definition: string }[]>(`
    SELECT 'index' AS kind, c.relname::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '"SearchDocument"'::regclass
    UNION ALL
    SELECT 'constraint', conname::text, pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
      FROM pg_constraint WHERE conrelid = '"SearchDocument"'::regclass
    UNION ALL
    SELECT 'trigger', tgname::text, pg_get_triggerdef(oid)
      FROM pg_trigger WHERE tgrelid = '"SearchDocument"'::regclass AND NOT tgisinternal
    UNION ALL
    SELECT 'statistics', attname::text, attstattarget::text
      FROM pg_attribute WHERE attrelid = '"SearchDocument"'::regclass AND attstattarget > 0
    ORDER BY 1, 2`);
}

/** Rows of the live index that differ from the rows built afresh from the publications, both ways. */
async function differencesFromAFreshIndex(): Promise<number> {
  const [row] = await testDatabase.db.$queryRawUnsafe<{ differences: number }[]>(`
    WITH fresh AS (SELECT * FROM search_document_rows(ARRAY(SELECT id FROM "Publication"), true)),
         live AS (SELECT "publicationId", visible, "publishedAt", "typeId", "seriesId", year, "categoryIds", "authorIds", head, body, pdf
                    FROM "SearchDocument")
    SELECT ((SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM fresh) a)
          + (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM live) b))::int AS differences`);
  return row!.differences;
}

describe("rebuilding the search index in the background", () => {
  it("keeps answering, carries over edits made meanwhile, and ends equal to a fresh index", async () => {
    const db = testDatabase.db;
    const shapeBefore = await tableShape();
    expect(shapeBefore.filter((part) => part.kind === "statistics")).toEqual([
      { kind: "statistics", name: "body", definition: "1000" },
      { kind: "statistics", name: "head", definition: "1000" },
    ]);
    const publications = await db.publication.count();
    const [edited, removed, editedLate] = await db.publication.findMany({
      orderBy: { id: "asc" },
      take: 3,
      select: { id: true, slug: true, bodyHtml: true },
    });
    const latest = await db.publication.findFirstOrThrow({ orderBy: { id: "desc" }, select: { typeId: true } });

    // Searches run one after another for the whole rebuild; each must answer with results.
    let rebuilding = true;
    let answered = 0;
    const failures: unknown[] = [];
    const searching = (async () => {
      while (rebuilding) {
        try {
          const results = await search("korea");
          if (results.total === 0) failures.push(new Error("no results during the rebuild"));
          answered++;
        } catch (error) {
          failures.push(error);
        }
      }
    })();
    const searchesAnswer = async () => {
      const before = answered;
      while (answered < before + 2 && failures.length === 0) await new Promise((resolve) => setImmediate(resolve));
    };

    const stages: ReindexStage[] = [];
    const rebuilt = rebuildSearchIndex({
      connectionString: testDatabase.url,
      batchSize: 25,
      concurrency: 2,
      async onStage(stage) {
        stages.push(stage);
        await searchesAnswer();
        if (stage === "built") {
          // Written after the new rows were built: only the change log can bring them over.
          await db.publication.update({
            where: { id: edited!.id },
            data: { bodyHtml: `${edited!.bodyHtml}<p>The zanzibarite question returns.</p>` },
          });
          await db.publication.delete({ where: { id: removed!.id } });
          await db.publication.create({
            data: {
              slug: "quokkaphile-diplomacy",
              title: "Quokkaphile diplomacy",
              bodyJson: { type: "doc", content: [] },
              bodyHtml: "<p>A new publication.</p>",
              status: "PUBLISHED",
              publishedAt: new Date("2024-05-01T00:00:00Z"),
              typeId: latest.typeId,
            },
          });
        } else {
          await db.publication.update({
            where: { id: editedLate!.id },
            data: { bodyHtml: `${editedLate!.bodyHtml}<p>A xylographer's view.</p>` },
          });
        }
      },
    });
    // The searches stop with the rebuild, whatever its outcome.
    const report = await rebuilt.finally(() => (rebuilding = false));
    await searching;

    expect(failures).toEqual([]);
    expect(stages).toEqual(["built", "indexed"]);
    expect(report.publications).toBe(publications);
    expect(report.replayed).toBeGreaterThanOrEqual(3);
    expect(await slugsFound("zanzibarite")).toEqual([edited!.slug]);
    expect(await slugsFound("xylographer")).toEqual([editedLate!.slug]);
    expect(await slugsFound("quokkaphile")).toEqual(["quokkaphile-diplomacy"]);
    expect(await db.searchDocument.count({ where: { publicationId: removed!.id } })).toBe(0);
    expect(await db.searchDocument.count()).toBe(await db.publication.count());
    expect(await differencesFromAFreshIndex()).toBe(0);
    expect(await tableShape()).toEqual(shapeBefore);
    expect(await db.searchIndexChange.count()).toBe(0);

    // The triggers follow edits on the new table as on the old one.
    await db.publication.update({ where: { id: edited!.id }, data: { title: "Otterhound futures" } });
    expect(await slugsFound("otterhound")).toEqual([edited!.slug]);
  }, 120_000);

  it("refuses to run twice at once", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reachedStage!: () => void;
    const reached = new Promise<void>((resolve) => (reachedStage = resolve));
    const first = rebuildSearchIndex({
      connectionString: testDatabase.url,
      onStage: async (stage) => {
        if (stage !== "built") return;
        reachedStage();
        await held;
      },
    });
    await reached;
    await expect(rebuildSearchIndex({ connectionString: testDatabase.url })).rejects.toBeInstanceOf(ReindexBusyError);
    release();
    await first;
    expect(await differencesFromAFreshIndex()).toBe(0);
  }, 120_000);
});
