/**
 * Streaming uploads (lib/http/upload-stream.ts): multipart bodies parsed as they arrive,
 * files written to a temporary folder with their hash, limits enforced while reading; and
 * the subscriber import's route, which receives its CSV that way.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";
import { actAs, createStaff, stubAppEnvironment } from "./support/request-scope";

const SITE_URL = "https://think.example.org";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-uploads-"));
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  return {
    stream: await import("@/lib/http/upload-stream"),
    importRoute: await import("@/app/(admin)/admin/subscribers/import/route"),
    queue: await import("@/lib/jobs/queue"),
  };
}

beforeAll(async () => {
  stubAppEnvironment(testDatabase.url, { SITE_URL, QUIRE_DATA_DIR: dataDir });
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  app = await loadApp();
  await actAs(await createStaff(testDatabase.db, "EDITOR"));
});

afterAll(async () => {
  await app.queue.stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const leftovers = () => (fs.existsSync(app.stream.UPLOAD_TEMP_DIR) ? fs.readdirSync(app.stream.UPLOAD_TEMP_DIR) : []);

/** A multipart request as a browser sends it. */
async function multipart(url: string, parts: Record<string, string | File>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  const encoded = new Request(url, { method: "POST", body: form });
  return new Request(url, {
    method: "POST",
    body: await encoded.arrayBuffer(),
    headers: { "content-type": encoded.headers.get("content-type")!, origin: SITE_URL, ...headers },
  });
}

describe("receiveMultipart", () => {
  it("writes the file to a private temporary file, with its size, hash and first bytes, and the fields", async () => {
    const contents = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300_000, 7)]);
    const request = await multipart(`${SITE_URL}/upload`, {
      alt: "  kept as sent  ",
      file: new File([new Uint8Array(contents)], "../../Report.pdf", { type: "application/pdf" }),
    });
    const received = await app.stream.receiveMultipart(request, { maxFileBytes: 1024 * 1024 });
    expect(received.ok).toBe(true);
    if (!received.ok) return;
    const file = received.form.file("file")!;
    expect(file).toMatchObject({
      field: "file",
      // The parser keeps only the last path segment of the name.
      filename: "Report.pdf",
      declaredType: "application/pdf",
      size: contents.length,
      sha256: createHash("sha256").update(contents).digest("hex"),
    });
    expect(file.head.equals(contents.subarray(0, 4096))).toBe(true);
    expect(path.dirname(file.path)).toBe(path.join(dataDir, "tmp", "uploads"));
    expect(fs.readFileSync(file.path).equals(contents)).toBe(true);
    expect(fs.statSync(file.path).mode & 0o077).toBe(0);
    expect(received.form.field("alt")).toBe("  kept as sent  ");
    expect(received.form.field("missing")).toBeNull();
    expect(received.form.file("other")).toBeNull();
    await received.form.discard();
    expect(fs.existsSync(file.path)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("refuses what is not multipart, malformed or over a limit with a 4xx, leaving no file behind", async () => {
    const receive = (request: Request, maxFileBytes = 1000) =>
      app.stream.receiveMultipart(request, {
        maxFileBytes,
        tooLargeMessage: "Too big.",
        maxFields: 3,
        maxFieldBytes: 100,
      });
    const post = (body: string, contentType: string) =>
      new Request(`${SITE_URL}/upload`, { method: "POST", body, headers: { "content-type": contentType } });
    const file = (size: number) => new File([new Uint8Array(size)], "a.bin");

    expect(await receive(post("{}", "application/json"))).toMatchObject({ ok: false, status: 415 });
    expect(await receive(post("nonsense", "multipart/form-data"))).toMatchObject({ ok: false, status: 400 });
    expect(
      await receive(
        post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\ncut sh', "multipart/form-data; boundary=x"),
      ),
    ).toMatchObject({ ok: false, status: 400 });
    expect(await receive(await multipart(`${SITE_URL}/u`, { file: file(1001) }))).toEqual({
      ok: false,
      status: 413,
      message: "Too big.",
    });
    expect(await receive(await multipart(`${SITE_URL}/u`, { a: "1", b: "2", c: "3", d: "4" }))).toMatchObject({
      ok: false,
      status: 413,
      message: "The form has too many fields.",
    });
    expect(await receive(await multipart(`${SITE_URL}/u`, { alt: "x".repeat(101) }))).toMatchObject({
      ok: false,
      status: 413,
      message: "The field “alt” is too long.",
    });
    // A second file in the same field is not kept; files in other fields are read and dropped.
    const form = new FormData();
    form.append("file", file(10));
    form.append("file", file(20));
    form.append("extra", file(30));
    const encoded = new Request(`${SITE_URL}/u`, { method: "POST", body: form });
    const twice = await receive(encoded);
    expect(twice).toMatchObject({ ok: false, status: 400, message: "Send one file at a time." });
    // Declared larger than anything acceptable: refused before reading.
    const declared = new Request(`${SITE_URL}/u`, {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
    });
    expect(await receive(declared)).toMatchObject({ ok: false, status: 413 });
    expect(leftovers()).toEqual([]);
  });
});

describe("POST /admin/subscribers/import", () => {
  const url = `${SITE_URL}/admin/subscribers/import`;
  const csv = (text: string, name = "list.csv") => new File([text], name, { type: "text/csv" });

  it("receives the CSV through the streaming upload and queues the import", async () => {
    const response = await app.importRoute.POST(
      await multipart(url, { file: csv("email,first name\nstream-a@example.org,Ann\n"), consent: "yes" }),
    );
    expect(response.status).toBe(303);
    const id = Number(/\/admin\/subscribers\/imports\/(\d+)$/.exec(response.headers.get("location")!)![1]);
    expect(await testDatabase.db.subscriberImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      filename: "list.csv",
      csv: "email,first name\nstream-a@example.org,Ann\n",
      assertedConsent: true,
      totalRows: 1,
    });
    expect(leftovers()).toEqual([]);
  });

  it("refuses a file over 5 MB, one that is not UTF-8, and a form without a file, with a page saying so", async () => {
    const before = await testDatabase.db.subscriberImport.count();
    const large = await app.importRoute.POST(
      await multipart(url, { file: csv(`email\n${"a".repeat(5 * 1024 * 1024)}`) }),
    );
    expect(large.status).toBe(413);
    expect(await large.text()).toContain("The file is too large (5 MB at most).");
    const latin1 = await app.importRoute.POST(
      await multipart(url, { file: new File([new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9])], "l.csv") }),
    );
    expect(latin1.status).toBe(400);
    expect(await latin1.text()).toContain("UTF-8");
    const empty = await app.importRoute.POST(await multipart(url, { consent: "yes" }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Choose a CSV file to import.");
    const foreign = await app.importRoute.POST(
      await multipart(url, { file: csv("email\nx@example.org\n") }, { origin: "https://evil.example" }),
    );
    expect(foreign.status).toBe(403);
    expect(await testDatabase.db.subscriberImport.count()).toBe(before);
    expect(leftovers()).toEqual([]);
  });
});
