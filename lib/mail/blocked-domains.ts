/**
 * Domains whose addresses the mailing list refuses: disposable-mail services by default.
 * Staff edit the list on /admin/settings (the setting BLOCKED_DOMAINS_SETTING, a JSON
 * array of domains in the Setting table, replaces the defaults once saved); a blocked
 * domain also blocks its subdomains.
 */
export const BLOCKED_DOMAINS_SETTING = "mail.blockedDomains";

export const DEFAULT_BLOCKED_DOMAINS: readonly string[] = [
  "10minutemail.com",
  "discard.email",
  "dispostable.com",
  "fakeinbox.com",
  "getnada.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "maildrop.cc",
  "mailinator.com",
  "mailnesia.com",
  "mintemail.com",
  "mohmal.com",
  "sharklasers.com",
  "temp-mail.org",
  "tempmail.com",
  "throwawaymail.com",
  "trashmail.com",
  "yopmail.com",
];

export function isBlockedAddress(email: string, blockedDomains: Iterable<string>): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  for (const blocked of blockedDomains) {
    if (domain === blocked || domain.endsWith(`.${blocked}`)) return true;
  }
  return false;
}
