/**
 * Seeding speed: the bulk seeder against a naive baseline (one Prisma `create` per
 * publication, as an ORM-first import script would do), in the same run, on scratch
 * databases of the same server.
 *
 *   npx tsx bench/seed.ts [--count 6262] [--baseline-sample 300]
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { renderDocumentHtml } from "@/lib/content/render-html";
import { createDatabaseClient } from "@/lib/db-client";
import { slugify } from "@/lib/format/slug";
import { AUTHORS, CATEGORIES, PUBLICATION_TYPES } from "@/scripts/demo/catalog";
import { generatePublication } from "@/scripts/demo/prose";
import { createRandom } from "@/scripts/demo/random";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { runCommand, useDatabase } from "../scripts/lib/cli";
import { withDatabase } from "../scripts/lib/connection-url";
import { dropDatabase, recreateDatabase } from "../scripts/lib/database";
import { migrateDatabase } from "../scripts/lib/migrate";

const argsSchema = z.object({
  count: z.coerce.number().int().min(1).max(5_000_000).default(6262),
  baselineSample: z.coerce.number().int().min(10).max(10_000).default(300),
});

runCommand(async () => {
  const { values } = parseArgs({ options: { count: { type: "string" }, "baseline-sample": { type: "string" } } });
  const args = argsSchema.parse({ count: values.count, baselineSample: values["baseline-sample"] });
  const server = await useDatabase();

  const bulkUrl = await scratchDatabase(server.url, "quire_bench_seed_bulk");
  const bulk = await seedDemoArchive(bulkUrl, { count: args.count });
  const bulkRate = bulk.created / bulk.seconds;

  const naiveUrl = await scratchDatabase(server.url, "quire_bench_seed_naive");
  await seedDemoArchive(naiveUrl, { count: 1 }); // reference data only
  const naiveSeconds = await naiveInserts(naiveUrl, args.baselineSample);
  const naiveRate = args.baselineSample / naiveSeconds;

  console.log("");
  console.log(
    `bulk seeder:      ${bulk.created.toLocaleString("en-US")} publications in ${bulk.seconds.toFixed(1)} s (${bulkRate.toFixed(0)}/s)`,
  );
  console.log(
    `naive baseline:   ${args.baselineSample} publications in ${naiveSeconds.toFixed(1)} s (${naiveRate.toFixed(0)}/s), one Prisma create each`,
  );
  console.log(
    `speed-up:         ${(bulkRate / naiveRate).toFixed(1)}x; the baseline would take ~${(args.count / naiveRate).toFixed(0)} s for ${args.count.toLocaleString("en-US")}`,
  );
  console.log(`peak memory:      ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB resident`);

  for (const name of ["quire_bench_seed_bulk", "quire_bench_seed_naive"]) await dropDatabase(server.url, name);
});

async function scratchDatabase(serverUrl: string, name: string): Promise<string> {
  await recreateDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  return url;
}

/** The same generated content, written the way a typical ORM import script would. */
async function naiveInserts(databaseUrl: string, count: number): Promise<number> {
  const db = createDatabaseClient(databaseUrl, { maxConnections: 1 });
  const [types, categories, authors] = await Promise.all([
    db.publicationType.findMany(),
    db.category.findMany(),
    db.author.findMany(),
  ]);
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const random = createRandom(index + 1);
    const type = random.pick(PUBLICATION_TYPES);
    const category = random.pick(CATEGORIES);
    const author = random.pick(AUTHORS);
    const generated = generatePublication(random, {
      typeName: type.name,
      categoryNames: [category.name],
      seriesName: null,
      index,
    });
    await db.publication.create({
      data: {
        slug: `${slugify(generated.title)}-${index}`,
        title: generated.title,
        summary: generated.summary,
        bodyJson: JSON.parse(JSON.stringify(generated.doc)) as object,
        bodyHtml: renderDocumentHtml(generated.doc),
        wordCount: generated.wordCount,
        status: "PUBLISHED",
        publishedAt: new Date(),
        typeId: types.find((t) => t.slug === type.slug)!.id,
        authors: { create: { authorId: authors.find((a) => a.slug === author.slug)!.id, position: 0 } },
        categories: { create: { categoryId: categories.find((c) => c.slug === category.slug)!.id } },
      },
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  return seconds;
}
