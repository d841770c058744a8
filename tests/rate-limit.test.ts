/**
 * The rate limits and lockouts of lib/http/rate-limit.ts, in both stores: this process's
 * memory and the database's RateLimit table, which several servers share. Time is moved
 * with a fake clock (Date only), never waited for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();
type RateLimitModule = typeof import("@/lib/http/rate-limit");

const servers: RateLimitModule[] = [];
/** The module as one server would load it, counting in `store`. */
async function server(store: "memory" | "postgres"): Promise<RateLimitModule> {
  vi.stubEnv("DATABASE_URL", testDatabase.url);
  vi.stubEnv("RATE_LIMIT_STORE", store);
  vi.resetModules();
  const loaded = await import("@/lib/http/rate-limit");
  servers.push(loaded);
  return loaded;
}

const START = Date.parse("2031-05-01T09:00:00Z");
beforeAll(() => vi.useFakeTimers({ toFake: ["Date"], now: START }));
afterEach(() => vi.setSystemTime(START));
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  for (const loaded of servers) await loaded.closeRateLimitStore();
});
const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
let keyCounter = 0;
const freshKey = () => `client-${++keyCounter}`;

describe.each(["memory", "postgres"] as const)("in %s", (store) => {
  let limits: RateLimitModule;
  beforeAll(async () => {
    limits = await server(store);
  });

  it("allows `points` attempts per window and key, then says how long to wait", async () => {
    const limit = new limits.RateLimit(`test-window-${store}`, 3, 600);
    const [key, other] = [freshKey(), freshKey()];
    for (let attempt = 0; attempt < 3; attempt++) expect(await limit.attempt(key)).toEqual({ ok: true });
    later(60);
    expect(await limit.attempt(key)).toEqual({ ok: false, retryAfterSeconds: 540 });
    expect(await limit.attempt(other)).toEqual({ ok: true });
    later(541);
    expect(await limit.attempt(key)).toEqual({ ok: true });
    await limit.reset();
    for (let attempt = 0; attempt < 3; attempt++) expect((await limit.attempt(other)).ok).toBe(true);
  });

  it("locks progressively (1, 5, 15, 60 minutes), one try between locks, and forgets after the day", async () => {
    const lockout = new limits.ProgressiveLockout(`test-steps-${store}`, {
      failuresBeforeLock: 5,
      stepsMinutes: [1, 5, 15, 60],
      forgetAfterSeconds: 24 * 60 * 60,
    });
    const key = freshKey();
    const fail = async () => {
      const verdict = await lockout.admit(key);
      if (!verdict.ok) return verdict;
      return { ok: true, minutes: await lockout.failed(verdict.admission) };
    };
    for (let attempt = 1; attempt <= 4; attempt++) expect(await fail()).toEqual({ ok: true, minutes: null });
    expect(await fail()).toEqual({ ok: true, minutes: 1 });
    expect(await fail()).toEqual({ ok: false, retryAfterSeconds: 60 });
    later(30);
    expect(await lockout.retryAfterSeconds(key)).toBe(30);
    later(31);
    expect(await fail()).toEqual({ ok: true, minutes: 5 });
    expect(await fail()).toEqual({ ok: false, retryAfterSeconds: 300 });
    later(301);
    expect(await fail()).toEqual({ ok: true, minutes: 15 });
    later(15 * 60 + 1);
    expect(await fail()).toEqual({ ok: true, minutes: 60 });
    later(60 * 60 + 1);
    expect(await fail()).toEqual({ ok: true, minutes: 60 });
    // A day after the first failure, the count starts again.
    later(24 * 60 * 60);
    expect(await fail()).toEqual({ ok: true, minutes: null });
  });

  it("counts a burst of simultaneous attempts before checking any, so the burst gets the allowance and one more", async () => {
    const lockout = new limits.ProgressiveLockout(`test-burst-${store}`, {
      failuresBeforeLock: 5,
      stepsMinutes: [1],
      forgetAfterSeconds: 3600,
    });
    const key = freshKey();
    const verdicts = await Promise.all(Array.from({ length: 30 }, () => lockout.admit(key)));
    const admitted = verdicts.filter((verdict) => verdict.ok);
    expect(admitted.length).toBeGreaterThanOrEqual(5);
    expect(admitted.length).toBeLessThanOrEqual(6);
    for (const verdict of admitted) if (verdict.ok) await lockout.failed(verdict.admission);
    expect(await lockout.retryAfterSeconds(key)).toBe(60);
  });

  it("gives back a success's count, or forgets the key's failures", async () => {
    const lockout = new limits.ProgressiveLockout(`test-success-${store}`, {
      failuresBeforeLock: 2,
      stepsMinutes: [1],
      forgetAfterSeconds: 3600,
    });
    const key = freshKey();
    const admit = async () => {
      const verdict = await lockout.admit(key);
      if (!verdict.ok) throw new Error("refused");
      return verdict.admission;
    };
    expect(await lockout.failed(await admit())).toBeNull();
    await lockout.succeeded(await admit(), { forget: false });
    expect(await lockout.failed(await admit())).toBe(1); // the second failure: the success did not count
    later(61);
    await lockout.succeeded(await admit(), { forget: true });
    expect(await lockout.failed(await admit())).toBeNull(); // counting from nothing again
  });
});

describe("the PostgreSQL store", () => {
  it("is shared by every server, and holds no key in the clear", async () => {
    const first = await server("postgres");
    const second = await server("postgres");
    const [one, two] = [new first.RateLimit("test-shared", 2, 600), new second.RateLimit("test-shared", 2, 600)];
    expect(await one.attempt("203.0.113.77")).toEqual({ ok: true });
    expect(await two.attempt("203.0.113.77")).toEqual({ ok: true });
    expect((await one.attempt("203.0.113.77")).ok).toBe(false);
    expect((await two.attempt("203.0.113.77")).ok).toBe(false);
    const rows = await testDatabase.db.rateLimit.findMany({ where: { key: { startsWith: "test-shared:" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.points).toBe(4);
    expect(rows[0]!.key).toMatch(/^test-shared:[A-Za-z0-9_-]{43}$/);
  });

  it("is the default only when asked for: memory otherwise", async () => {
    const memory = await server("memory");
    const limit = new memory.RateLimit("test-memory-only", 1, 600);
    expect(await limit.attempt("x")).toEqual({ ok: true });
    expect(await testDatabase.db.rateLimit.count({ where: { key: { startsWith: "test-memory-only:" } } })).toBe(0);
  });
});
