/**
 * Related publications on a publication page, against a real database: shared authors
 * (counted double) and topics first, then the words of the title, then recency; only what
 * the public may see.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { findRelatedPublications } from "@/lib/data/publications";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

const ids = { type: 0, northKorea: 0, economy: 0, energy: 0, rudiger: 0, eleanor: 0, kang: 0 };
let slugCounter = 0;

type NewPublication = {
  title: string;
  summary?: string;
  publishedAt: string;
  status?: "PUBLISHED" | "DRAFT";
  deleted?: boolean;
  categories: Array<"northKorea" | "economy" | "energy">;
  authors: Array<"rudiger" | "eleanor" | "kang">;
};

async function createPublication(input: NewPublication): Promise<number> {
  const data: Prisma.PublicationUncheckedCreateInput = {
    slug: `related-${++slugCounter}`,
    title: input.title,
    summary: input.summary ?? "",
    bodyJson: { type: "doc", content: [] },
    bodyHtml: "<p>An unremarkable paragraph.</p>",
    status: input.status ?? "PUBLISHED",
    deletedAt: input.deleted ? new Date() : null,
    publishedAt: new Date(input.publishedAt),
    typeId: ids.type,
    authors: { create: input.authors.map((author, position) => ({ authorId: ids[author], position })) },
    categories: { create: input.categories.map((category) => ({ categoryId: ids[category] })) },
  };
  return (await testDatabase.db.publication.create({ data, select: { id: true } })).id;
}

const relatedTitles = async (id: number) =>
  (await findRelatedPublications(testDatabase.db, id)).map((item) => item.title);

beforeAll(async () => {
  const db = testDatabase.db;
  ids.type = (
    await db.publicationType.create({
      data: { slug: "commentary", name: "Commentary", pluralName: "Commentaries", position: 0 },
    })
  ).id;
  ids.northKorea = (await db.category.create({ data: { slug: "north-korea", name: "North Korea" } })).id;
  ids.economy = (await db.category.create({ data: { slug: "economy", name: "Economy" } })).id;
  ids.energy = (await db.category.create({ data: { slug: "energy", name: "Energy" } })).id;
  ids.rudiger = (await db.author.create({ data: { slug: "rudiger-hallstein", name: "Rüdiger Hallstein" } })).id;
  ids.eleanor = (await db.author.create({ data: { slug: "eleanor-whitfield", name: "Eleanor Whitfield" } })).id;
  ids.kang = (await db.author.create({ data: { slug: "kang-minji", name: "Kang Minji" } })).id;
});

describe("related publications", () => {
  let subject = 0;

  beforeAll(async () => {
    subject = await createPublication({
      title: "Sanctions on the Kaesong Industrial Complex",
      publishedAt: "2024-05-01Z",
      categories: ["northKorea"],
      authors: ["rudiger"],
    });
    // Shares the author and a topic (score 3), with no word in common.
    await createPublication({
      title: "Fisheries and coastal towns",
      publishedAt: "2018-01-01Z",
      categories: ["northKorea"],
      authors: ["rudiger"],
    });
    // Shares the author only (score 2), older than the topic-only ones below.
    await createPublication({
      title: "Housing prices in the capital",
      publishedAt: "2017-01-01Z",
      categories: ["economy"],
      authors: ["rudiger"],
    });
    // Share the topic only (score 1): the one about Kaesong sanctions comes first although it is older.
    await createPublication({
      title: "Tourism numbers after the pandemic",
      publishedAt: "2024-04-01Z",
      categories: ["northKorea"],
      authors: ["eleanor"],
    });
    await createPublication({
      title: "Kaesong sanctions, revisited",
      publishedAt: "2016-01-01Z",
      categories: ["northKorea"],
      authors: ["kang"],
    });
    // Shares nothing but words: only when fewer than four share an author or topic.
    await createPublication({
      title: "Why sanctions rarely work",
      publishedAt: "2023-01-01Z",
      categories: ["energy"],
      authors: ["eleanor"],
    });
    // Never shown: not public, or not related at all.
    await createPublication({
      title: "Kaesong sanctions draft",
      publishedAt: "2024-01-01Z",
      status: "DRAFT",
      categories: ["northKorea"],
      authors: ["rudiger"],
    });
    await createPublication({
      title: "Kaesong sanctions in the trash",
      publishedAt: "2024-01-01Z",
      deleted: true,
      categories: ["northKorea"],
      authors: ["rudiger"],
    });
    await createPublication({
      title: "Kaesong sanctions next year",
      publishedAt: "2099-01-01Z",
      categories: ["northKorea"],
      authors: ["rudiger"],
    });
    await createPublication({
      title: "Baseball season opens",
      publishedAt: "2024-04-15Z",
      categories: ["energy"],
      authors: ["kang"],
    });
  });

  it("ranks shared authors and topics first, then similar titles, then recency", async () => {
    expect(await relatedTitles(subject)).toEqual([
      "Fisheries and coastal towns",
      "Housing prices in the capital",
      "Kaesong sanctions, revisited",
      "Tourism numbers after the pandemic",
    ]);
  });

  it("fills the list with publications that share only words, never unrelated or hidden ones", async () => {
    const lonely = await createPublication({
      title: "Sanctions and the rice trade",
      publishedAt: "2024-06-01Z",
      categories: [],
      authors: [],
    });
    expect((await relatedTitles(lonely)).sort()).toEqual(
      [
        "Kaesong sanctions, revisited",
        "Sanctions on the Kaesong Industrial Complex",
        "Why sanctions rarely work",
      ].sort(),
    );
  });
});
