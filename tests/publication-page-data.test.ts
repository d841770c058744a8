/**
 * GET /api/publications/[slug]: the publication page's data (pages/publications/[slug].tsx
 * renders it). Only published work comes out; a changed slug says where it moved.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PublicationPageData } from "@/lib/data/publication-page";
import { reviveDates } from "@/lib/data/revive-dates";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { isolatedTestDatabase } from "./support/database";

// Next's data cache lives in the server; here every read goes to the database.
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  unstable_cache: <T>(read: T) => read,
}));

const SITE_URL = "https://think.example.org";
const testDatabase = isolatedTestDatabase();
let GET: (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;

const getPage = (slug: string) =>
  GET(new Request(`${SITE_URL}/api/publications/${encodeURIComponent(slug)}`), { params: Promise.resolve({ slug }) });

beforeAll(async () => {
  await seedDemoArchive(testDatabase.url, { count: 30 });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("SITE_URL", SITE_URL);
  ({ GET } = await import("@/app/api/publications/[slug]/route"));
});

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.unstubAllEnvs();
});

describe("the publication page's data", () => {
  it("has a published publication with its authors in order, related reading and the signup topics; dates survive JSON", async () => {
    const published = await testDatabase.db.publication.findFirstOrThrow({
      where: { status: "PUBLISHED", deletedAt: null, publishedAt: { lte: new Date() } },
      orderBy: { publishedAt: "desc" },
      select: {
        slug: true,
        title: true,
        publishedAt: true,
        authors: { orderBy: { position: "asc" }, select: { author: { select: { slug: true } } } },
      },
    });
    const response = await getPage(published.slug);
    expect(response.status).toBe(200);
    const data = reviveDates((await response.json()) as PublicationPageData);
    expect(data.publication.title).toBe(published.title);
    expect(data.publication.publishedAt).toEqual(published.publishedAt);
    expect(data.publication.authors.map(({ author }) => author.slug)).toEqual(
      published.authors.map(({ author }) => author.slug),
    );
    expect(data.related.length).toBeGreaterThan(0);
    expect(data.related.map((item) => item.slug)).not.toContain(published.slug);
    expect(data.signupTopics.map((topic) => topic.slug)).toContain("north-korea");
  });

  it("is a 404 for drafts, work in the trash, unknown and malformed slugs, without the publication", async () => {
    const draft = await testDatabase.db.publication.findFirstOrThrow({ select: { id: true, slug: true } });
    await testDatabase.db.publication.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    const trashed = await testDatabase.db.publication.findFirstOrThrow({
      where: { status: "PUBLISHED", deletedAt: null },
      select: { id: true, slug: true },
    });
    await testDatabase.db.publication.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });
    for (const slug of [draft.slug, trashed.slug, "no-such-publication", "Bad Slug!", "a".repeat(500), "%00'\""]) {
      const response = await getPage(slug);
      expect(response.status, slug).toBe(404);
      const body = (await response.json()) as { message: string; movedTo?: string; publication?: unknown };
      expect(body.publication, slug).toBeUndefined();
      expect(body.movedTo, slug).toBeUndefined();
    }
  });

  it("says where a publication whose slug changed now lives", async () => {
    const moved = await testDatabase.db.publication.findFirstOrThrow({
      where: { status: "PUBLISHED", deletedAt: null },
      select: { slug: true },
    });
    await testDatabase.db.redirect.create({
      data: { fromPath: "/publications/its-old-slug", toPath: `/publications/${moved.slug}` },
    });
    const response = await getPage("its-old-slug");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ movedTo: `/publications/${moved.slug}` });
  });
});
