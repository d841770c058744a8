import "server-only";
import { env } from "@/lib/env";

/**
 * Whether a state-changing request comes from a page of this site: its Origin header must
 * be SITE_URL's origin. Browsers send Origin on every cross-site POST and on fetch POSTs,
 * so a missing header is refused too (cross-site request forgery).
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(env.SITE_URL).origin;
}

export const CROSS_ORIGIN_MESSAGE = "This request did not come from this site's pages.";
