import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { jobQueueHealth } from "@/lib/jobs/health";
import { pingRedis } from "@/lib/redis-ping";

export const dynamic = "force-dynamic";

const HEALTH_CHECK_TIMEOUT_MS = 3000;
const NO_STORE = { "Cache-Control": "no-store" };

// Other parameters (a prober's cache-buster) are ignored.
const querySchema = z.object({ details: z.enum(["1", "true"]).optional() });

/**
 * For load balancers and uptime checks (public, no sign-in): 200 {"status":"ok"} when the
 * database answers, else 503 {"status":"unavailable"}. With `?details=1`, and only for a
 * request from this machine (the client address server.ts resolved) or one carrying
 * HEALTH_TOKEN as a bearer token: each part's state (database, Redis when REDIS_URL is set,
 * the job queue), the status code still the database's.
 */
export async function GET(request: Request) {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    return Response.json(
      { status: "bad request", message: "details takes the value 1." },
      { status: 400, headers: NO_STORE },
    );
  const wantsDetails = query.data.details !== undefined;
  if (wantsDetails && !mayReadDetails(request))
    return Response.json(
      { status: "forbidden", message: "Details are shown to requests from this machine or with the health token." },
      { status: 403, headers: NO_STORE },
    );

  const started = performance.now();
  const database = await checkDatabase();
  const status = database.ok ? 200 : 503;
  const summary = database.ok ? "ok" : "unavailable";
  if (!wantsDetails) return Response.json({ status: summary }, { status, headers: NO_STORE });

  const [redis, jobs] = await Promise.all([
    pingRedis(env.REDIS_URL),
    database.ok ? jobQueueHealth() : Promise.resolve({ status: "unavailable" as const, error: "database unavailable" }),
  ]);
  return Response.json(
    {
      status: summary,
      checks: {
        database: database.ok
          ? { status: "ok", latencyMs: Math.round(database.ms) }
          : { status: "unavailable", error: database.error },
        redis,
        jobs,
      },
      uptimeSeconds: Math.round(process.uptime()),
      durationMs: Math.round(performance.now() - started),
    },
    { status, headers: NO_STORE },
  );
}

async function checkDatabase(): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), HEALTH_CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error).slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

/** From this machine (loopback, as server.ts resolved the client), or with the health token. */
function mayReadDetails(request: Request): boolean {
  const address = clientIp(request.headers);
  if (address && isLoopback(address)) return true;
  const token = env.HEALTH_TOKEN;
  const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token || !sent) return false;
  const expected = Buffer.from(token);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith("127.");
  return address === "::1" || /^::ffff:127\./i.test(address);
}
