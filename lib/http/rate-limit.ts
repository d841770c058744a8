/**
 * Rate limits and progressive lockouts, counted by rate-limiter-flexible in one of three
 * stores (RATE_LIMIT_STORE): "memory", this process's own (the default: enough for one
 * server, and a restart forgets every count), "postgres", the RateLimit table of the
 * site's database, or "redis", the Redis of REDIS_URL (as `npm run cluster` runs), so that
 * several servers share their counts.
 *
 * Keys are hashed before they are stored: the table never holds an email or an address.
 * The one module of the core that may reach the database, and only when so configured;
 * it opens its own small pool rather than importing the app's client. Limiters are made
 * on first use, so that importing a module that declares one reads no environment.
 */
import { createHash } from "node:crypto";
import { Pool } from "pg";
import { redisClient } from "@/lib/cache/redis.mjs";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

/** The table the migration "rate_limits" creates (prisma/schema.prisma, model RateLimit). */
const TABLE = "RateLimit";

let pool: Pool | undefined;
async function sharedPool(): Promise<Pool> {
  const { env } = await import("@/lib/env");
  if (!pool) {
    pool = new Pool({
      connectionString: env.DATABASE_URL,
      max: 3,
      idleTimeoutMillis: 30_000,
      // A count lost in a crash only lets a few attempts through early: no wait for the disk.
      options: "-c synchronous_commit=off",
    });
    // An idle connection the server closed (a restart, a failover) is replaced on next use.
    pool.on("error", (error) => console.error(`Rate-limit store: ${error.message}`));
  }
  return pool;
}

/** Closes the PostgreSQL store's connections (a command or a test that is done). */
export async function closeRateLimitStore(): Promise<void> {
  const open = pool;
  pool = undefined;
  await open?.end();
}

/** What a limiter answers: go ahead, or wait this many seconds. */
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

type LimiterOptions = { name: string; points: number; durationSeconds: number };

/** A limiter in the configured store, made when first used (and again after reset()). */
class LazyLimiter {
  private made: Promise<RateLimiterAbstract> | undefined;

  constructor(private readonly options: LimiterOptions) {}

  get(): Promise<RateLimiterAbstract> {
    this.made ??= this.make();
    return this.made;
  }

  private async make(): Promise<RateLimiterAbstract> {
    const { env } = await import("@/lib/env");
    const options = {
      keyPrefix: this.options.name,
      points: this.options.points,
      duration: this.options.durationSeconds,
    };
    if (env.RATE_LIMIT_STORE === "redis" && env.REDIS_URL) {
      return new RateLimiterRedis({
        ...options,
        storeClient: redisClient(env.REDIS_URL),
        // Should Redis not answer, this process keeps counting on its own.
        insuranceLimiter: new RateLimiterMemory(options),
      });
    }
    if (env.RATE_LIMIT_STORE !== "postgres") return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      storeClient: await sharedPool(),
      tableName: TABLE,
      // Created by a migration, like every other table.
      tableCreated: true,
      // Should the database not answer, this process keeps counting on its own.
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /** Forgets every count (tests start each case from nothing). */
  async reset(): Promise<void> {
    const made = this.made && (await this.made);
    if (made instanceof RateLimiterPostgres)
      await (await sharedPool()).query(`DELETE FROM "${TABLE}" WHERE key LIKE $1`, [`${this.options.name}:%`]);
    else if (made instanceof RateLimiterRedis) {
      const { env } = await import("@/lib/env");
      const client = redisClient(env.REDIS_URL!);
      for (let cursor = "0"; ;) {
        const [next, keys] = await client.scan(cursor, "MATCH", `${this.options.name}:*`, "COUNT", 500);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
        if (cursor === "0") break;
      }
    } else this.made = undefined;
  }
}

const storedKey = (key: string) => createHash("sha256").update(key).digest("base64url");

const secondsOf = (milliseconds: number) => Math.max(1, Math.ceil(milliseconds / 1000));

/** Whether a stored result still holds (the memory store may return one whose time ran out). */
const live = (result: RateLimiterRes | null): result is RateLimiterRes =>
  result !== null && (result.msBeforeNext > 0 || result.msBeforeNext === -1);

/**
 * At most `points` attempts per key in a window of `durationSeconds` that starts with the
 * key's first attempt (a fixed window, as rate-limiter-flexible counts).
 */
export class RateLimit {
  private readonly limiter: LazyLimiter;

  constructor(
    readonly name: string,
    readonly points: number,
    readonly durationSeconds: number,
  ) {
    this.limiter = new LazyLimiter({ name, points, durationSeconds });
  }

  /** Counts an attempt for `key`; refused (with the wait) once the window's points are spent. */
  async attempt(key: string): Promise<Verdict> {
    const limiter = await this.limiter.get();
    try {
      await limiter.consume(storedKey(key));
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: secondsOf(rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /**
   * Waits for a point under `key`, however long the window makes it wait: a pace shared by
   * every process on the same store (the bulk mail pace). Resolves false when `signal` is
   * aborted first.
   */
  async take(key: string, signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const verdict = await this.attempt(key);
      if (verdict.ok) return true;
      const limiter = await this.limiter.get();
      const state = await limiter.get(storedKey(key));
      const waitMs = Math.max(5, live(state) ? state.msBeforeNext : 5);
      if (signal?.aborted) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        signal?.addEventListener("abort", done, { once: true });
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        }
      });
    }
  }

  reset(): Promise<void> {
    return this.limiter.reset();
  }
}

export type LockoutPolicy = {
  /** Failures allowed before the first lock. */
  failuresBeforeLock: number;
  /** The lock after the 1st, 2nd, 3rd… failure past the allowance, in minutes; the last step repeats. */
  stepsMinutes: readonly number[];
  /** Failures are forgotten this long after the first one (unless cleared sooner). */
  forgetAfterSeconds: number;
};

/** The lock a key's `failures`-th failure starts, in minutes, or null when it is still allowed. */
export function lockoutMinutes(policy: LockoutPolicy, failures: number): number | null {
  if (failures < policy.failuresBeforeLock) return null;
  const step = Math.min(failures - policy.failuresBeforeLock, policy.stepsMinutes.length - 1);
  return policy.stepsMinutes[step]!;
}

/** One attempt a lockout let through, counted as a failure until it is settled. */
export type Admission = { key: string; failures: number; ticket: boolean };

/**
 * A progressive lockout: failures are counted per key; once `failuresBeforeLock` are
 * reached, each further failure locks the key for the next step (1, 5, 15, then 60
 * minutes, say). The count and the lock live in two limiters of the same store.
 *
 * Safe under concurrency: an attempt is counted as a failure *before* it is checked
 * (admit), so a burst of simultaneous guesses cannot all slip in under the allowance;
 * past the allowance, one attempt per lock period takes the key's single ticket. A
 * success then gives the count back (succeeded) or clears it.
 */
export class ProgressiveLockout {
  private readonly failureCounts: LazyLimiter;
  private readonly lockStates: LazyLimiter;

  constructor(
    readonly name: string,
    readonly policy: LockoutPolicy,
  ) {
    this.failureCounts = new LazyLimiter({
      name: `${name}-failures`,
      // Never "over the limit": penalty() and reward() only count.
      points: Number.MAX_SAFE_INTEGER,
      durationSeconds: policy.forgetAfterSeconds,
    });
    // One point: the ticket of the one attempt allowed once a lock is over; a lock holds two.
    this.lockStates = new LazyLimiter({ name: `${name}-lock`, points: 1, durationSeconds: 60 });
  }

  /** Lets an attempt for `key` through, counted as a failure, or says how long the key is locked. */
  async admit(key: string): Promise<{ ok: true; admission: Admission } | { ok: false; retryAfterSeconds: number }> {
    const [counts, locks, stored] = [await this.failureCounts.get(), await this.lockStates.get(), storedKey(key)];
    const lock = await locks.get(stored);
    if (live(lock) && lock.consumedPoints > 1) return { ok: false, retryAfterSeconds: secondsOf(lock.msBeforeNext) };
    const failures = (await counts.penalty(stored, 1)).consumedPoints;
    if (failures <= this.policy.failuresBeforeLock) return { ok: true, admission: { key, failures, ticket: false } };
    try {
      await locks.consume(stored);
      return { ok: true, admission: { key, failures, ticket: true } };
    } catch (rejection) {
      await counts.reward(stored, 1);
      if (rejection instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: secondsOf(rejection.msBeforeNext) };
      throw rejection;
    }
  }

  /** The admitted attempt failed: its count stands, and the lock it earns starts (minutes, or null). */
  async failed(admission: Admission): Promise<number | null> {
    const [locks, stored] = [await this.lockStates.get(), storedKey(admission.key)];
    const minutes = lockoutMinutes(this.policy, admission.failures);
    if (minutes !== null) await locks.block(stored, minutes * 60);
    else if (admission.ticket) await locks.delete(stored);
    return minutes;
  }

  /**
   * The admitted attempt was not a failure: with `forget`, the key's failures are cleared;
   * without, only this attempt's count is given back (a success from an address must not
   * wipe out the guesses it made at other accounts).
   */
  async succeeded(admission: Admission, options: { forget: boolean }): Promise<void> {
    if (options.forget) return this.clear(admission.key);
    const stored = storedKey(admission.key);
    await (await this.failureCounts.get()).reward(stored, 1);
    if (admission.ticket) await (await this.lockStates.get()).delete(stored);
  }

  /** Gives an admitted attempt back unchecked (another lockout refused it). */
  withdraw(admission: Admission): Promise<void> {
    return this.succeeded(admission, { forget: false });
  }

  /** Seconds until `key` may try again (0 when it may now). */
  async retryAfterSeconds(key: string): Promise<number> {
    const lock = await (await this.lockStates.get()).get(storedKey(key));
    return live(lock) && lock.consumedPoints > 1 ? secondsOf(lock.msBeforeNext) : 0;
  }

  /** Forgets `key`'s failures and lifts its lock. */
  async clear(key: string): Promise<void> {
    const stored = storedKey(key);
    await (await this.failureCounts.get()).delete(stored);
    await (await this.lockStates.get()).delete(stored);
  }

  async reset(): Promise<void> {
    await Promise.all([this.failureCounts.reset(), this.lockStates.reset()]);
  }
}
