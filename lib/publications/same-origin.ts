/** CSRF defence for state-changing route handlers: the request must come from the site's own pages. */
import "server-only";
import { env } from "@/lib/env";

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(env.SITE_URL).origin;
}
