import { afterEach, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

/** Loads the route handler as the server would, against the given database URL. */
async function loadHealthRoute(databaseUrl: string) {
  vi.resetModules();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
  vi.stubEnv("DATABASE_URL", databaseUrl);
  return import("@/app/api/health/route");
}

afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
});

describe("GET /api/health", () => {
  it("answers 200 with status ok when the database answers", async () => {
    const { GET } = await loadHealthRoute(testDatabase.url);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    const { GET } = await loadHealthRoute("postgresql://nobody:secret@127.0.0.1:1/nothing");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });
});
