import { buttonLink, emailDocument, escapeHtml, greeting } from "../html";

export type AlreadySubscribedEmailInput = { siteName: string; firstName: string; preferencesUrl: string };

/**
 * Sent instead of a confirmation when a confirmed address signs up again: the page's
 * answer stays the same for every address, and the reader learns where to manage it.
 */
export function alreadySubscribedEmail(input: AlreadySubscribedEmailInput) {
  const subject = `You are already subscribed to ${input.siteName}`;
  const text = [
    greeting(input.firstName),
    "",
    `Someone, probably you, asked to subscribe this address to ${input.siteName}. It is already subscribed, so nothing has changed.`,
    "",
    `To change your topics, how often you hear from us, or to unsubscribe: ${input.preferencesUrl}`,
  ].join("\n");
  const html = emailDocument({
    title: subject,
    siteName: input.siteName,
    body: [
      `<p>${escapeHtml(greeting(input.firstName))}</p>`,
      `<p>Someone, probably you, asked to subscribe this address to ${escapeHtml(input.siteName)}. It is already subscribed, so nothing has changed.</p>`,
      `<p>${buttonLink(input.preferencesUrl, "Manage your preferences")}</p>`,
    ].join("\n"),
    footer: "You receive this email because this address is subscribed to our updates.",
  });
  return { subject, text, html };
}
