import { cancelRegistration } from "@/lib/events/registration-manage";
import { readFormOrJson } from "@/lib/http/body";
import { registrationResultPath } from "@/lib/validations/event-registration";

/**
 * POST /api/registrations/cancel: the "Cancel registration" button of the page a
 * cancel link opens (/events/registration/manage), with the link's `token`. The seat goes
 * to the first person on the waitlist. Answers 303 to the result page.
 */
export async function POST(request: Request) {
  const body = await readFormOrJson(request);
  const token = body.ok ? (body.value as { token?: unknown } | null)?.token : undefined;
  const answer = await cancelRegistration(token);
  return new Response(null, {
    status: 303,
    headers: {
      Location: registrationResultPath(answer.outcome, { event: answer.eventSlug }),
      "Cache-Control": "no-store",
    },
  });
}
