/**
 * The connection to Redis (REDIS_URL), shared in a process by the page cache
 * (redis-cache-handler.mjs) and the rate limits (lib/http/rate-limit.ts). Plain JavaScript,
 * because Next.js loads the cache handler at run time without compiling it.
 *
 * Redis must keep what has no expiry: run it with `maxmemory-policy volatile-lru` (or
 * `noeviction`), never an allkeys policy, since a dropped tag time would let stale pages
 * back in (`npm run cluster` and docker-compose.yml start it so).
 */
import Redis from "ioredis";
import { log } from "../log.mjs";

/** @type {Map<string, import("ioredis").Redis>} */
const clients = new Map();

/**
 * One client per URL in this process, connected on first use.
 * @param {string} url
 * @returns {import("ioredis").Redis}
 */
export function redisClient(url) {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, {
      // A command waits through a short outage, then fails rather than hanging a request.
      maxRetriesPerRequest: 2,
      connectTimeout: 5000,
      lazyConnect: false,
    });
    // Logged, not thrown: the client reconnects by itself.
    client.on("error", (error) => log.error({ err: error }, "Redis connection failed"));
    clients.set(url, client);
  }
  return client;
}

/** Closes every client this process opened (a command or test that is done). */
export async function closeRedisClients() {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.quit().catch(() => client.disconnect())));
}
