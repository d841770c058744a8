import { confirmRegistration } from "@/lib/events/registration-manage";
import { readFormOrJson } from "@/lib/http/body";
import { registrationResultPath } from "@/lib/validations/event-registration";

/**
 * POST /api/registrations/confirm: the "Confirm" button of the page a confirmation
 * link opens (/events/registration/confirm), with the link's `token`. The signed token is
 * the whole authority. Answers 303 to the result page: confirmed, waitlisted, or why not.
 */
export async function POST(request: Request) {
  const body = await readFormOrJson(request);
  const token = body.ok ? (body.value as { token?: unknown } | null)?.token : undefined;
  const answer = await confirmRegistration(token);
  return new Response(null, {
    status: 303,
    headers: {
      Location: registrationResultPath(answer.outcome, { event: answer.eventSlug }),
      "Cache-Control": "no-store",
    },
  });
}
