/**
 * Whether Redis answers (REDIS_URL), for /api/health's details: a PING through the `redis`
 * client when the application has it installed (the shared cache brings it); without the
 * client the check is reported as not made, never as a failure.
 */

export type RedisHealth =
  | { status: "not configured" }
  | { status: "ok"; latencyMs: number }
  | { status: "unavailable"; error: string }
  | { status: "unchecked"; reason: string };

type RedisClient = {
  on(event: "error", listener: (error: unknown) => void): unknown;
  connect(): Promise<unknown>;
  ping(): Promise<string>;
  destroy?(): void;
  disconnect?(): Promise<void>;
};
type RedisModule = { createClient(options: object): RedisClient };

// A name in a variable: the client is optional, so neither TypeScript nor the bundler may
// insist on it being installed.
const REDIS_MODULE = "redis";

async function loadClient(): Promise<RedisModule | null> {
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ REDIS_MODULE)) as RedisModule;
  } catch {
    return null;
  }
}

export async function pingRedis(url: string | undefined, timeoutMs = 2000): Promise<RedisHealth> {
  if (!url) return { status: "not configured" };
  const redis = await loadClient();
  if (!redis) return { status: "unchecked", reason: "the redis client package is not installed" };
  const started = performance.now();
  const client = redis.createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on("error", () => {}); // reported below, from the failed call
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "unavailable", error: String((error as Error)?.message ?? error).slice(0, 200) };
  } finally {
    clearTimeout(timer);
    try {
      if (client.destroy) client.destroy();
      else await client.disconnect?.();
    } catch {
      // already closed
    }
  }
}
