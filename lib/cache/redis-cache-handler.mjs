/**
 * Next.js's cache for rendered pages and cached data in Redis (REDIS_URL), shared by every
 * app server: a page rendered on one is served by all, and a tag dropped on one is dropped
 * for all at once. cache-handler.mjs picks this handler when REDIS_URL is set; without
 * it, memory-cache-handler.mjs keeps each process's own cache.
 *
 * Each entry is a hash `quire:page:<build id>:<key>` holding the value (v8-serialized:
 * pages hold buffers and maps), the time it was stored and its tags (tagsOf, the same as
 * the memory handler's). A dropped tag is a key `quire:tag:<tag>` holding the time it was
 * dropped. Reading an entry compares, in one Lua script on Redis, the entry's time with
 * its tags' (and the soft tags Next.js passes): an entry older than any of them is deleted
 * and missed. Both times come from Redis's clock, so servers' clocks need not agree.
 *
 * An entry's time is when its render began, not when it was stored: the miss that started
 * the render. A render that read the database before a publish and is stored after the
 * publish dropped its tags would otherwise look newer than the drop, and be served stale
 * until the next change.
 *
 * Entries are per build (a new release never serves the last one's pages); tag times are
 * not (a change drops the pages of every release still running). Bounded in bytes by
 * Redis: entries expire after a day and are evicted least recently used under Redis's
 * maxmemory (policy volatile-lru); tag times have no expiry, so they are never evicted.
 * Error answers are never stored, as in the memory handler; cached pages get their
 * script hashes for the Content-Security-Policy the same way.
 */
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { log } from "../log.mjs";
import { isErrorAnswer, tagsOf, withScriptHashes } from "./memory-cache-handler.mjs";
import { redisClient } from "./redis.mjs";

/** How long an entry may stay in Redis without being read again, in seconds. */
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
const TAG_PREFIX = "quire:tag:";

/** Lua: Redis's clock in microseconds, as a decimal string (exact below 2^53). */
const NOW = `local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', tonumber(t[2]))`;

/**
 * Lua: the entry (value and time) if none of its tags (nor the extra ones) was dropped
 * since its render began; else the time now, when the render that follows the miss begins.
 */
const GET_SCRIPT = `${NOW}
local entry = redis.call('HMGET', KEYS[1], 'value', 'modified', 'tags')
if not entry[1] then return now end
local modified = tonumber(entry[2])
local tags = cjson.decode(entry[3])
for i = 2, #ARGV do tags[#tags + 1] = ARGV[i] end
for _, tag in ipairs(tags) do
  local at = redis.call('GET', ARGV[1] .. tag)
  if at and tonumber(at) >= modified then
    redis.call('DEL', KEYS[1])
    return now
  end
end
return {entry[1], entry[2]}
`;

/** Lua: stores the entry with the time its render began (ARGV[4]), or now when unknown. */
const SET_SCRIPT = `${NOW}
local began = ARGV[4] ~= '' and ARGV[4] or now
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'modified', began, 'tags', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return began
`;

/**
 * A render this long after its miss is taken for abandoned (Next.js stored nothing): a
 * later miss starts a new one. Longer than any render, which the servers cut off sooner.
 */
const ABANDONED_RENDER_MS = 5 * 60_000;
/** At most this many renders awaited at once; the oldest is forgotten first. */
const MAX_RENDERS_AWAITED = 10_000;

/**
 * The renders under way in this process, by entry key: the Redis time of the first miss
 * not yet followed by a store, and how many misses await one. Overlapping renders of one
 * key all take the earliest time: an entry may be dropped once too often, never kept stale.
 * Kept per module, not per handler: Next.js may make a handler per request.
 * @type {Map<string, { began: string, seenAt: number, awaited: number }>}
 */
const rendersAwaited = new Map();

/**
 * @param {string} entryKey
 * @param {string} began Redis's time at the miss
 */
function noteMiss(entryKey, began) {
  const awaited = rendersAwaited.get(entryKey);
  if (awaited && Date.now() - awaited.seenAt < ABANDONED_RENDER_MS) {
    awaited.awaited++;
    return;
  }
  rendersAwaited.delete(entryKey);
  rendersAwaited.set(entryKey, { began, seenAt: Date.now(), awaited: 1 });
  if (rendersAwaited.size > MAX_RENDERS_AWAITED) rendersAwaited.delete(rendersAwaited.keys().next().value);
}

/**
 * When the render being stored began ('' when no miss of this process awaits it).
 * @param {string} entryKey
 */
function renderBegan(entryKey) {
  const awaited = rendersAwaited.get(entryKey);
  if (!awaited) return "";
  if (--awaited.awaited <= 0) rendersAwaited.delete(entryKey);
  return Date.now() - awaited.seenAt < ABANDONED_RENDER_MS ? awaited.began : "";
}

/** Lua: marks every tag dropped now. */
const REVALIDATE_SCRIPT = `${NOW}
for i = 2, #ARGV do redis.call('SET', ARGV[1] .. ARGV[i], now) end
return now
`;

/** @type {import("ioredis").Redis | null} */
let client = null;

function redis() {
  if (!client) {
    const url = process.env.REDIS_URL;
    if (!url) throw new Error("REDIS_URL is not set");
    client = redisClient(url);
    client.defineCommand("quirePageGet", { numberOfKeys: 1, lua: GET_SCRIPT });
    client.defineCommand("quirePageSet", { numberOfKeys: 1, lua: SET_SCRIPT });
    client.defineCommand("quireTagsDrop", { numberOfKeys: 0, lua: REVALIDATE_SCRIPT });
  }
  return /** @type {any} */ (client);
}

/** @type {string | null} */
let buildId = null;

/** @param {any} options */
function buildIdOf(options) {
  if (buildId) return buildId;
  const candidates = [
    options?.serverDistDir ? path.join(options.serverDistDir, "..", "BUILD_ID") : null,
    path.join(process.cwd(), ".next", "BUILD_ID"),
  ];
  for (const file of candidates) {
    if (!file) continue;
    try {
      buildId = fs.readFileSync(file, "utf8").trim();
      return buildId;
    } catch {
      // not this one
    }
  }
  buildId = "development";
  return buildId;
}

/** @param {string} micros */
const millisecondsOf = (micros) => Math.floor(Number(micros) / 1000);

export default class RedisCacheHandler {
  /** @param {any} options */
  constructor(options) {
    this.prefix = `quire:page:${buildIdOf(options)}:`;
  }

  /**
   * @param {string} key
   * @param {any} ctx
   */
  async get(key, ctx) {
    const extra = [
      ...(Array.isArray(ctx?.softTags) ? ctx.softTags : []),
      ...(Array.isArray(ctx?.tags) ? ctx.tags : []),
    ];
    let found;
    try {
      found = await redis().quirePageGetBuffer(this.prefix + key, TAG_PREFIX, ...extra);
    } catch (error) {
      // Redis away: render afresh rather than fail the reader.
      log.error({ err: error, key }, "Page cache read failed");
      return null;
    }
    if (!Array.isArray(found)) {
      noteMiss(this.prefix + key, found.toString());
      return null;
    }
    const [value, modified] = found;
    return { value: v8.deserialize(value), lastModified: millisecondsOf(modified.toString()) };
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} ctx
   */
  async set(key, data, ctx) {
    try {
      if (data === null || isErrorAnswer(key, data)) {
        renderBegan(this.prefix + key);
        await redis().del(this.prefix + key);
        return;
      }
      withScriptHashes(data);
      const tags = JSON.stringify(tagsOf(key, data, ctx));
      const began = renderBegan(this.prefix + key);
      await redis().quirePageSet(this.prefix + key, v8.serialize(data), tags, ENTRY_TTL_SECONDS, began);
    } catch (error) {
      log.error({ err: error, key }, "Page cache write failed");
    }
  }

  /**
   * Throws when Redis does not answer: a change whose pages could not be dropped must not
   * look done.
   * @param {string | string[]} tags
   */
  async revalidateTag(tags) {
    const list = [tags].flat();
    if (list.length === 0) return;
    await redis().quireTagsDrop(TAG_PREFIX, ...list);
  }

  resetRequestCache() {}
}
