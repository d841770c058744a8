/**
 * Why the job workers revalidate through an internal route (lib/cache/invalidate.ts):
 * Next's revalidateTag needs a request's store and throws anywhere else, such as a pg-boss
 * worker inside `next start`. invalidatePublicCache tells the two apart by asking for the
 * request's headers, which throws outside a request too. If a Next upgrade lifts either,
 * the detour or the check must change.
 */
import { revalidateTag } from "next/cache";
import { headers } from "next/headers";
import { describe, expect, it } from "vitest";

describe("outside a request", () => {
  it("revalidateTag throws, so workers cannot call it directly", () => {
    expect(() => revalidateTag("listings", { expire: 0 })).toThrow(/static generation store missing/);
  });

  it("headers() throws, which is how invalidation knows it runs in a worker", async () => {
    await expect(async () => headers()).rejects.toThrow(/outside a request scope/);
  });
});
