import { env } from "@/lib/env";

/**
 * This server's own address, for requests it makes to itself: `next start` records it once
 * listening (the public SITE_URL may be a proxy or CDN in front, which would not reach
 * this process).
 */
export function ownOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN || env.SITE_URL;
}
