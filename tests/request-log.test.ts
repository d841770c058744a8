/**
 * The server's JSON log and request ids: what a request line says (and what it must not:
 * query values, preview tokens), the id taken only from a trusted proxy, echoed in the
 * response; and /api/health's details through the real server, where the client's address
 * comes from the socket or a trusted proxy's X-Forwarded-For.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loggableTarget, requestIdFor } from "@/lib/http/request-log";
import { serializeError } from "@/lib/log.mjs";
import { freePort } from "../scripts/lib/processes";
import { isolatedTestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/next-server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("serializeError", () => {
  it("keeps an error's message, code and stack, never the database client node-postgres hangs on it", () => {
    const error = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
      client: { user: "quire", host: "127.0.0.1", secretKey: 1234 },
    });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ message: error.message, code: "57P01", type: "Error" });
    expect(logged.stack).toContain("terminating connection");
    expect(JSON.stringify(logged)).not.toContain("secretKey");
  });
});

describe("loggableTarget and requestIdFor", () => {
  it("keeps the path and the query's names, never its values or a preview token", () => {
    expect(loggableTarget("/publications/a-report")).toEqual({ path: "/publications/a-report" });
    expect(loggableTarget("/api/unsubscribe?token=s3cr3t&email=a%40b.org&token=again")).toEqual({
      path: "/api/unsubscribe",
      query: ["token", "email"],
    });
    expect(loggableTarget("/preview/eyJhbGciOi.secret/more?x=1")).toEqual({
      path: "/preview/[redacted]/more",
      query: ["x"],
    });
    expect(loggableTarget("/search?")).toEqual({ path: "/search" });
  });

  it("takes a trusted proxy's well-formed id, and makes one otherwise", () => {
    expect(requestIdFor("edge-42.abc", true)).toBe("edge-42.abc");
    expect(requestIdFor("edge-42.abc", false)).toMatch(UUID);
    expect(requestIdFor("forged\nline", true)).toMatch(UUID);
    expect(requestIdFor("x".repeat(129), true)).toMatch(UUID);
    expect(requestIdFor(undefined, true)).toMatch(UUID);
  });
});

/** A GET from a chosen loopback address (127.0.0.1 is the trusted proxy here; 127.0.0.77 is not). */
function get(base: string, path: string, options: { from: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.get(
      new URL(path, base),
      { localAddress: options.from, headers: options.headers ?? {}, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
  });
}

describe("the log outside the Next.js bundle", () => {
  it("is JSON lines from the Redis page cache handler, loaded by plain Node, when Redis is away", async () => {
    const port = await freePort(); // nothing listens there
    const handler = pathToFileURL(path.resolve("lib/cache/redis-cache-handler.mjs")).href;
    const script = `
      const { default: Handler } = await import(${JSON.stringify(handler)});
      const found = await new Handler({}).get("/route-cache/APP_PAGE/x/$/publications/away");
      process.exit(found === null ? 0 : 3);`;
    // No TypeScript loader, as the production server runs it.
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: "info", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        service: "quire",
        msg: "Page cache read failed",
        key: "/route-cache/APP_PAGE/x/$/publications/away",
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "Redis connection failed" }));
  });
});

describe("the server's request log and /api/health details", { timeout: 600_000 }, () => {
  const testDatabase = isolatedTestDatabase();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(testDatabase.url, {
      TRUSTED_PROXIES: "127.0.0.1",
      LOG_LEVEL: "info",
      HEALTH_TOKEN: "a-health-token-for-the-monitoring-system",
    });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
  });

  /** The log's JSON lines for requests with this id. */
  const requestLines = (requestId: string) =>
    server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === "request" && entry.requestId === requestId);

  it("logs each request as one JSON line with the trusted proxy's request id, echoed back", async () => {
    const response = await get(server.base, "/api/unsubscribe?token=not-a-real-token-but-secret", {
      from: "127.0.0.1",
      headers: { "X-Request-Id": "front-cache-7f3a" },
    });
    expect(response.headers["x-request-id"]).toBe("front-cache-7f3a");
    await vi.waitFor(() => expect(requestLines("front-cache-7f3a")).toHaveLength(1), { timeout: 10_000 });
    const [line] = requestLines("front-cache-7f3a");
    expect(line).toMatchObject({
      level: "info",
      method: "GET",
      path: "/api/unsubscribe",
      query: ["token"],
      status: response.status,
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(typeof line!.time).toBe("string");
    expect(server.output()).not.toContain("not-a-real-token-but-secret");
  });

  it("ignores an id from a client that is not a trusted proxy, and makes its own", async () => {
    const response = await get(server.base, "/api/health", {
      from: "127.0.0.77",
      headers: { "X-Request-Id": "chosen-by-the-client" },
    });
    const id = String(response.headers["x-request-id"]);
    expect(id).toMatch(UUID);
    await vi.waitFor(() => expect(requestLines(id)).toHaveLength(1), { timeout: 10_000 });
    expect(requestLines("chosen-by-the-client")).toHaveLength(0);
  });

  it("shows /api/health's details to this machine, not to a reader behind the proxy without the token", async () => {
    const local = await get(server.base, "/api/health?details=1", { from: "127.0.0.77" });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });

    const reader = { from: "127.0.0.1", headers: { "X-Forwarded-For": "203.0.113.9" } };
    expect((await get(server.base, "/api/health", reader)).body).toBe('{"status":"ok"}');
    expect((await get(server.base, "/api/health?details=1", reader)).status).toBe(403);
    const withToken = await get(server.base, "/api/health?details=1", {
      from: "127.0.0.1",
      headers: { "X-Forwarded-For": "203.0.113.9", Authorization: "Bearer a-health-token-for-the-monitoring-system" },
    });
    expect(withToken.status).toBe(200);
  });
});
