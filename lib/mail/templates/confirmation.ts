import { buttonLink, emailDocument, escapeHtml, greeting, textLink } from "../html";

export type ConfirmationEmailInput = {
  siteName: string;
  firstName: string;
  confirmUrl: string;
  preferencesUrl: string;
  validForHours: number;
};

/** The double opt-in email: nothing else is sent to an address until its link is followed. */
export function confirmationEmail(input: ConfirmationEmailInput) {
  const subject = `Confirm your subscription to ${input.siteName}`;
  const text = [
    greeting(input.firstName),
    "",
    `Please confirm that you want to receive email updates from ${input.siteName}. Open this link and press "Confirm":`,
    "",
    input.confirmUrl,
    "",
    `The link works for ${input.validForHours} hours. If you did not ask to subscribe, ignore this email: you will not hear from us again.`,
    "",
    "--",
    `Change your topics or unsubscribe: ${input.preferencesUrl}`,
  ].join("\n");
  const html = emailDocument({
    title: subject,
    siteName: input.siteName,
    body: [
      `<p>${escapeHtml(greeting(input.firstName))}</p>`,
      `<p>Please confirm that you want to receive email updates from ${escapeHtml(input.siteName)}.</p>`,
      `<p>${buttonLink(input.confirmUrl, "Confirm your subscription")}</p>`,
      `<p style="font-size:14px;color:#4b5563">Or paste this address into your browser: ${escapeHtml(input.confirmUrl)}</p>`,
      `<p>The link works for ${input.validForHours} hours. If you did not ask to subscribe, ignore this email: you will not hear from us again.</p>`,
    ].join("\n"),
    footer: textLink(input.preferencesUrl, "Change your topics or unsubscribe"),
  });
  return { subject, text, html };
}
