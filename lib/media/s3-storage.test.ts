/**
 * The S3 driver's requests as an HTTP server receives them: path-style URLs, signed
 * headers, the body's hash, and how answers map to results. The server here is a stand-in
 * that keeps objects in memory; the driver has not been run against a live S3 service.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Storage, StorageError } from "./s3-storage";
import { sha256Hex } from "./sigv4";

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer };
const received: Received[] = [];
const objects = new Map<string, { body: Buffer; type: string }>();
let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const path = request.url!;
      if (path.includes("forbidden")) return response.writeHead(403).end("<Error><Code>AccessDenied</Code></Error>");
      if (request.method === "PUT") objects.set(path, { body, type: String(request.headers["content-type"]) });
      if (request.method === "DELETE") objects.delete(path);
      if (request.method === "GET") {
        const object = objects.get(path);
        if (!object) return response.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
        return response
          .writeHead(200, { "content-type": object.type, "content-length": object.body.length })
          .end(object.body);
      }
      response.writeHead(request.method === "DELETE" ? 204 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const storage = () =>
  s3Storage({
    endpoint,
    bucket: "quire-media",
    region: "eu-west-1",
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "secret",
  });

describe("s3Storage", () => {
  it("puts, gets and removes an object with signed, path-style requests", async () => {
    const contents = Buffer.from("fake image bytes");
    await storage().put("uploads/abc.png", contents, "image/png");
    const put = received.at(-1)!;
    expect(put).toMatchObject({ method: "PUT", url: "/quire-media/uploads/abc.png" });
    expect(put.body.equals(contents)).toBe(true);
    expect(put.headers["x-amz-content-sha256"]).toBe(sha256Hex(contents));
    expect(put.headers["content-type"]).toBe("image/png");
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/,
    );

    const object = await storage().get("uploads/abc.png");
    expect(object?.size).toBe(contents.length);
    expect(Buffer.from(await new Response(object!.body).arrayBuffer()).equals(contents)).toBe(true);

    await storage().remove("uploads/abc.png");
    expect(received.at(-1)!.method).toBe("DELETE");
    expect(await storage().get("uploads/abc.png")).toBeNull();
  });

  it("streams a file from disk with its length and hash signed, not chunked", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "quire-s3-"));
    try {
      const file = path.join(directory, "report.pdf");
      const contents = Buffer.alloc(3 * 1024 * 1024 + 17, "%PDF-1.4 streamed ");
      fs.writeFileSync(file, contents);
      await storage().putFile("uploads/report.pdf", file, "application/pdf");
      const put = received.at(-1)!;
      expect(put).toMatchObject({ method: "PUT", url: "/quire-media/uploads/report.pdf" });
      expect(put.body.equals(contents)).toBe(true);
      expect(put.headers["content-length"]).toBe(String(contents.length));
      expect(put.headers["transfer-encoding"]).toBeUndefined();
      expect(put.headers["x-amz-content-sha256"]).toBe(sha256Hex(contents));
      expect(put.headers.authorization).toMatch(
        /SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,/,
      );
      await expect(storage().putFile("uploads/forbidden.pdf", file, "application/pdf")).rejects.toThrow(/HTTP 403/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it("reports a refusal as a StorageError naming the status", async () => {
    await expect(storage().put("uploads/forbidden.png", Buffer.from("x"), "image/png")).rejects.toThrow(StorageError);
    await expect(storage().get("uploads/forbidden.png")).rejects.toThrow(/HTTP 403/);
  });
});
