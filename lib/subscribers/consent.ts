/**
 * What a reader agrees to when subscribing. The version is stored with each consent
 * record (Subscriber.consentVersion): change the wording, change the version, so every
 * record still says which text its reader saw. No server-only imports: the form shows it.
 */
export const CONSENT_VERSION = "2026-11-v1";

export function consentWording(siteName: string) {
  return {
    before: `By subscribing you agree that ${siteName} may email you updates on the topics you choose. You can unsubscribe at any time, with the link in every email. See our `,
    linkText: "privacy notice",
    linkHref: "/privacy",
    after: ".",
  };
}
