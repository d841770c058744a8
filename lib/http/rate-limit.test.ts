import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limit";

describe("SlidingWindowLimiter", () => {
  it("allows `limit` attempts per window per key, then says when to retry", () => {
    const limiter = new SlidingWindowLimiter(2, 60_000);
    expect(limiter.attempt("a", 0)).toBe(true);
    expect(limiter.attempt("a", 10_000)).toBe(true);
    expect(limiter.attempt("a", 20_000)).toBe(false);
    expect(limiter.attempt("b", 20_000)).toBe(true);
    expect(limiter.retryAfterSeconds("a", 20_000)).toBe(40);
    // The window slides: the first attempt ages out at 60 s.
    expect(limiter.attempt("a", 60_001)).toBe(true);
    expect(limiter.attempt("a", 60_002)).toBe(false);
  });

  it("keeps memory bounded by forgetting the stalest keys", () => {
    const limiter = new SlidingWindowLimiter(1, 60_000, 3);
    for (const key of ["a", "b", "c", "d"]) limiter.attempt(key, 0);
    expect(limiter.attempt("a", 1)).toBe(true); // forgotten, so allowed again
    expect(limiter.attempt("d", 1)).toBe(false);
  });
});
