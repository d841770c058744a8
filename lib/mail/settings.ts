/**
 * Mail settings staff edit on /admin/settings, stored in the Setting table (one JSON value
 * per key), with defaults from the environment (MAIL_FROM) and lib/mail/blocked-domains.ts.
 * Read where mail is built, so a change applies to the next message sent.
 */
import { z } from "zod";
import type { DatabaseClient } from "@/lib/db-client";
import {
  DEFAULT_SIGNUP_MAILS_PER_HOUR,
  MAX_SEND_RATE_PER_SECOND,
  MAX_SIGNUP_MAILS_PER_HOUR,
  normalizeDomain,
} from "@/lib/validations/mail-settings";
import { BLOCKED_DOMAINS_SETTING, DEFAULT_BLOCKED_DOMAINS } from "./blocked-domains";
import type { MailAddress } from "./transport";

export const MAIL_SETTING_KEYS = {
  from: "mail.from",
  replyTo: "mail.replyTo",
  blockedDomains: BLOCKED_DOMAINS_SETTING,
  sendRate: "mail.sendRatePerSecond",
  signupMailsPerHour: "mail.signupMailsPerHour",
} as const;

/** Bulk mail pace when staff have not chosen one: what a typical SMTP relay accepts. */
const DEFAULT_SEND_RATE_PER_SECOND = 20;

export type MailSettings = {
  from: MailAddress;
  /** Where replies go; the sender when unset. */
  replyTo: MailAddress;
  blockedDomains: string[];
  sendRatePerSecond: number;
  /**
   * Signup emails (confirmations, "already subscribed") sent per hour across all servers;
   * past it, signups are stored and their emails wait (lib/subscribers/signup-mail.ts).
   */
  signupMailsPerHour: number;
};

/** `Name <address>` or a bare address, as in MAIL_FROM. */
function parseMailbox(value: string): MailAddress {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim(), address: match[2]!.trim() };
  return { name: "", address: value.trim() };
}

const storedAddress = z.object({ name: z.string(), address: z.string().min(3) });
const storedDomains = z.array(z.string());
const storedRate = z.number().int().min(1).max(MAX_SEND_RATE_PER_SECOND);
const storedSignupBudget = z.number().int().min(1).max(MAX_SIGNUP_MAILS_PER_HOUR);

type SettingReader = Pick<DatabaseClient, "$queryRaw">;

const KEYS: string[] = Object.values(MAIL_SETTING_KEYS);

/** A stored value if it is valid, else undefined (never building an error for an absent one). */
function stored<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  return value === undefined ? undefined : schema.safeParse(value).data;
}

/**
 * Read on every signup and every message built, so in one plain query (a raw read costs a
 * fraction of a model query's CPU here), and without validating settings nobody saved.
 */
export async function loadMailSettings(database: SettingReader, mailFrom: string): Promise<MailSettings> {
  const rows = await database.$queryRaw<Array<{ key: string; value: unknown }>>`
    SELECT key, value FROM "Setting" WHERE key = ANY(${KEYS}::text[])`;
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const from = stored(storedAddress, value(MAIL_SETTING_KEYS.from)) ?? parseMailbox(mailFrom);
  const replyTo = stored(storedAddress, value(MAIL_SETTING_KEYS.replyTo)) ?? from;
  const domains = stored(storedDomains, value(MAIL_SETTING_KEYS.blockedDomains));
  return {
    from,
    replyTo,
    // Once staff saved a list it is the whole list (they may remove a default entry).
    blockedDomains: domains ? domains.flatMap((domain) => normalizeDomain(domain) ?? []) : [...DEFAULT_BLOCKED_DOMAINS],
    sendRatePerSecond: stored(storedRate, value(MAIL_SETTING_KEYS.sendRate)) ?? DEFAULT_SEND_RATE_PER_SECOND,
    signupMailsPerHour:
      stored(storedSignupBudget, value(MAIL_SETTING_KEYS.signupMailsPerHour)) ?? DEFAULT_SIGNUP_MAILS_PER_HOUR,
  };
}
