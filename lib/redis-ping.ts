/**
 * Whether Redis answers (REDIS_URL), for /api/health's details: a PING over a connection of
 * its own (ioredis, the client the shared cache and rate limits use), made and closed for
 * the check, so a broken shared connection is reported rather than hidden.
 */
import Redis from "ioredis";

export type RedisHealth =
  { status: "not configured" } | { status: "ok"; latencyMs: number } | { status: "unavailable"; error: string };

export async function pingRedis(url: string | undefined, timeoutMs = 2000): Promise<RedisHealth> {
  if (!url) return { status: "not configured" };
  const started = performance.now();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {}); // reported below, from the failed call
  try {
    await client.connect();
    await client.ping();
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "unavailable", error: String((error as Error)?.message ?? error).slice(0, 200) };
  } finally {
    client.disconnect();
  }
}
