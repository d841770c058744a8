import { emailDocument, escapeHtml, textLink } from "../html";
import type { MailAddress, OutgoingMail } from "../transport";

export type BulkContent = {
  subject: string;
  /** Trusted HTML (built by our own templates or sanitized on save), placed inside the layout. */
  html: string;
  text: string;
};

export type BulkEnvelope = {
  siteName: string;
  siteUrl: string;
  to: MailAddress;
  links: { preferences: string; unsubscribe: string; oneClickUnsubscribe: string };
};

/**
 * Wraps any mailing (a new publication, a digest) for one subscriber: the footer with
 * their preference and unsubscribe links, and the headers mailbox providers require of
 * bulk senders: List-Unsubscribe with an https URL and List-Unsubscribe-Post (RFC 8058),
 * so "Unsubscribe" in the mail client works with one click.
 */
export function bulkEmail(content: BulkContent, envelope: BulkEnvelope): OutgoingMail {
  const footerText = [
    `You receive this email because you subscribed to updates from ${envelope.siteName}.`,
    `Change your topics or frequency: ${envelope.links.preferences}`,
    `Unsubscribe: ${envelope.links.unsubscribe}`,
  ];
  return {
    to: envelope.to,
    subject: content.subject,
    text: `${content.text.trimEnd()}\n\n--\n${footerText.join("\n")}\n`,
    html: emailDocument({
      title: content.subject,
      siteName: envelope.siteName,
      body: content.html,
      footer: [
        `You receive this email because you subscribed to updates from ${escapeHtml(envelope.siteName)}.`,
        `${textLink(envelope.links.preferences, "Change your topics or frequency")} · ${textLink(envelope.links.unsubscribe, "Unsubscribe")}`,
      ].join("<br>"),
    }),
    list: {
      id: `updates.${new URL(envelope.siteUrl).hostname}`,
      name: envelope.siteName,
      unsubscribeUrl: envelope.links.oneClickUnsubscribe,
      oneClick: true,
    },
  };
}
