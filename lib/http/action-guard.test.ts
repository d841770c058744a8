import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { actionKind, checkActionBody, checkActionHead, isOversizedPageBody, readLimitedBody } from "./action-guard";

const ID = "60da70ae2a1365a1c6bfcd2be6fcc8a2ec1490d958";
const hosts = new Set(["site.example"]);
const head = (method: string, headers: Record<string, string>, url = "/subscribe") => ({ method, url, headers });

describe("actionKind", () => {
  it("is 'action' for any request with Next-Action, 'form' for multipart posts to pages, else null", () => {
    expect(actionKind(head("GET", { "next-action": ID }))).toBe("action");
    expect(actionKind(head("POST", { "content-type": "multipart/form-data; boundary=x" }))).toBe("form");
    expect(
      actionKind(head("POST", { "content-type": "multipart/form-data; boundary=x" }, "/api/admin/media")),
    ).toBeNull();
    // The subscriber import streams its own upload (up to 5 MB), past the 1 MB a form action may have.
    expect(
      actionKind(head("POST", { "content-type": "multipart/form-data; boundary=x" }, "/admin/subscribers/import")),
    ).toBeNull();
    expect(
      actionKind(head("POST", { "content-type": "multipart/form-data; boundary=x" }, "/admin/subscribers/import/x")),
    ).toBe("form");
    expect(actionKind(head("POST", { "content-type": "application/json" }))).toBeNull();
    expect(actionKind(head("GET", {}))).toBeNull();
  });
});

describe("isOversizedPageBody", () => {
  it("is true for a body over the limit sent to a page, false for route handlers and smaller bodies", () => {
    const request = (url: string, length: number) => ({
      method: "POST",
      url,
      headers: { "content-length": String(length) },
    });
    const tooLarge = 3 * 1024 * 1024;
    expect(isOversizedPageBody(request("/search?q=x", tooLarge))).toBe(true);
    expect(isOversizedPageBody(request("/", tooLarge))).toBe(true);
    expect(isOversizedPageBody(request("/search", 1024))).toBe(false);
    expect(isOversizedPageBody(request("/api/admin/media", tooLarge))).toBe(false);
    expect(isOversizedPageBody(request("/admin/subscribers/import", tooLarge))).toBe(false);
    expect(isOversizedPageBody({ method: "GET", url: "/", headers: {} })).toBe(false);
  });
});

describe("checkActionHead", () => {
  const ok = { "next-action": ID, origin: "https://site.example", "content-type": "text/plain;charset=UTF-8" };

  it("lets a well-formed action through", () => {
    expect(checkActionHead(head("POST", ok), "action", hosts)).toBeNull();
  });

  it.each([
    ["GET", {}, 405],
    ["POST", { origin: "https://evil.example" }, 403],
    ["POST", { origin: "null" }, 403],
    ["POST", { origin: "https://site.example/path" }, 403],
    ["POST", { origin: "javascript://site.example" }, 403],
    ["POST", { "content-type": "application/json" }, 415],
    ["POST", { "content-type": "multipart/form-data" }, 400],
    ["POST", { "content-length": String(2 * 1024 * 1024) }, 413],
    ["POST", { "content-length": "12x" }, 400],
    ["POST", { "next-action": "not-hex" }, 400],
    ["POST", { "next-router-state-tree": "%7B" }, 400],
  ])("%s with %j is refused with %i", (method, override, status) => {
    expect(checkActionHead(head(method, { ...ok, ...override }), "action", hosts)?.status).toBe(status);
  });

  it("refuses a request without Origin", () => {
    const withoutOrigin: Record<string, string> = { ...ok };
    delete withoutOrigin.origin;
    expect(checkActionHead(head("POST", withoutOrigin), "action", hosts)?.status).toBe(403);
  });
});

describe("checkActionBody and readLimitedBody", () => {
  it("accepts JSON text and multipart with a JSON root, refuses the rest", async () => {
    expect(await checkActionBody("action", "text/plain", Buffer.from('["a",{"b":1}]'))).toBeNull();
    expect((await checkActionBody("action", "text/plain", Buffer.from("[{")))?.status).toBe(400);
    const form = new FormData();
    form.set("0", '["$K1"]');
    const request = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const contentType = request.headers.get("content-type")!;
    expect(await checkActionBody("action", contentType, body)).toBeNull();
    expect((await checkActionBody("action", contentType.replace(/boundary=.*/, "boundary=other"), body))?.status).toBe(
      400,
    );
  });

  it("stops reading at the limit", async () => {
    const read = await readLimitedBody(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000);
    expect(Buffer.isBuffer(read) ? "buffer" : read.status).toBe(413);
    const small = await readLimitedBody(Readable.from([Buffer.from("ab"), Buffer.from("c")]), 1000);
    expect(small.toString()).toBe("abc");
  });
});
