/**
 * What several app servers share through Redis (a real redis-server, as the cluster runs
 * it): the page cache (lib/cache/redis-cache-handler.mjs) and the rate limits and mail
 * pace (lib/http/rate-limit.ts with RATE_LIMIT_STORE=redis). Each "server" is the modules
 * loaded afresh, with a Redis connection of its own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedis } from "../scripts/lib/cluster";
import { freePort } from "../scripts/lib/processes";
import { SCRIPT_HASHES_HEADER } from "@/lib/http/content-security-policy.mjs";

type Handler = {
  get(key: string, ctx?: unknown): Promise<{ value: Record<string, unknown>; lastModified: number } | null>;
  set(key: string, data: unknown, ctx?: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
};
type HandlerClass = new (options: unknown) => Handler;

let redis: { url: string; stop(): Promise<void> };
let workDir: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-redis-test-"));
  redis = await startRedis(await freePort(), workDir);
  vi.stubEnv("REDIS_URL", redis.url);
  vi.stubEnv("RATE_LIMIT_STORE", "redis");
  vi.stubEnv("DATABASE_URL", "postgresql://unused@127.0.0.1:1/unused");
}, 60_000);

afterAll(async () => {
  for (const close of closers) await close();
  vi.unstubAllEnvs();
  await redis?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** The cache handler as one server loads it (its own module instance and connection). */
async function server(buildDir = workDir): Promise<Handler> {
  vi.resetModules();
  const { default: Handler } = (await import("@/lib/cache/redis-cache-handler.mjs")) as unknown as {
    default: HandlerClass;
  };
  const { closeRedisClients } = await import("@/lib/cache/redis.mjs");
  closers.push(closeRedisClients);
  return new Handler({ serverDistDir: path.join(buildDir, "server") });
}

const page = (html: string) => ({ kind: "APP_PAGE", html, status: 200, headers: {}, rscData: Buffer.from("rsc") });
const KEY = "/route-cache/APP_PAGE/0123abcd/$/publications/annual-report";

describe("the page cache in Redis", () => {
  beforeAll(() => fs.writeFileSync(path.join(workDir, "BUILD_ID"), "build-one"));

  it("serves what one server stored from every server, until any of them drops a tag", async () => {
    const [a, b] = [await server(), await server()];
    const html =
      '<script src="/_next/static/chunks/main.js" nonce="abc" async=""></script><p>Report</p>' +
      '<script nonce="abc">self.__next_f.push([1,"x"])</script>';
    await a.set(KEY, page(html), { tags: ["extra"] });
    const onB = await b.get(KEY);
    expect(onB?.value.html).toContain("Report");
    expect(Buffer.isBuffer(onB?.value.rscData)).toBe(true);
    // The page's script hashes are computed once, when stored, as by the memory handler.
    expect((onB?.value.headers as Record<string, string>)[SCRIPT_HASHES_HEADER]).toMatch(/^'sha256-/);

    // Its route's tags (tagsForPath) and the ones Next.js gave it both count.
    await b.revalidateTag("publication:annual-report");
    expect(await a.get(KEY)).toBeNull();
    await a.set(KEY, page("<p>Report, revised</p>"), { tags: ["extra"] });
    expect((await b.get(KEY))?.value.html).toContain("revised");
    await a.revalidateTag(["extra"]);
    expect(await b.get(KEY)).toBeNull();
  });

  it("drops an entry when a soft tag Next.js passes on reading was dropped after it was stored", async () => {
    const [a, b] = [await server(), await server()];
    await a.set(KEY, page("<p>Soft</p>"), {});
    expect(await b.get(KEY, { softTags: ["_N_T_/publications"] })).not.toBeNull();
    await b.revalidateTag("_N_T_/publications");
    expect(await a.get(KEY, { softTags: ["_N_T_/publications"] })).toBeNull();
  });

  it("takes a render that began before a tag was dropped for stale, though stored after", async () => {
    const [a, b] = [await server(), await server()];
    const key = "/route-cache/APP_PAGE/0123abcd/$/publications/race-report";
    // A misses and starts rendering; B publishes meanwhile; A's render, read before, is stored.
    expect(await a.get(key)).toBeNull();
    await b.revalidateTag("publication:race-report");
    await a.set(key, page("<p>Before the publish</p>"), {});
    expect(await b.get(key)).toBeNull();
    expect(await a.get(key)).toBeNull();

    // The render after that miss began after the drop: kept, and served by every server.
    await a.set(key, page("<p>After the publish</p>"), {});
    expect((await b.get(key))?.value.html).toContain("After the publish");
    // Two renders of one key under way at once both take the earlier miss's time.
    await b.revalidateTag("publication:race-report");
    expect(await a.get(key)).toBeNull();
    expect(await a.get(key)).toBeNull();
    await b.revalidateTag("publication:race-report");
    await a.set(key, page("<p>First render</p>"), {});
    await a.set(key, page("<p>Second render</p>"), {});
    expect(await b.get(key)).toBeNull();
  });

  it("never stores an error answer, nor serves another build's entries", async () => {
    const a = await server();
    const missing = "/route-cache/APP_PAGE/0123abcd/$/publications/view/made-up";
    await a.set(missing, { ...page("<p>Not found</p>"), status: 404 }, {});
    expect(await a.get(missing)).toBeNull();

    await a.set(KEY, page("<p>Old release</p>"), {});
    const otherBuild = fs.mkdtempSync(path.join(workDir, "build-two-"));
    fs.writeFileSync(path.join(otherBuild, "BUILD_ID"), "build-two");
    const next = await server(otherBuild);
    expect(await next.get(KEY)).toBeNull();
  });
});

describe("rate limits and the mail pace in Redis", () => {
  async function limits() {
    vi.resetModules();
    const loaded = await import("@/lib/http/rate-limit");
    const { closeRedisClients } = await import("@/lib/cache/redis.mjs");
    closers.push(closeRedisClients);
    return loaded;
  }

  it("counts one address's attempts across servers: the 21st of 20 is refused", async () => {
    const [a, b] = [await limits(), await limits()];
    const onA = new a.RateLimit("test-signup-ip", 20, 600);
    const onB = new b.RateLimit("test-signup-ip", 20, 600);
    for (let attempt = 0; attempt < 20; attempt++)
      expect(await (attempt % 2 ? onB : onA).attempt("203.0.113.9")).toEqual({ ok: true });
    const refused = await onA.attempt("203.0.113.9");
    expect(refused.ok).toBe(false);
    expect(await onB.attempt("203.0.113.10")).toEqual({ ok: true });
    await onA.reset();
    expect(await onB.attempt("203.0.113.9")).toEqual({ ok: true });
  });

  it("paces both servers' sends from one budget", async () => {
    const [a, b] = [await limits(), await limits()];
    const onA = new a.RateLimit("test-pace", 4, 600);
    const onB = new b.RateLimit("test-pace", 4, 600);
    for (const limit of [onA, onB, onA, onB]) expect(await limit.take("digest")).toBe(true);
    // The budget is spent for both: a fifth send waits (here: until told to stop).
    const stop = new AbortController();
    const waiting = onB.take("digest", stop.signal);
    stop.abort();
    expect(await waiting).toBe(false);
    expect((await onA.attempt("digest")).ok).toBe(false);
  });

  it("gives the digest sender the shared pace when the store is shared", async () => {
    vi.resetModules();
    const sender = await import("@/lib/mailings/sender");
    expect(sender.pacerFor("digest", 20, true)).toBeInstanceOf(sender.SharedPacer);
    expect(sender.pacerFor("digest", 20, false)).toBeInstanceOf(sender.Pacer);
  });
});
