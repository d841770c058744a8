import { registerForEvent } from "@/lib/events/registration";
import { isFormNavigation, readFormOrJson } from "@/lib/http/body";
import { clientIp } from "@/lib/http/client-ip";
import { resultResponse } from "@/lib/http/respond";
import { registrationResultPath } from "@/lib/validations/event-registration";

/**
 * POST /api/events/[slug]/registrations: the registration form of an event page, as a form
 * or JSON (`name`, `email`, `affiliation`, `consent`, `joinMailingList`). Answers 200 with
 * the same message for every accepted registration (so the answer never tells who is
 * registered), 400 with `fieldErrors`, 404 (no such event, or no built-in registration),
 * 409 (registration closed), 410 (ended or cancelled), 429 and 503. A browser posting the
 * form itself is sent on to the result page instead (303, a relative Location as
 * /api/subscribe does).
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const body = await readFormOrJson(request);
  const answer = body.ok
    ? await registerForEvent(slug, body.value, { ip: clientIp(request.headers) })
    : { result: body, outcome: "invalid" as const };
  if (isFormNavigation(request)) {
    const fields = answer.result.ok ? [] : Object.keys(answer.result.fieldErrors ?? {});
    return new Response(null, {
      status: 303,
      headers: {
        Location: registrationResultPath(answer.outcome, { event: slug, fields }),
        "Cache-Control": "no-store",
      },
    });
  }
  return resultResponse(answer.result.ok ? { ...answer.result, outcome: answer.outcome } : answer.result);
}
