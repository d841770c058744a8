import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { chunkedUploadStatus, rawRequest } from "../support/http";

/**
 * Forged and malformed server-action requests are answered with a clear 4xx by the
 * server (server.ts, lib/http/action-guard.ts) before Next.js, which answered them 500.
 * Raw requests against the real server, aimed at a real action (the public signup form's).
 */
const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
  node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
};
const [actionId] = Object.entries(manifest.node).find(
  ([, action]) => action.exportedName === "subscribe" && "app/(public)/subscribe/page" in action.workers,
)!;

const ORIGIN = new URL(baseURL).origin;
const TEXT = "text/plain;charset=UTF-8";
const BOUNDARY = "----QuireTestBoundary7MA4YWxkTrZu0gW";

function multipart(fields: Record<string, string>): string {
  return (
    Object.entries(fields)
      .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${BOUNDARY}--\r\n`
  );
}

function action(options: {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  announcedLength?: number;
}) {
  return rawRequest({
    ...options,
    method: options.method ?? "POST",
    path: "/subscribe",
    headers: { "next-action": actionId, origin: ORIGIN, "content-type": TEXT, ...options.headers },
  });
}

test.describe("server actions", () => {
  test("from a foreign origin, or with none, are refused with 403", async () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example", "not a url"]) {
      const response = await action({ headers: { origin }, body: '["$K1"]' });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body)).toEqual({
        ok: false,
        message: "This request did not come from this site's pages.",
      });
    }
    const { status } = await rawRequest({
      method: "POST",
      path: "/subscribe",
      headers: { "next-action": actionId, "content-type": TEXT },
      body: "[]",
    });
    expect(status).toBe(403);
  });

  test("with another method than POST are refused with 405", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await action({ method, body: method === "GET" ? undefined : "[]" });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe("POST");
    }
  });

  test("with a body that is neither text nor multipart are refused with 415", async () => {
    for (const contentType of ["application/json", "application/x-www-form-urlencoded", "text/html"]) {
      expect((await action({ headers: { "content-type": contentType }, body: "[]" })).status, contentType).toBe(415);
    }
  });

  test("over the size limit are refused with 413, whether announced (before the body is sent) or streamed", async () => {
    expect((await action({ announcedLength: 2 * 1024 * 1024 })).status).toBe(413);
    const big = Buffer.from(`["${"a".repeat(2 * 1024 * 1024)}"]`);
    const streamed = await chunkedUploadStatus({
      path: "/subscribe",
      headers: { "next-action": actionId, origin: ORIGIN, "content-type": TEXT },
      body: big,
    });
    expect(streamed).toBe(413);
  });

  test("with a body Next.js cannot decode are refused with 400", async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ["JSON cut short", {}, '[{"a":'],
      ["not JSON at all", {}, "\u0000\u0001garbage"],
      ["multipart without a boundary", { "content-type": "multipart/form-data" }, "x"],
      ["multipart that does not parse", { "content-type": `multipart/form-data; boundary=${BOUNDARY}` }, "garbage"],
      [
        "multipart without the root field",
        { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        multipart({ "1": "[]" }),
      ],
      [
        "multipart whose root is not JSON",
        { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        multipart({ "0": "[{" }),
      ],
      ["a router state header that does not parse", { "next-router-state-tree": "%7Bnot-json" }, "[]"],
      ["an action id that is not one", { "next-action": "../../etc" }, "[]"],
    ];
    for (const [what, headers, body] of cases) {
      const response = await action({ headers, body });
      expect(response.status, what).toBe(400);
      expect(JSON.parse(response.body).ok, what).toBe(false);
    }
  });

  test("a form posted to a page (a form action before JavaScript ran) from a foreign origin or malformed gets a 4xx", async () => {
    const form = { "content-type": `multipart/form-data; boundary=${BOUNDARY}` };
    const foreign = await rawRequest({
      method: "POST",
      path: "/subscribe",
      headers: { ...form, origin: "https://evil.example" },
      body: multipart({ email: "a@example.org" }),
    });
    expect(foreign.status).toBe(403);
    const malformed = await rawRequest({
      method: "POST",
      path: "/subscribe",
      headers: { ...form, origin: ORIGIN },
      body: "garbage",
    });
    expect(malformed.status).toBe(400);
  });

  test("a well-formed action still reaches the app, and a page with forged Next-Action-like traffic still serves", async ({
    page,
  }) => {
    // The signup form on /subscribe works through its server action (the browser sends it).
    await page.goto("/subscribe");
    const form = page.getByRole("form", { name: "Subscribe" });
    await form.getByLabel("Email").fill(`e2e-action-${Date.now()}@example.org`);
    await form.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText("Thank you! Please check your inbox")).toBeVisible();
    expect((await page.request.get("/subscribe")).status()).toBe(200);
  });
});
