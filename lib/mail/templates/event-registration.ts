/**
 * Emails to an event's registrants (lib/events/registration-mail.ts builds their inputs from
 * the event as it is when the email is sent). Pure: plain text and one HTML layout, every
 * value escaped. Registrants-only livestream links appear only where `livestreamUrl` is
 * given: the sender passes it to the "confirmed" and "reminder" emails alone.
 */
import { buttonLink, emailDocument, escapeHtml, greeting, textLink } from "../html";

export type EventMailEvent = {
  title: string;
  /** "Thursday, December 10, 2026, 2:00 PM EST – 3:30 PM EST". */
  when: string;
  /** Venue and address, "Online", or both. */
  where: string;
  /** Absolute address of the event's page. */
  url: string;
};

type Base = { siteName: string; name: string; event: EventMailEvent };

type Content = { subject: string; text: string; html: string };

/** Paragraphs of plain text → the text part and the HTML body, with optional buttons and a footer. */
function compose(
  input: Base,
  subject: string,
  paragraphs: string[],
  options: { button?: { url: string; label: string }; footer: { text: string; html: string } },
): Content {
  const hello = greeting(input.name.split(/\s+/)[0] ?? "");
  const details = [input.event.title, input.event.when, input.event.where].filter(Boolean);
  const text = [
    hello,
    "",
    ...paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(options.button ? [`${options.button.label}: ${options.button.url}`, ""] : []),
    ...details,
    input.event.url,
    "",
    "--",
    options.footer.text,
  ].join("\n");
  const html = emailDocument({
    title: subject,
    siteName: input.siteName,
    body: [
      `<p>${escapeHtml(hello)}</p>`,
      ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`),
      options.button ? `<p>${buttonLink(options.button.url, options.button.label)}</p>` : "",
      `<p style="border-left:4px solid #d9dee5;padding-left:12px"><strong>${textLink(input.event.url, input.event.title)}</strong><br>${escapeHtml(input.event.when)}${input.event.where ? `<br>${escapeHtml(input.event.where)}` : ""}</p>`,
    ].join("\n"),
    footer: options.footer.html,
  });
  return { subject, text, html };
}

const manageFooter = (manageUrl: string) => ({
  text: `Cannot come after all? Cancel your registration: ${manageUrl}`,
  html: `Cannot come after all? ${textLink(manageUrl, "Cancel your registration")} so that someone on the waitlist gets your seat.`,
});

const registeredFooter = {
  text: "You receive this email because you registered for this event.",
  html: "You receive this email because you registered for this event.",
};

/** The double opt-in: nothing else is sent, and no seat is held, until the link is followed. */
export function confirmRegistrationEmail(input: Base & { confirmUrl: string; validForHours: number; full: boolean }) {
  return compose(
    input,
    `Confirm your registration: ${input.event.title}`,
    [
      `Please confirm that you want to attend "${input.event.title}".`,
      input.full
        ? "The event is full just now: confirming puts you on the waitlist, and we will email you if a seat opens."
        : "Your seat is held once you confirm.",
      `The link works for ${input.validForHours} hours. If you did not register, ignore this email: you will not hear from us again.`,
    ],
    {
      button: { url: input.confirmUrl, label: "Confirm your registration" },
      footer: {
        text: "You receive this email because someone registered this address for an event.",
        html: "You receive this email because someone registered this address for an event.",
      },
    },
  );
}

/** Sent instead of a confirmation when a registered address registers again: the page's answer never differs. */
export function alreadyRegisteredEmail(input: Base & { manageUrl: string; waitlisted: boolean }) {
  return compose(
    input,
    `You are already registered: ${input.event.title}`,
    [
      `Someone, probably you, asked to register this address for "${input.event.title}". ${
        input.waitlisted ? "You are already on its waitlist" : "You are already registered"
      }, so nothing has changed.`,
    ],
    { button: { url: input.manageUrl, label: "See or cancel your registration" }, footer: registeredFooter },
  );
}

/** Confirmed with a seat: the calendar file is attached by the sender. */
export function registrationConfirmedEmail(input: Base & { manageUrl: string; livestreamUrl?: string | null }) {
  return compose(
    input,
    `You are registered: ${input.event.title}`,
    [
      "Your registration is confirmed. The calendar file attached adds the event to your calendar.",
      ...(input.livestreamUrl ? [`Watch online (this link is for registrants only): ${input.livestreamUrl}`] : []),
    ],
    { footer: manageFooter(input.manageUrl) },
  );
}

export function registrationWaitlistedEmail(input: Base & { manageUrl: string }) {
  return compose(
    input,
    `You are on the waitlist: ${input.event.title}`,
    [
      "Thank you for confirming. The event is full, so you are on the waitlist: when a seat opens, the first person on the list gets it, and we will email you if that is you.",
    ],
    {
      footer: {
        text: `No longer interested? Leave the waitlist: ${input.manageUrl}`,
        html: `No longer interested? ${textLink(input.manageUrl, "Leave the waitlist")}.`,
      },
    },
  );
}

export function registrationPromotedEmail(input: Base & { manageUrl: string }) {
  return compose(
    input,
    `A seat opened up for you: ${input.event.title}`,
    [
      "Good news: a seat opened up and it is yours. You are now registered; the calendar file attached adds the event to your calendar.",
    ],
    { footer: manageFooter(input.manageUrl) },
  );
}

export function eventReminderEmail(input: Base & { manageUrl: string; livestreamUrl?: string | null }) {
  return compose(
    input,
    `Tomorrow: ${input.event.title}`,
    [
      "A reminder: the event you registered for starts in about 24 hours.",
      ...(input.livestreamUrl ? [`Watch online (this link is for registrants only): ${input.livestreamUrl}`] : []),
    ],
    { footer: manageFooter(input.manageUrl) },
  );
}

export function eventRecordingEmail(input: Base & { recordingUrl: string }) {
  return compose(
    input,
    `The recording is up: ${input.event.title}`,
    ["Thank you for registering. The recording of the event is now on its page."],
    { button: { url: input.recordingUrl, label: "Watch the recording" }, footer: registeredFooter },
  );
}

export function eventPostponedEmail(input: Base & { manageUrl: string; rescheduled: boolean }) {
  return compose(
    input,
    `${input.rescheduled ? "New date" : "Postponed"}: ${input.event.title}`,
    [
      input.rescheduled
        ? "The event you registered for has moved. The new date and time are below; your registration stands, and the calendar file attached replaces the old one."
        : "The event you registered for has been postponed. Your registration stands; we will email you when there is a new date.",
    ],
    { footer: manageFooter(input.manageUrl) },
  );
}

export function eventCancelledEmail(input: Base) {
  return compose(
    input,
    `Cancelled: ${input.event.title}`,
    ["We are sorry: the event you registered for has been cancelled. Your registration has no further effect."],
    { footer: registeredFooter },
  );
}

/** Staff's message to the registrants of one event, as typed. */
export function registrantMessageEmail(input: Base & { subject: string; text: string; manageUrl: string }) {
  return compose(input, input.subject, [input.text], { footer: manageFooter(input.manageUrl) });
}
