/**
 * Why the job workers revalidate through an internal route (lib/publications/revalidate.ts):
 * Next's revalidateTag needs a request's store and throws anywhere else, such as a pg-boss
 * worker inside `next start`. If a Next upgrade lifts this, the detour can go.
 */
import { revalidateTag } from "next/cache";
import { describe, expect, it } from "vitest";

describe("revalidateTag outside a request", () => {
  it("throws, so workers cannot call it directly", () => {
    expect(() => revalidateTag("publications", { expire: 0 })).toThrow(/static generation store missing/);
  });
});
