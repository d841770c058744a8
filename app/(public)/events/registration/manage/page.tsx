import Link from "next/link";
import { buttonClass } from "@/components/public/signup-fields";
import { inspectRegistrationLink } from "@/lib/events/registration-manage";
import { eventPath } from "@/lib/format/paths";
import { tokenFrom, tokenPageMetadata, type TokenPageProps } from "@/lib/subscribers/page-params";

export const metadata = tokenPageMetadata("Your registration");

const STATUS_TEXT = {
  PENDING: "Your registration is waiting for you to confirm your address.",
  CONFIRMED: "You are registered.",
  WAITLISTED: "You are on the waitlist.",
  CANCELLED: "Your registration is cancelled.",
} as const;

/**
 * /events/registration/manage?token=…: the cancel link of every registration email. Shows
 * the registration; "Cancel registration" posts to /api/registrations/cancel.
 */
export default async function ManageRegistrationPage(props: TokenPageProps) {
  const token = await tokenFrom(props);
  const view = await inspectRegistrationLink(token, "manage");
  return (
    <section aria-labelledby="manage-registration" className="max-w-2xl">
      <h1 id="manage-registration" className="font-serif text-3xl font-bold">
        Your registration
      </h1>
      {view.state === "invalid" ? (
        <p className="mt-4">{view.message}</p>
      ) : (
        <>
          <p className="mt-4">
            <Link href={eventPath(view.eventSlug)} className="text-accent underline">
              {view.eventTitle}
            </Link>{" "}
            for <strong>{view.email}</strong>: {STATUS_TEXT[view.status]}
          </p>
          {view.status !== "CANCELLED" && (
            <form action="/api/registrations/cancel" method="post" className="mt-6 space-y-4">
              <p>Cannot come after all? Cancelling gives your seat to the first person on the waitlist.</p>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={buttonClass}>
                Cancel registration
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
