/**
 * A sliding-window rate limiter kept in this process's memory: enough for one server.
 * Several instances behind a load balancer each count on their own (a shared store such
 * as PostgreSQL or Redis would replace this then), and a restart forgets every count.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Bounds memory under a flood of distinct keys: the stalest keys go first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Records an attempt for `key`; false when it is over the limit (and then not counted). */
  attempt(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    // Re-inserting moves the key to the end, so the map's first keys are the stalest.
    this.hits.delete(key);
    this.hits.set(key, recent);
    this.evictIfFull();
    return true;
  }

  /** Seconds until `key` may try again (0 when it may now). */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
  }

  reset(): void {
    this.hits.clear();
  }

  private evictIfFull() {
    while (this.hits.size > this.maxKeys) {
      const stalest = this.hits.keys().next().value;
      if (stalest === undefined) break;
      this.hits.delete(stalest);
    }
  }
}
