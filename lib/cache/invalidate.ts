/**
 * The one place cached public pages and reads are dropped. Every write that readers can
 * see (publication saves and transitions, the scheduled go-live, taxonomy and media edits)
 * returns a PublicChange saying what it changed; invalidatePublicCache turns that into
 * cache tags (lib/cache/tags.mjs) and drops them, so the next reader sees the change.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { ownOrigin } from "@/lib/http/own-origin";
import { tagsFor, type PublicChange } from "./changes";

/**
 * Drops what a change made stale. Next's revalidateTag works only while handling a
 * request (a server action or route handler); the job workers run in the same server but
 * outside any request, so from there the server is asked through an internal route,
 * authenticated by a key derived from NEXTAUTH_SECRET. Throws if that request fails.
 */
export async function invalidatePublicCache(change: PublicChange): Promise<void> {
  const tags = tagsFor(change);
  if (tags.length === 0) return;
  if (await insideRequest()) revalidateTags(tags);
  else await revalidateThroughServer(tags);
}

/** For the internal route only: drops the tags a worker asked for. */
export function revalidateTags(tags: readonly string[]): void {
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 });
}

async function insideRequest(): Promise<boolean> {
  try {
    await headers();
    return true;
  } catch {
    return false; // "called outside a request scope"
  }
}

const INTERNAL_REVALIDATE_PATH = "/api/internal/revalidate";
export const INTERNAL_KEY_HEADER = "x-quire-internal-key";

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

async function revalidateThroughServer(tags: readonly string[]): Promise<void> {
  const response = await fetch(new URL(INTERNAL_REVALIDATE_PATH, ownOrigin()), {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_KEY_HEADER]: internalKey() },
    body: JSON.stringify({ tags }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Revalidation request answered ${response.status}`);
}
