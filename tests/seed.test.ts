import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_CURATED_EVENT_COUNT, DEMO_CURATED_EVENT_SLUGS } from "@/scripts/demo/demo-events";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { createTestDatabase, isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

/** The generated archive's publications (the hand-written demo events are placed around the day of seeding). */
async function publicationFingerprints(db: typeof testDatabase.db) {
  const rows = await db.publication.findMany({
    where: { slug: { notIn: [...DEMO_CURATED_EVENT_SLUGS] } },
    orderBy: { id: "asc" },
    select: {
      slug: true,
      title: true,
      publishedAt: true,
      type: { select: { slug: true } },
      authors: { orderBy: { position: "asc" }, select: { author: { select: { slug: true } } } },
    },
  });
  return rows.map(
    (row) =>
      `${row.slug}|${row.title}|${row.publishedAt?.toISOString()}|${row.type.slug}|${row.authors.map((a) => a.author.slug).join(",")}`,
  );
}

describe("the demo archive", () => {
  it("writes publications with their types, topics, series and ordered authors", async () => {
    const report = await seedDemoArchive(testDatabase.url, { count: 300 });
    expect(report).toMatchObject({ created: 300, total: 300 });

    const db = testDatabase.db;
    expect(await db.publication.count({ where: { status: "PUBLISHED" } })).toBe(300 + DEMO_CURATED_EVENT_COUNT);
    // Every event has its date and place.
    expect(await db.publication.count({ where: { type: { slug: "event" }, event: null } })).toBe(0);
    expect(await db.eventDetails.count({ where: { recordingUrl: { not: null } } })).toBeGreaterThan(0);
    expect(await db.publicationType.count()).toBe(8);
    expect(await db.category.count()).toBe(8);
    expect(await db.author.count()).toBe(40);
    expect(await db.category.findUnique({ where: { slug: "north-korea" } })).not.toBeNull();

    const peninsula = await db.series.findUniqueOrThrow({
      where: { slug: "the-peninsula" },
      select: { name: true, _count: { select: { publications: true } } },
    });
    expect(peninsula.name).toBe("The Peninsula");
    expect(peninsula._count.publications).toBeGreaterThan(20);

    const withoutAuthors = await db.publication.count({ where: { authors: { none: {} } } });
    const withoutCategories = await db.publication.count({ where: { categories: { none: {} } } });
    expect(withoutAuthors).toBe(0);
    expect(withoutCategories).toBe(0);

    const sample = await db.publication.findMany({
      take: 50,
      select: { wordCount: true, bodyHtml: true, publishedAt: true },
    });
    for (const publication of sample) {
      expect(publication.wordCount).toBeGreaterThanOrEqual(500);
      expect(publication.wordCount).toBeLessThanOrEqual(2000);
      expect(publication.bodyHtml).toContain("<p>");
      expect(publication.publishedAt!.getUTCFullYear()).toBeGreaterThanOrEqual(2011);
    }
    const types = await db.publication.groupBy({ by: ["typeId"], _count: true });
    expect(types.length).toBeGreaterThanOrEqual(6);

    // Generated media: featured images with alt, caption and credit; a PDF on every report.
    const withImage = await db.publication.findMany({
      where: { featuredImageId: { not: null } },
      select: { featuredImageCredit: true, featuredImage: { select: { alt: true, width: true } } },
    });
    expect(withImage.length).toBeGreaterThan(50);
    expect(
      withImage.every((p) => p.featuredImageCredit && p.featuredImage?.alt && p.featuredImage.width === 1200),
    ).toBe(true);
    const reportsWithoutPdf = await db.publication.count({ where: { type: { slug: "report" }, pdfId: null } });
    expect(reportsWithoutPdf).toBe(0);
  });

  it("fills the experts directory: listed fellows with portraits, topics, languages and press contacts", async () => {
    const db = testDatabase.db;
    const experts = await db.author.findMany({
      where: { isExpert: true },
      select: {
        bio: true,
        languages: true,
        pressContact: true,
        photo: { select: { kind: true, mimeType: true, alt: true, width: true } },
        _count: { select: { expertise: true } },
      },
    });
    expect(experts.length).toBe(38);
    for (const expert of experts) {
      expect(expert.bio).not.toBe("");
      expect(expert.languages.length).toBeGreaterThan(0);
      expect(expert._count.expertise).toBeGreaterThan(0);
      expect(expert.photo).toMatchObject({ kind: "IMAGE", mimeType: "image/webp", width: 400 });
      expect(expert.photo?.alt).toMatch(/^Illustrated portrait of /);
    }
    expect(await db.author.count({ where: { isExpert: true, availableForMedia: true } })).toBeGreaterThan(10);
    expect(await db.category.count({ where: { imageUrl: null } })).toBe(0);
    // Staff's edits survive another run: a profile someone changed is left as it is.
    const edited = await db.author.update({
      where: { slug: "kang-min-ji" },
      data: { languages: ["Korean"] },
      select: { id: true },
    });
    await seedDemoArchive(testDatabase.url, { count: 300 });
    expect((await db.author.findUniqueOrThrow({ where: { id: edited.id } })).languages).toEqual(["Korean"]);
  });

  it("is idempotent: a second run with the same count adds nothing", async () => {
    const before = await publicationFingerprints(testDatabase.db);
    const report = await seedDemoArchive(testDatabase.url, { count: 300 });
    expect(report.created).toBe(0);
    expect(await publicationFingerprints(testDatabase.db)).toEqual(before);
  });

  it("grows to a larger count by adding only the missing publications", async () => {
    const before = await publicationFingerprints(testDatabase.db);
    const report = await seedDemoArchive(testDatabase.url, { count: 350 });
    expect(report.created).toBe(50);
    const after = await publicationFingerprints(testDatabase.db);
    expect(after.slice(0, 300)).toEqual(before);
    expect(new Set(after.map((line) => line.split("|")[0])).size).toBe(350);
  });

  it("is reproducible: another database gets the same archive", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoArchive(other.url, { count: 350 });
      expect(await publicationFingerprints(other.db)).toEqual(await publicationFingerprints(testDatabase.db));
    } finally {
      await other.drop();
    }
  });

  it("writes the same archive in bulk (COPY, worker threads), leaving the search rows to a rebuild", async () => {
    const other = await createTestDatabase();
    try {
      // Resumed halfway, as the bulk seeder of a million is.
      await seedDemoArchive(other.url, { count: 200, bulk: true });
      const report = await seedDemoArchive(other.url, { count: 350, bulk: true });
      expect(report.created).toBe(150);
      expect(await publicationFingerprints(other.db)).toEqual(await publicationFingerprints(testDatabase.db));
      const bodies = async (db: typeof testDatabase.db) =>
        (
          await db.publication.findMany({
            where: { slug: { notIn: [...DEMO_CURATED_EVENT_SLUGS] } },
            orderBy: { id: "asc" },
            select: { bodyHtml: true, bodyJson: true },
          })
        ).map((row) => createHash("sha1").update(JSON.stringify(row)).digest("hex"));
      expect(await bodies(other.db)).toEqual(await bodies(testDatabase.db));
      expect(
        await other.db.searchDocument.count({
          where: { publication: { slug: { notIn: [...DEMO_CURATED_EVENT_SLUGS] } } },
        }),
      ).toBe(0);
    } finally {
      await other.drop();
    }
  });
});
