import { clientIp } from "@/lib/subscribers/client-ip";
import { readFormOrJson, resultResponse } from "@/lib/subscribers/http";
import { signUp } from "@/lib/subscribers/signup";

/**
 * POST /api/subscribe: the signup for forms embedded on other sites, as a form or JSON
 * (`email`, optional `firstName`, `lastName`, `topics`: category slugs, all when absent).
 * Same checks and answers as the signup form: 200, 400 with `fieldErrors`, 429, and 503
 * when the list cannot take signups just now.
 */
export async function POST(request: Request) {
  const body = await readFormOrJson(request);
  if (!body.ok) return resultResponse({ ok: false, status: 400, message: body.message });
  return resultResponse(await signUp(body.value, { ip: clientIp(request.headers) }));
}
