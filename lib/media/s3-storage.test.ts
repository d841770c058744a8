/**
 * The S3 driver against a real S3-compatible server on loopback (s3rver, through
 * tests/support/s3-server.ts): objects written, streamed from disk, read back (whole and by
 * byte range), removed, and
 * read by a reader holding nothing but a presigned URL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3Server, type TestS3Server } from "@/tests/support/s3-server";
import { s3Storage, StorageError } from "./s3-storage";

let server: TestS3Server;

beforeAll(async () => {
  server = await startTestS3Server(["quire-media"]);
});

afterAll(async () => {
  await server?.stop();
});

const bytesOf = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());

describe("s3Storage against an S3-compatible server", () => {
  it("puts, gets and removes an object", async () => {
    const storage = s3Storage(server.config("quire-media"));
    const contents = Buffer.from("fake image bytes");
    await storage.put("uploads/abc.png", contents, "image/png");

    const object = await storage.get("uploads/abc.png");
    expect(object?.size).toBe(contents.length);
    expect((await bytesOf(object!.body)).equals(contents)).toBe(true);

    await storage.remove("uploads/abc.png");
    expect(await storage.get("uploads/abc.png")).toBeNull();
    await storage.remove("uploads/abc.png"); // already gone: no error
  });

  it("streams a large file from disk, with its length and hash sent up front", async () => {
    const storage = s3Storage(server.config("quire-media"));
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "quire-s3-"));
    try {
      const file = path.join(directory, "report.pdf");
      const contents = Buffer.alloc(3 * 1024 * 1024 + 17, "%PDF-1.4 streamed ");
      fs.writeFileSync(file, contents);
      await storage.putFile("uploads/report.pdf", file, "application/pdf");
      const object = await storage.get("uploads/report.pdf");
      expect(object?.size).toBe(contents.length);
      expect((await bytesOf(object!.body)).equals(contents)).toBe(true);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it("reads one byte range of an object, and says when a range lies outside it", async () => {
    const storage = s3Storage(server.config("quire-media"));
    await storage.put("uploads/talk.mp3", Buffer.from("0123456789"), "audio/mpeg");

    const middle = await storage.read("uploads/talk.mp3", { start: 2, end: 5 });
    expect(middle).toMatchObject({ satisfiable: true, range: { start: 2, end: 5 }, size: 10 });
    if (middle?.satisfiable) expect((await bytesOf(middle.body)).toString()).toBe("2345");
    // Suffix ranges ("bytes=-3") are not checked here: s3rver answers them from the first byte.
    expect(await storage.read("uploads/talk.mp3", { start: 50, end: null })).toMatchObject({ satisfiable: false });
    expect(await storage.read("uploads/none.mp3", { start: 0, end: null })).toBeNull();
  });

  it("hands out presigned URLs a reader can fetch without credentials, with the recorded type", async () => {
    const storage = s3Storage(server.config("quire-media"));
    await storage.put("uploads/paper.pdf", Buffer.from("%PDF-1.4 paper"), "application/octet-stream");
    const url = await storage.signedUrl("uploads/paper.pdf", {
      expiresInSeconds: 300,
      contentType: "application/pdf",
      contentDisposition: 'inline; filename="paper.pdf"',
    });
    const parsed = new URL(url);
    expect(parsed.origin).toBe(server.endpoint);
    expect(parsed.pathname).toBe("/quire-media/uploads/paper.pdf");
    expect(parsed.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(parsed.searchParams.get("X-Amz-Credential")).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(parsed.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="paper.pdf"');
    expect(await response.text()).toBe("%PDF-1.4 paper");
  });

  it("reports refusals as a StorageError naming the status", async () => {
    const stranger = s3Storage({ ...server.config("quire-media"), accessKeyId: "NOT-A-KEY" });
    await expect(stranger.put("uploads/x.png", Buffer.from("x"), "image/png")).rejects.toThrow(StorageError);
    await expect(stranger.get("uploads/x.png")).rejects.toThrow(/HTTP 403.*InvalidAccessKeyId/s);
    const noBucket = s3Storage(server.config("no-such-bucket"));
    await expect(noBucket.put("uploads/x.png", Buffer.from("x"), "image/png")).rejects.toThrow(
      /HTTP 404.*NoSuchBucket/s,
    );
  });
});
