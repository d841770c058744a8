import type { Metadata } from "next";
import Link from "next/link";
import { eventPath } from "@/lib/format/paths";
import {
  registrationResultQuerySchema,
  type EventRegistrationField,
  type RegistrationOutcome,
} from "@/lib/validations/event-registration";

export const metadata: Metadata = { title: "Event registration", robots: { index: false, follow: false } };

type Message = { heading: string; text: string; tone: "success" | "problem" };

/** What each outcome says: the same words for every registration accepted, whoever registered. */
const MESSAGES: Record<RegistrationOutcome, Message> = {
  "check-email": {
    heading: "Check your email",
    text: "Thank you! We have sent you an email: open the link in it to confirm your registration. Your seat is held once you confirm.",
    tone: "success",
  },
  waitlist: {
    heading: "Check your email: this event is full",
    text: "Thank you! Every seat is taken just now, so confirming the link we have emailed you puts you on the waitlist. If a seat opens, the first person on the list gets it, and we will email you if that is you.",
    tone: "success",
  },
  invalid: {
    heading: "Please check the form",
    text: "Your registration was not sent: some of what you typed needs attention. Go back to the event and try again.",
    tone: "problem",
  },
  "no-event": {
    heading: "There is no such event",
    text: "We could not find an event taking registrations at this address.",
    tone: "problem",
  },
  closed: {
    heading: "Registration has closed",
    text: "The registration deadline for this event has passed, so we cannot take more registrations.",
    tone: "problem",
  },
  ended: { heading: "This event has ended", text: "This event is over: registration is closed.", tone: "problem" },
  cancelled: {
    heading: "This event has been cancelled",
    text: "This event has been called off, so it takes no registrations.",
    tone: "problem",
  },
  unavailable: {
    heading: "Please try again",
    text: "Registration is unavailable just now. Please try again in a few minutes.",
    tone: "problem",
  },
  "too-many": {
    heading: "Please wait a moment",
    text: "We received many registrations from your network or for this address. Please try again in a few minutes.",
    tone: "problem",
  },
  confirmed: {
    heading: "You are registered",
    text: "Your registration is confirmed. We have emailed you the details, with a calendar file and a link to cancel should you not be able to come.",
    tone: "success",
  },
  waitlisted: {
    heading: "You are on the waitlist",
    text: "Thank you for confirming. The event is full, so you are on the waitlist: we will email you if a seat opens for you.",
    tone: "success",
  },
  "already-confirmed": {
    heading: "You are registered",
    text: "Your registration was already confirmed. Nothing has changed.",
    tone: "success",
  },
  "registration-cancelled": {
    heading: "Your registration is cancelled",
    text: "Thank you for letting us know: your seat goes to the next person on the waitlist.",
    tone: "success",
  },
  "link-invalid": {
    heading: "This link does not work",
    text: "The link is not valid, has expired, or has been replaced by a newer one. Please use the link in the newest email about your registration, or register again on the event’s page.",
    tone: "problem",
  },
};

/** What a field that needs attention must hold (the endpoint's own messages come with JSON). */
const FIELD_HINTS: Record<EventRegistrationField, string> = {
  name: "Name: enter your name, without web addresses, email addresses or < >.",
  email: "Email: enter a valid email address, like name@example.org.",
  affiliation: "Affiliation: at most 200 characters, without web addresses, email addresses or < >.",
  consent: "Consent: tick the box to agree that we may keep your details for this registration.",
};

/**
 * /events/registration?outcome=…: where the registration form, and the confirm and cancel
 * buttons, land without JavaScript. Reads nothing but its query string.
 */
export default async function RegistrationResultPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const query = registrationResultQuerySchema.parse({
    outcome: first(raw.outcome),
    event: first(raw.event),
    fields: first(raw.fields),
  });
  const message = MESSAGES[query.outcome];
  const fields = query.outcome === "invalid" ? (query.fields ?? []) : [];
  return (
    <section aria-labelledby="registration-result" className="max-w-2xl">
      <h1 id="registration-result" className="font-serif text-3xl font-bold">
        {message.heading}
      </h1>
      <p
        role={message.tone === "problem" ? "alert" : "status"}
        className={`mt-4 rounded border p-3 ${
          message.tone === "problem"
            ? "border-red-700 bg-red-50 text-red-900"
            : "border-green-700 bg-green-50 text-green-900"
        }`}
      >
        {message.text}
      </p>
      {fields.length > 0 && (
        <ul className="mt-4 list-disc space-y-1 pl-6">
          {fields.map((field) => (
            <li key={field}>{FIELD_HINTS[field]}</li>
          ))}
        </ul>
      )}
      {query.event && (
        <p className="mt-6">
          <Link href={eventPath(query.event)} className="text-accent underline">
            {query.outcome === "invalid" ? "Back to the event to try again" : "Back to the event"}
          </Link>
        </p>
      )}
      <p className="mt-2">
        <Link href="/events" className="text-accent underline">
          All events
        </Link>
      </p>
    </section>
  );
}
