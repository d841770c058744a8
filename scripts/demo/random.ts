/**
 * Seeded pseudo-random numbers for reproducible demo data.
 *
 * The generator is sfc32 (small fast counter, 128-bit state): fast in plain
 * JavaScript, good statistical quality, and a period far beyond the few
 * hundred million draws a 100k-document benchmark archive needs. The seed is
 * spread over the state with splitmix32 so that nearby seeds (1, 2, 3…) give
 * unrelated streams.
 */

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
  /** A shuffled copy; the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct elements (distinct positions), in random order. Throws if n > items.length. */
  sample<T>(items: readonly T[], n: number): T[];
  /** One element, with probability proportional to weightOf(item). Throws if no weight is positive. */
  weightedPick<T>(items: readonly T[], weightOf: (item: T) => number): T;
}

const UINT32_RANGE = 4294967296;

/** splitmix32: turns one seed into well-mixed 32-bit words for the sfc32 state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const mix = splitmix32(Math.trunc(seed));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1; // sfc32's counter; starting at 1 keeps the state away from all-zero.

  function nextUint32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }

  // Discard the first outputs: sfc32 needs a few rounds to decorrelate from the seed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / UINT32_RANGE;

  function int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`int(min, max) needs integers with min ≤ max, got ${min}, ${max}`);
    }
    return min + Math.floor(next() * (max - min + 1));
  }

  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick() from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  }

  function chance(p: number): boolean {
    return next() < p;
  }

  /** Fisher–Yates over the first `count` positions of a copy. */
  function partialShuffle<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      const swap = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = swap;
    }
    return copy;
  }

  function shuffle<T>(items: readonly T[]): T[] {
    return partialShuffle(items, items.length);
  }

  function sample<T>(items: readonly T[], n: number): T[] {
    if (!Number.isInteger(n) || n < 0 || n > items.length) {
      throw new RangeError(`sample() of ${n} from a list of ${items.length}`);
    }
    if (n * 4 > items.length) return partialShuffle(items, n).slice(0, n);
    // A few from many (the common case): redraw on repeats instead of copying the list.
    const chosen: number[] = [];
    while (chosen.length < n) {
      const index = Math.floor(next() * items.length);
      if (!chosen.includes(index)) chosen.push(index);
    }
    return chosen.map((index) => items[index] as T);
  }

  function weightedPick<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += Math.max(0, weightOf(item));
    if (!(total > 0)) throw new RangeError("weightedPick() needs at least one positive weight");
    let remaining = next() * total;
    let last: T | undefined;
    for (const item of items) {
      const weight = Math.max(0, weightOf(item));
      if (weight === 0) continue;
      last = item;
      remaining -= weight;
      if (remaining < 0) return item;
    }
    // Floating-point rounding can leave a sliver; it belongs to the last weighted item.
    return last as T;
  }

  return { next, int, pick, chance, shuffle, sample, weightedPick };
}
