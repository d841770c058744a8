/**
 * /api/health: the public answer (database only, nothing else said), and the details
 * (database, Redis, job queue) only for requests from this machine or with HEALTH_TOKEN.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { startRedis } from "../scripts/lib/cluster";
import { freePort } from "../scripts/lib/processes";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
const HEALTH_TOKEN = "a-health-token-for-the-monitoring-system";

/** Loads the route handler as the server would, against the given database URL. */
async function loadHealthRoute(databaseUrl: string, extra: Record<string, string> = {}) {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("HEALTH_TOKEN", HEALTH_TOKEN);
  vi.stubEnv("QUIRE_WORKERS", "off");
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
  return import("@/app/api/health/route");
}

/** A request as server.ts hands it on: the client's address in the one header the app trusts. */
function probe(query = "", options: { from?: string; token?: string } = {}) {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: options.from ?? "203.0.113.7" });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  return new Request(`https://think.example.org/api/health${query}`, { headers });
}

afterEach(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
});

describe("GET /api/health", () => {
  it("answers 200 with status ok when the database answers", async () => {
    const { GET } = await loadHealthRoute(testDatabase.url);
    const response = await GET(probe());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
    // A prober's cache-buster changes nothing.
    expect(await (await GET(probe("?_=1733300000"))).json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    const { GET } = await loadHealthRoute("postgresql://nobody:secret@127.0.0.1:1/nothing");
    const response = await GET(probe());
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });

  it("shows the details to a request from this machine: database, Redis and the job queue", async () => {
    const { GET } = await loadHealthRoute(testDatabase.url);
    for (const from of ["127.0.0.1", "::1"]) {
      const response = await GET(probe("?details=1", { from }));
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({
        status: "ok",
        checks: {
          database: { status: "ok" },
          redis: { status: "not configured" },
          jobs: { status: "ok", workers: "off", due: expect.any(Number), failedLastDay: expect.any(Number) },
        },
      });
      expect(body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("counts the job queue's due and scheduled jobs, as pg-boss holds them", async () => {
    const boss = new PgBoss({ connectionString: testDatabase.url, schema: "pgboss", max: 1 });
    boss.on("error", () => {});
    await boss.start();
    try {
      await boss.createQueue("health-probe");
      await boss.send("health-probe", {});
      await boss.send("health-probe", {}, { startAfter: new Date(Date.now() + 3_600_000) });
      const { GET } = await loadHealthRoute(testDatabase.url);
      const jobs = (await (await GET(probe("?details=1", { from: "127.0.0.1" }))).json()).checks.jobs;
      expect(jobs).toMatchObject({ status: "ok", due: 1, scheduled: 1, active: 0 });
      expect(jobs.oldestDueSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("refuses the details to anyone else without the token, and shows them with it", async () => {
    const { GET } = await loadHealthRoute(testDatabase.url);
    const refused = await GET(probe("?details=1"));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toMatch(/database|redis|jobs/);
    expect((await GET(probe("?details=1", { token: "not-the-health-token-at-all-no" }))).status).toBe(403);
    expect((await GET(probe("?details=1", { token: HEALTH_TOKEN.slice(0, -1) }))).status).toBe(403);

    const allowed = await GET(probe("?details=1", { token: HEALTH_TOKEN }));
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).checks.database.status).toBe("ok");
  });

  it("answers 400 to a details value it does not know", async () => {
    const { GET } = await loadHealthRoute(testDatabase.url);
    const response = await GET(probe("?details=everything", { from: "127.0.0.1" }));
    expect(response.status).toBe(400);
  });

  it("reports the database's failure in the details, still with 503", async () => {
    const { GET } = await loadHealthRoute("postgresql://nobody:secret@127.0.0.1:1/nothing");
    const response = await GET(probe("?details=1", { from: "127.0.0.1" }));
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.checks.database.status).toBe("unavailable");
    expect(body.checks.jobs.status).toBe("unavailable");
  });

  it("reports Redis when REDIS_URL is set: ok when it answers a PING, unavailable when not", async () => {
    // Nothing listens on port 1.
    const down = await loadHealthRoute(testDatabase.url, { REDIS_URL: "redis://127.0.0.1:1" });
    const body = await (await down.GET(probe("?details=1", { from: "127.0.0.1" }))).json();
    expect(body.status).toBe("ok"); // the public meaning stays the database's
    expect(body.checks.redis).toMatchObject({ status: "unavailable" });

    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-health-redis-"));
    const redis = await startRedis(await freePort(), workDir);
    try {
      const up = await loadHealthRoute(testDatabase.url, { REDIS_URL: redis.url });
      const answer = await (await up.GET(probe("?details=1", { from: "127.0.0.1" }))).json();
      expect(answer.checks.redis).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
    } finally {
      await redis.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
