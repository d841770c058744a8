/**
 * Making the public site show a change within a second. In a request (server actions,
 * route handlers) Next's revalidateTag does it. The job workers run in the same
 * `next start` process but outside any request, where revalidateTag throws ("static
 * generation store missing"): they ask the server itself, through an internal route
 * authenticated by a key derived from NEXTAUTH_SECRET.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";
import { env } from "@/lib/env";
import { ownOrigin } from "@/lib/http/own-origin";

export const INTERNAL_REVALIDATE_PATH = "/api/internal/revalidate";
export const INTERNAL_KEY_HEADER = "x-quire-internal-key";

export function revalidatePublicTags(tags: readonly string[]): void {
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 });
}

/** The key the server's own jobs send to the internal route. */
export function internalKey(): string {
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: internal requests cannot be authenticated.");
  const key = Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "quire", "internal-revalidation-v1", 32));
  return createHmac("sha256", key).update("revalidate").digest("base64url");
}

export function isInternalKey(candidate: string | null): boolean {
  if (!candidate || !env.NEXTAUTH_SECRET) return false;
  const expected = Buffer.from(internalKey());
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** From a background job: revalidates through the internal route; throws if the server refused. */
export async function revalidatePublicTagsFromWorker(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const response = await fetch(new URL(INTERNAL_REVALIDATE_PATH, ownOrigin()), {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_KEY_HEADER]: internalKey() },
    body: JSON.stringify({ tags: [...new Set(tags)] }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Revalidation request answered ${response.status}`);
}
