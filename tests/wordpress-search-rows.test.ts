/**
 * Search rows of a bulk import. Each batch transaction defers the search rows of the
 * publications it creates and builds them once before it commits (lib/search/maintenance.ts):
 * the rows must be exactly what the live triggers would have written, exist for every
 * committed publication even when the import stops halfway, and rows of publications that
 * already had one must still follow every change at once.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { buildMissingSearchDocuments, buildSearchDocuments, deferSearchDocuments } from "@/lib/search/maintenance";
import { importWordPress } from "@/lib/wordpress/import";
import { createTestDatabase, isolatedTestDatabase, type TestDatabase } from "./support/database";

const SAMPLE = process.env.WORDPRESS_SAMPLE ?? "/work/shared/fixtures/wordpress/sample-export.xml";
const NOW = new Date("2026-12-01T12:00:00Z");
const testDatabase = isolatedTestDatabase();
const extra: { drop(): Promise<void> }[] = [];

afterAll(async () => {
  for (const database of extra) await database.drop();
});

type Row = {
  publicationId: number;
  visible: boolean;
  categoryIds: number[];
  authorIds: number[];
  head: string;
  body: string;
};

async function searchRows(database: TestDatabase): Promise<Row[]> {
  return database.db.$queryRaw<Row[]>`
    SELECT "publicationId", visible, "categoryIds", "authorIds", coalesce(head::text, '') AS head, coalesce(body::text, '') AS body
      FROM "SearchDocument" ORDER BY "publicationId"`;
}

async function publicationsWithoutRow(database: TestDatabase): Promise<number> {
  const [row] = await database.db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Publication" p
     WHERE NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."publicationId" = p.id)`;
  return row!.count;
}

describe("search rows of an import", () => {
  it("are built for every new publication, equal to what the triggers write one by one", async () => {
    const result = await importWordPress(testDatabase.db, fs.createReadStream(SAMPLE), { now: NOW, batchSize: 40 });
    expect(result.counts.failed).toBe(0);
    expect(await testDatabase.db.publication.count()).toBe(204);
    expect(await publicationsWithoutRow(testDatabase)).toBe(0);
    const built = await searchRows(testDatabase);
    expect(built.filter((row) => row.visible).length).toBeGreaterThan(190);
    expect(built.some((row) => row.authorIds.length > 0 && row.categoryIds.length > 0)).toBe(true);
    // The same rows recomputed from scratch, the way the live triggers compute them.
    await testDatabase.db.$executeRaw`SELECT search_refresh(ARRAY(SELECT id FROM "Publication"), true)`;
    expect(await searchRows(testDatabase)).toEqual(built);
  }, 180_000);

  it("leave no committed publication without its row when the import stops halfway", async () => {
    const database = await createTestDatabase();
    extra.push(database);
    const stop = new AbortController();
    const result = await importWordPress(database.db, fs.createReadStream(SAMPLE), {
      now: NOW,
      batchSize: 50,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(result.interrupted).toBe(true);
    const created = await database.db.publication.count();
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(204);
    expect(await publicationsWithoutRow(database)).toBe(0);
    // Found by search at once: a public publication's title words match its row.
    const [found] = await database.db.$queryRaw<{ matches: number }[]>`
      SELECT count(*)::int AS matches FROM "Publication" p JOIN "SearchDocument" d ON d."publicationId" = p.id
       WHERE d.visible AND d.head @@ plainto_tsquery('quire_english', p.title)`;
    expect(found!.matches).toBeGreaterThan(0);
  }, 180_000);

  it("keep following changes to publications that have one, also in a deferring transaction", async () => {
    const publication = await testDatabase.db.publication.findFirstOrThrow({
      where: { status: "PUBLISHED", authors: { some: {} } },
      select: { id: true, authors: { select: { authorId: true } } },
    });
    const other = await testDatabase.db.author.create({
      data: { name: "Ottoline Quarrender", slug: "ottoline-quarrender" },
    });
    await testDatabase.db.$transaction(async (tx) => {
      await deferSearchDocuments(tx);
      await tx.publicationAuthor.create({ data: { publicationId: publication.id, authorId: other.id, position: 5 } });
      await tx.publication.update({ where: { id: publication.id }, data: { title: "Quarrender's revised analysis" } });
    });
    const [row] = await testDatabase.db.$queryRaw<{ authorIds: number[]; matches: boolean }[]>`
      SELECT "authorIds", head @@ to_tsquery('quire_english', 'ottoline & revised') AS matches
        FROM "SearchDocument" WHERE "publicationId" = ${publication.id}`;
    expect(row!.authorIds).toContain(other.id);
    expect(row!.matches).toBe(true);
  });

  it("are deferred only inside the transaction that asks, and repaired when left missing", async () => {
    const type = await testDatabase.db.publicationType.findFirstOrThrow({ select: { id: true } });
    const data = (slug: string) => ({
      slug,
      title: `Deferred ${slug}`,
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Quillwort</p>",
      typeId: type.id,
      status: "PUBLISHED" as const,
      publishedAt: NOW,
    });
    const deferred = await testDatabase.db.$transaction(async (tx) => {
      await deferSearchDocuments(tx);
      const created = await tx.publication.create({ data: data("deferred-one"), select: { id: true } });
      const built = await tx.publication.create({ data: data("deferred-two"), select: { id: true } });
      await buildSearchDocuments(tx, [built.id]);
      return created;
    });
    // The next transaction on the same connection pool is not deferred.
    const live = await testDatabase.db.publication.create({ data: data("live-one"), select: { id: true } });
    expect(await testDatabase.db.searchDocument.count({ where: { publicationId: live.id } })).toBe(1);
    expect(await testDatabase.db.searchDocument.count({ where: { publicationId: deferred.id } })).toBe(0);
    expect(await publicationsWithoutRow(testDatabase)).toBe(1);
    expect(await buildMissingSearchDocuments(testDatabase.db)).toBe(1);
    expect(await publicationsWithoutRow(testDatabase)).toBe(0);
  });
});
