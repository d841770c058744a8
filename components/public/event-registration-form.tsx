import { useId } from "react";
import { TextField } from "@/components/ui/text-field";
import type { RegistrationStatus } from "@/lib/events/registration-status";
import { buttonClass, FormMessage } from "./signup-fields";

type Props = {
  eventSlug: string;
  /** "open" or "waitlist": the form is shown only while registration takes names. */
  status: Extract<RegistrationStatus, "open" | "waitlist">;
};

/**
 * Built-in registration on the event page (a page without React): a plain POST to
 * /api/events/[slug]/registrations. Every registration gets the same answer on the page
 * (check your email), so the page never tells who registered.
 */
export function EventRegistrationForm({ eventSlug, status }: Props) {
  const id = useId();
  return (
    <div>
      <div aria-live="polite">
        <FormMessage tone="success" slot="success" />
      </div>
      <form
        action={`/api/events/${encodeURIComponent(eventSlug)}/registrations`}
        method="post"
        noValidate
        data-event-registration-form=""
        className="space-y-4"
      >
        <FormMessage tone="error" slot="error" />
        {status === "waitlist" && (
          <p className="text-sm">
            This event is full: registering puts you on the waitlist, and we will email you if a seat opens.
          </p>
        )}
        <TextField size="sm" id={`${id}-name`} name="name" label="Name" autoComplete="name" required reserveError />
        <TextField
          size="sm"
          id={`${id}-email`}
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          reserveError
        />
        <TextField
          size="sm"
          id={`${id}-affiliation`}
          name="affiliation"
          label="Affiliation"
          hint="(optional)"
          autoComplete="organization"
          reserveError
        />
        <div className="flex items-start gap-2 text-sm">
          <input id={`${id}-consent`} name="consent" type="checkbox" value="yes" required className="mt-1 h-4 w-4" />
          <label htmlFor={`${id}-consent`}>
            I agree that the institute may store my name, email and affiliation to manage my registration and email me
            about this event.
          </label>
        </div>
        <div className="flex items-start gap-2 text-sm">
          <input id={`${id}-join-list`} name="joinMailingList" type="checkbox" value="yes" className="mt-1 h-4 w-4" />
          <label htmlFor={`${id}-join-list`}>Also sign me up to the mailing list</label>
        </div>
        {/* Honeypot: not displayed, so people leave it empty; form-filling bots do not. */}
        <div className="hidden">
          <label htmlFor={`${id}-website`}>Leave this field empty</label>
          <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className={buttonClass}>
          Register
        </button>
      </form>
    </div>
  );
}
