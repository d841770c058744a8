import { clientIp } from "@/lib/http/client-ip";
import { isFormNavigation, readFormOrJson, type ParsedBody } from "@/lib/http/body";
import { resultResponse } from "@/lib/http/respond";
import { signUp } from "@/lib/subscribers/signup";
import { subscribePageAfter } from "@/lib/subscribers/signup-redirect";

/**
 * POST /api/subscribe: the signup for forms embedded on other sites and for the signup box
 * of pages without React, as a form or JSON (`email`, optional `firstName`, `lastName`,
 * `topics`: category slugs, all when absent). Same checks and answers as the signup form:
 * 200, 400 with `fieldErrors`, 429, and 503 when the list cannot take signups just now.
 * A browser posting the form itself (no JavaScript) is sent on to /subscribe instead (303),
 * which thanks the reader or shows the form again with the address typed.
 */
export async function POST(request: Request) {
  const body = await readFormOrJson(request);
  const result = body.ok ? await signUp(body.value, { ip: clientIp(request.headers) }) : body;
  // A relative Location: an absolute one built from request.url would name "localhost" when
  // the site is reached at 127.0.0.1 (Next.js rewrites loopback hosts), another origin, which
  // the page's Content-Security-Policy (form-action 'self') refuses to follow.
  if (isFormNavigation(request))
    return new Response(null, {
      status: 303,
      headers: { Location: subscribePageAfter(result.ok, typedEmail(body)), "Cache-Control": "no-store" },
    });
  return resultResponse(result);
}

function typedEmail(body: ParsedBody): string | undefined {
  const email = body.ok ? (body.value as { email?: unknown } | null)?.email : undefined;
  return typeof email === "string" ? email : undefined;
}
