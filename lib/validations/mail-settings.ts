/** The mail settings form on /admin/settings. */
import { z } from "zod";

/** The fastest bulk-mail pace staff may set, in messages per second. */
export const MAX_SEND_RATE_PER_SECOND = 1000;

/**
 * Signup emails per hour (confirmations and "already subscribed"), for the whole site. Far
 * above an institute's ordinary signups; it bounds what an anonymous form can make the
 * institute's domain send to strangers.
 */
export const DEFAULT_SIGNUP_MAILS_PER_HOUR = 1000;
export const MAX_SIGNUP_MAILS_PER_HOUR = 1_000_000;

/** Lower-cased, without a leading "@" or ".", or null when it is not a domain at all. */
export function normalizeDomain(value: string): string | null {
  const domain = value
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A display name in a From/Reply-To header: one line, no characters that break the header. */
const displayName = (label: string) =>
  z
    .string()
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: `${label} must be one line`, abort: true })
    .trim()
    .max(100, `${label} is too long (100 characters at most)`)
    .refine((value) => !/[<>"]/.test(value), `${label} cannot contain <, > or "`);

const mailbox = (label: string) =>
  z
    .string()
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: `${label} must be one line`, abort: true })
    .trim()
    .toLowerCase()
    .max(254, `${label} is too long`)
    .pipe(z.email(`${label} must be an email address, like news@example.org`));

export const mailSettingsSchema = z.object({
  fromName: displayName("Sender name"),
  fromAddress: mailbox("Sender address"),
  replyToName: displayName("Reply-To name").default(""),
  /** Empty: replies go to the sender. */
  replyToAddress: z.union([z.literal(""), mailbox("Reply-To address")]).default(""),
  blockedDomains: z
    .string()
    .max(100_000, "The blocked domain list is too long")
    .transform((value, context) => {
      const entries = value.split(/[\s,]+/).filter(Boolean);
      const invalid = entries.filter((entry) => normalizeDomain(entry) === null);
      if (invalid.length > 0)
        context.addIssue({ code: "custom", message: `Not a domain: ${invalid.slice(0, 3).join(", ")}` });
      if (entries.length > 5000) context.addIssue({ code: "custom", message: "At most 5,000 blocked domains" });
      return [...new Set(entries.flatMap((entry) => normalizeDomain(entry) ?? []))].sort();
    }),
  sendRatePerSecond: z.coerce
    .number({ error: "Sending rate must be a number" })
    .int("Sending rate must be a whole number")
    .min(1, "Sending rate must be at least 1 message per second")
    .max(MAX_SEND_RATE_PER_SECOND, `Sending rate is at most ${MAX_SEND_RATE_PER_SECOND} messages per second`),
  /** Absent from older forms and callers: the default. */
  signupMailsPerHour: z.preprocess(
    (value) => (value === undefined || value === "" ? DEFAULT_SIGNUP_MAILS_PER_HOUR : value),
    z.coerce
      .number({ error: "Signup emails per hour must be a number" })
      .int("Signup emails per hour must be a whole number")
      .min(1, "Signup emails per hour must be at least 1")
      .max(
        MAX_SIGNUP_MAILS_PER_HOUR,
        `Signup emails per hour is at most ${MAX_SIGNUP_MAILS_PER_HOUR.toLocaleString("en-US")}`,
      ),
  ),
});

export function mailSettingsFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    fromName: text("fromName") ?? "",
    fromAddress: text("fromAddress"),
    replyToName: text("replyToName"),
    replyToAddress: text("replyToAddress"),
    blockedDomains: text("blockedDomains") ?? "",
    sendRatePerSecond: text("sendRatePerSecond"),
    signupMailsPerHour: text("signupMailsPerHour"),
  };
}
