import { buttonLink, emailDocument, escapeHtml, greeting } from "../html";

export type PasswordLinkEmailInput = {
  siteName: string;
  name: string;
  url: string;
  validForHours: number;
  /** For an invitation: who invited and which role the account has. */
  invitation?: { invitedBy: string; role: string };
};

/** The email with a link to set a password: a reset, or an invitation to a new staff account. */
export function passwordLinkEmail(input: PasswordLinkEmailInput) {
  const { invitation } = input;
  const subject = invitation
    ? `You are invited to ${input.siteName}'s staff area`
    : `Reset your ${input.siteName} password`;
  const lead = invitation
    ? `${invitation.invitedBy} has created a staff account for you at ${input.siteName} (role: ${invitation.role}). Choose a password to start:`
    : `Someone, probably you, asked to reset the password of your staff account at ${input.siteName}. Choose a new password here:`;
  const hours = `${input.validForHours} hour${input.validForHours === 1 ? "" : "s"}`;
  const after = invitation
    ? `The link works for ${hours}. If you did not expect this invitation, ignore this email.`
    : `The link works for ${hours} and only once. If you did not ask for it, ignore this email: your password stays as it is.`;
  const text = [greeting(input.name), "", lead, "", input.url, "", after].join("\n");
  const html = emailDocument({
    title: subject,
    siteName: input.siteName,
    body: [
      `<p>${escapeHtml(greeting(input.name))}</p>`,
      `<p>${escapeHtml(lead)}</p>`,
      `<p>${buttonLink(input.url, invitation ? "Set your password" : "Choose a new password")}</p>`,
      `<p style="font-size:14px;color:#4b5563">Or paste this address into your browser: ${escapeHtml(input.url)}</p>`,
      `<p>${escapeHtml(after)}</p>`,
    ].join("\n"),
    footer: "You receive this email because of a staff account at this address.",
  });
  return { subject, text, html };
}
