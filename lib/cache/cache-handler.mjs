/**
 * The page cache Next.js runs with (next.config.js `cacheHandler`): shared in Redis when
 * REDIS_URL is set (redis-cache-handler.mjs), else this process's memory
 * (memory-cache-handler.mjs). Chosen when the server starts, not at build time, so one
 * build runs either way. Either way, every tag dropped is then purged at the front cache
 * when one is configured (front-cache.mjs).
 */
import { purgeFrontCache } from "./front-cache.mjs";
import MemoryCacheHandler from "./memory-cache-handler.mjs";

const Store = process.env.REDIS_URL ? (await import("./redis-cache-handler.mjs")).default : MemoryCacheHandler;

export default class CacheHandler extends Store {
  /**
   * @param {string | string[]} tags
   * @param {unknown} [durations]
   */
  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    await purgeFrontCache([tags].flat());
  }
}
