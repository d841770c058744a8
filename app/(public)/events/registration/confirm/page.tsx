import Link from "next/link";
import { buttonClass } from "@/components/public/signup-fields";
import { inspectRegistrationLink } from "@/lib/events/registration-manage";
import { eventPath } from "@/lib/format/paths";
import { tokenFrom, tokenPageMetadata, type TokenPageProps } from "@/lib/subscribers/page-params";

export const metadata = tokenPageMetadata("Confirm your registration");

/**
 * /events/registration/confirm?token=…: opening the link only shows this page (mail
 * scanners open links); the "Confirm" button posts to /api/registrations/confirm.
 */
export default async function ConfirmRegistrationPage(props: TokenPageProps) {
  const token = await tokenFrom(props);
  const view = await inspectRegistrationLink(token, "confirm");
  return (
    <section aria-labelledby="confirm-registration" className="max-w-2xl">
      <h1 id="confirm-registration" className="font-serif text-3xl font-bold">
        Confirm your registration
      </h1>
      {view.state === "invalid" ? (
        <p className="mt-4">{view.message}</p>
      ) : view.status === "PENDING" ? (
        <form action="/api/registrations/confirm" method="post" className="mt-4 space-y-4">
          <p>
            Press “Confirm” to register <strong>{view.email}</strong> for{" "}
            <Link href={eventPath(view.eventSlug)} className="text-accent underline">
              {view.eventTitle}
            </Link>
            .
          </p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className={buttonClass}>
            Confirm
          </button>
        </form>
      ) : (
        <p className="mt-4">
          {view.status === "CANCELLED"
            ? "This registration was cancelled. Register again on the event’s page if you would like to come."
            : view.status === "WAITLISTED"
              ? "Your address is confirmed: you are on the waitlist."
              : "Your registration is already confirmed."}{" "}
          <Link href={eventPath(view.eventSlug)} className="text-accent underline">
            {view.eventTitle}
          </Link>
        </p>
      )}
    </section>
  );
}
