/**
 * Site search reads publications' PDF reports, against a real database, real pdftotext
 * and real files: a PDF uploaded through the media route has its pages read, a
 * publication attaching it is found by a word on its second page ("In the PDF, page 2"),
 * below publications that have the word themselves; a damaged PDF, or no pdftotext at
 * all, never fails the upload, and the unread PDFs are read later.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SearchResultList } from "@/components/public/search-results";
import type { SearchEngine, SearchResults } from "@/lib/search/engine";
import { createPostgresSearchEngine } from "@/lib/search/postgres-engine";
import { cleanQuery } from "@/lib/search/query";
import { isolatedTestDatabase } from "./support/database";
import { textPdf } from "./support/pdf";
import { actAs, createStaff, stubAppEnvironment } from "./support/request-scope";

const SITE_URL = "https://think.example.org";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-pdf-search-"));
let mediaApi: typeof import("@/app/api/admin/media/route");
let engine: SearchEngine;
let typeId = 0;
let slugCounter = 0;

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { SITE_URL, QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  mediaApi = await import("@/app/api/admin/media/route");
  await actAs(await createStaff(testDatabase.db, "EDITOR", "editor"));
  engine = createPostgresSearchEngine({ connectionString: testDatabase.url, maxConnections: 2 });
  typeId = (
    await testDatabase.db.publicationType.create({
      data: { slug: "report", name: "Report", pluralName: "Reports", position: 0 },
    })
  ).id;
});

afterAll(async () => {
  await engine?.close();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Uploads a file through the media route as the editor's browser would. */
async function upload(contents: Buffer, name: string): Promise<{ status: number; id: number }> {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(contents)], name, { type: "application/pdf" }));
  const encoded = new Request(`${SITE_URL}/api/admin/media`, { method: "POST", body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const response = await mediaApi.POST(
    new Request(`${SITE_URL}/api/admin/media`, {
      method: "POST",
      body,
      headers: {
        "content-type": encoded.headers.get("content-type")!,
        "content-length": String(body.byteLength),
        origin: SITE_URL,
      },
    }),
  );
  const answer = (await response.json()) as { item?: { id: number } };
  return { status: response.status, id: answer.item?.id ?? 0 };
}

async function createPublication(input: { title: string; body?: string; pdfId?: number | null; publishedAt?: string }) {
  return testDatabase.db.publication.create({
    data: {
      slug: `pdf-publication-${++slugCounter}`,
      title: input.title,
      bodyJson: { type: "doc", content: [] },
      bodyHtml: `<p>${input.body ?? "An unremarkable paragraph."}</p>`,
      status: "PUBLISHED",
      publishedAt: new Date(input.publishedAt ?? "2024-01-01T00:00:00Z"),
      typeId,
      pdfId: input.pdfId ?? null,
    },
    select: { id: true },
  });
}

function search(query: string): Promise<SearchResults> {
  return engine.search({ query: cleanQuery(query), filters: {}, sort: "relevance", page: 1 });
}

describe("a publication's PDF in search", () => {
  it("finds a word on the PDF's second page, saying where", async () => {
    const pdf = textPdf(["Opening remarks on regional security.", "The zorblaxian accord was signed at dawn."]);
    const uploaded = await upload(pdf, "report.pdf");
    expect(uploaded.status).toBe(201);
    const pages = await testDatabase.db.mediaPage.findMany({
      where: { mediaId: uploaded.id },
      orderBy: { page: "asc" },
    });
    expect(pages.map((page) => page.page)).toEqual([1, 2]);

    const publication = await createPublication({ title: "Annual security review", pdfId: uploaded.id });
    const results = await search("zorblaxian");
    expect(results.hits.map((hit) => hit.id)).toEqual([publication.id]);
    const [hit] = results.hits;
    expect(hit!.pdfPage).toBe(2);
    expect(hit!.snippet.find((part) => part.match)?.text).toBe("zorblaxian");
    // The place links to the PDF, opening at that page.
    const storageKey = (await testDatabase.db.media.findUniqueOrThrow({ where: { id: uploaded.id } })).storageKey;
    expect(hit!.pdfHref).toBe(`/media/${storageKey}#page=2`);
    const html = renderToStaticMarkup(createElement(SearchResultList, { hits: results.hits }));
    expect(html).toMatch(new RegExp(`<a href="/media/${storageKey}#page=2"[^>]*>In the PDF, page 2</a>`));
    expect(html).toContain("<mark");

    // A phrase is checked on the page; a word of the publication itself gets no PDF place.
    expect((await search('"zorblaxian accord"')).hits[0]?.pdfPage).toBe(2);
    expect((await search("security review")).hits[0]?.pdfPage).toBeUndefined();
  });

  it("finds a phrase that runs on from one page of the PDF to the next", async () => {
    const pdf = textPdf(["Preface.", "The chapter ends with the velmorian", "compact, signed much later."]);
    const uploaded = await upload(pdf, "compact.pdf");
    const publication = await createPublication({ title: "Treaty history", pdfId: uploaded.id });
    const results = await search('"velmorian compact"');
    expect(results.hits.map((hit) => hit.id)).toEqual([publication.id]);
    expect(results.hits[0]!.pdfPage).toBe(2);
    expect((await search('"compact velmorian"')).total).toBe(0);
    // Words found on different pages: the first page with one of them.
    expect((await search("velmorian signed")).hits[0]?.pdfPage).toBe(2);
  });

  it("follows the PDF being attached, detached and the publication hidden", async () => {
    const uploaded = await upload(textPdf(["Nothing here.", "A quintessary appendix."]), "appendix.pdf");
    const publication = await createPublication({ title: "Budget notes" });
    expect((await search("quintessary")).total).toBe(0);
    await testDatabase.db.publication.update({ where: { id: publication.id }, data: { pdfId: uploaded.id } });
    expect((await search("quintessary")).hits.map((hit) => hit.id)).toEqual([publication.id]);
    await testDatabase.db.publication.update({ where: { id: publication.id }, data: { status: "DRAFT" } });
    expect((await search("quintessary")).total).toBe(0);
    await testDatabase.db.publication.update({
      where: { id: publication.id },
      data: { status: "PUBLISHED", pdfId: null },
    });
    expect((await search("quintessary")).total).toBe(0);
  });

  it("ranks a match in the PDF alone below matches in titles and bodies", async () => {
    const uploaded = await upload(textPdf(["The marlinspike doctrine, at length."]), "doctrine.pdf");
    const pdfOnly = await createPublication({
      title: "Naval posture",
      pdfId: uploaded.id,
      publishedAt: "2025-06-01T00:00:00Z",
    });
    const inBody = await createPublication({
      title: "Fleet readiness",
      body: "Some call it the marlinspike doctrine.",
      publishedAt: "2020-01-01T00:00:00Z",
    });
    const inTitle = await createPublication({ title: "The marlinspike doctrine", publishedAt: "2019-01-01T00:00:00Z" });
    const results = await search("marlinspike");
    expect(results.hits.map((hit) => hit.id)).toEqual([inTitle.id, inBody.id, pdfOnly.id]);
    expect(results.hits.map((hit) => hit.pdfPage)).toEqual([undefined, undefined, 1]);
  });

  it("corrects a typo beside a word found only in a PDF, keeping that word", async () => {
    await createPublication({ title: "Office notes", body: "The ministry and its budget office." });
    const uploaded = await upload(textPdf(["The ministral budget was cut twice."]), "ministral.pdf");
    const withPdf = await createPublication({ title: "Council papers", pdfId: uploaded.id });
    // "budgte" finds nothing: it is corrected; "ministral" is in the PDF, not a typo of "ministry".
    const results = await search("ministral budgte");
    expect(results.correctedFrom).toBe("ministral budgte");
    expect(results.query).toBe("ministral budget");
    expect(results.hits.map((hit) => hit.id)).toEqual([withPdf.id]);
    expect(results.hits[0]!.pdfPage).toBe(1);
  });

  it("excludes a word wherever it occurs, the body or the PDF", async () => {
    const withPdf = async (title: string, body: string, pdfText: string) => {
      const uploaded = await upload(textPdf([pdfText]), `${title.toLowerCase().replaceAll(" ", "-")}.pdf`);
      return createPublication({ title, body, pdfId: uploaded.id });
    };
    const excludedInBody = await withPdf("Export notes", "Exports to Vostrovia fell.", "The quargle was tightened.");
    const excludedInPdf = await withPdf("Trade notes", "The quargle was debated.", "Vostrovia answered it.");
    const neither = await createPublication({ title: "Market notes", body: "The quargle hit exports." });
    const all = (await search("quargle")).hits.map((hit) => hit.id);
    expect(all.sort()).toEqual([excludedInBody.id, excludedInPdf.id, neither.id].sort());
    expect((await search("quargle -vostrovia")).hits.map((hit) => hit.id)).toEqual([neither.id]);
    const newest = await engine.search({ query: "quargle -vostrovia", filters: {}, sort: "newest", page: 1 });
    expect(newest.hits.map((hit) => hit.id)).toEqual([neither.id]);
  });

  it("stores a damaged PDF, recording that its text could not be read", async () => {
    const garbage = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4096, 0xa7), Buffer.from("\n%%EOF\n")]);
    const uploaded = await upload(garbage, "broken.pdf");
    expect(uploaded.status).toBe(201);
    const media = await testDatabase.db.media.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(media.textReadAt).not.toBeNull();
    expect(media.textError).toMatch(/could not be read/);
    expect(await testDatabase.db.mediaPage.count({ where: { mediaId: uploaded.id } })).toBe(0);
  });

  it("uploads PDFs without pdftotext, and reads them once it is there", async () => {
    const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), "quire-no-pdftotext-"));
    const pathBefore = process.env.PATH;
    let uploaded: { status: number; id: number };
    try {
      process.env.PATH = emptyBin;
      uploaded = await upload(textPdf(["A vellichor survey of archives."]), "survey.pdf");
    } finally {
      process.env.PATH = pathBefore;
      fs.rmSync(emptyBin, { recursive: true, force: true });
    }
    expect(uploaded.status).toBe(201);
    const unread = await testDatabase.db.media.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(unread.textReadAt).toBeNull();
    const publication = await createPublication({ title: "Archive survey", pdfId: uploaded.id });
    expect((await search("vellichor")).total).toBe(0);

    const { readUnreadPdfs } = await import("@/lib/media/pdf-text");
    const { storageForEnvironment } = await import("@/lib/media/storage-for-environment");
    const { env } = await import("@/lib/env");
    const done = await readUnreadPdfs(testDatabase.db, storageForEnvironment(env), { limit: 10 });
    expect(done).toEqual({ read: 1, unavailable: false });
    expect((await search("vellichor")).hits.map((hit) => hit.id)).toEqual([publication.id]);
  });
});
