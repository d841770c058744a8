/**
 * Mailing-list input: the signup form and POST /api/subscribe, the preference centre and
 * the signed links in emails. Shared by forms, server actions and route handlers.
 */
import { z } from "zod";
import { FREQUENCIES } from "./subscriber-forms";

export * from "./subscriber-forms";

/** RFC 5321 caps a forward path at 256 octets, i.e. 254 for the address itself. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
export const MAX_NAME_LENGTH = 100;
const MAX_TOPICS = 100;

// Line breaks in a value that ends up in a mail header are how header injection starts;
// reject them (and other control characters) before trimming could hide them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** The local part as zod's own email check has it: ASCII, no leading, trailing or double dot. */
const LOCAL_PART = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]$/;
/**
 * A domain in its ASCII form: letters, digits and hyphens per label, and a top-level domain
 * of letters or an internationalised one (`xn--…`), which zod's own check refuses.
 */
const ASCII_DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** What may not appear in a domain before it is converted (URL syntax, spaces). */
const NOT_IN_DOMAIN = /[\s/\\?#@:[\]%]/;

/**
 * An internationalised domain (`испытание.рф`) in its ASCII form (`xn--80akhbyknj4f.xn--p1ai`),
 * as IDNA converts it (the URL parser's hostname mapping, in browsers and in Node alike);
 * null when it is not a domain. Stored in this form so that both spellings are one address.
 */
function asciiDomain(domain: string): string | null {
  if (domain === "" || NOT_IN_DOMAIN.test(domain)) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  return ASCII_DOMAIN.test(hostname) ? hostname : null;
}

const INVALID_EMAIL = "Enter a valid email address, like name@example.org";

/** The address with its domain in ASCII form, or null when it is not an address we can mail. */
function normalizedAddress(value: string): string | null {
  const at = value.lastIndexOf("@");
  if (at <= 0) return null;
  const local = value.slice(0, at);
  if (local.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(local)) return null;
  const domain = asciiDomain(value.slice(at + 1));
  return domain === null ? null : `${local}@${domain}`;
}

export const subscriberEmailSchema = z
  .string({ error: "Enter your email address" })
  .refine((value) => !CONTROL_CHARACTERS.test(value), {
    message: "Email must be one line, without control characters",
    abort: true,
  })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(MAX_EMAIL_LENGTH, `Email is too long (${MAX_EMAIL_LENGTH} characters at most)`)
  .transform((value, context) => {
    const address = normalizedAddress(value);
    if (address === null) {
      context.addIssue({ code: "custom", message: INVALID_EMAIL });
      return z.NEVER;
    }
    return address;
  })
  .pipe(z.string().max(MAX_EMAIL_LENGTH, `Email is too long (${MAX_EMAIL_LENGTH} characters at most)`));

/**
 * Characters that hide or reorder what a reader sees (bidirectional overrides and
 * isolates, zero-width space, line and paragraph separators, byte order mark).
 */
const INVISIBLE_CHARACTERS = /[\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
/**
 * What a mail client would turn into a link or markup: a scheme, "www.", an address, angle
 * brackets, or a domain name (a word, a dot and a top-level domain, as in "example.com").
 */
const LINK_OR_MARKUP = /:\/\/|www\.|[<>@]|[\p{L}\p{N}](?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/iu;

/**
 * A name fit to print in an email's greeting ("Dear Ada,"): names are free text from an
 * anonymous form, and what a mail client shows as a link in a message from the institute's
 * domain is a phishing tool. Checked at signup and again when a greeting is written.
 */
export function isPlainName(value: string): boolean {
  return !CONTROL_CHARACTERS.test(value) && !INVISIBLE_CHARACTERS.test(value) && !LINK_OR_MARKUP.test(value);
}

/**
 * One line of plain text from an anonymous form that an email may print (a name, an
 * affiliation): no control or invisible characters, no link, address or markup.
 */
export const plainTextField = (label: string, max = MAX_NAME_LENGTH) =>
  z
    .string({ error: `${label} must be text` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: `${label} must be one line`, abort: true })
    .trim()
    .max(max, `${label} is too long (${max} characters at most)`)
    .refine((value) => !INVISIBLE_CHARACTERS.test(value), {
      message: `${label} contains invisible formatting characters: type it again without them`,
      abort: true,
    })
    .refine(
      (value) => !LINK_OR_MARKUP.test(value),
      `${label} cannot contain a web address, an email address, < or >: enter just the name`,
    );

const personName = (label: string) => plainTextField(label);

const topicSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .regex(/^[a-z0-9-]+$/, "Choose topics from the list");

/** One value or several (checkboxes, JSON arrays), always as a list. */
const topicList = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z.array(topicSlug, { error: "Choose topics from the list" }).max(MAX_TOPICS, "Choose topics from the list"),
);

export const signupSchema = z.object({
  email: subscriberEmailSchema,
  firstName: personName("First name").default(""),
  lastName: personName("Last name").default(""),
  /**
   * Absent means "every topic" (forms embedded elsewhere often send only an email);
   * our own form says it offered topics, and then an empty choice is a mistake.
   */
  topics: topicList.optional(),
  topicsOffered: z.unknown().optional(),
  /** The honeypot: hidden from people, filled in by bots. Checked before this schema. */
  website: z.unknown().optional(),
});

export const preferencesSchema = z.object({
  firstName: personName("First name").default(""),
  lastName: personName("Last name").default(""),
  frequency: z.enum(FREQUENCIES, { error: "Choose how often you want to hear from us" }),
  topics: topicList
    .refine((topics) => topics.length > 0, "Choose at least one topic, or unsubscribe below")
    .default([]),
});

/**
 * `<subscriber or registration id>.<purpose>.<expiry>.<nonce>.<signature>`, all URL-safe
 * (lib/subscribers/tokens.ts).
 */
const TOKEN_PATTERN = /^\d{1,12}\.[cmrx]\.[0-9a-z]{1,12}\.[0-9a-z]{1,16}\.[A-Za-z0-9_-]{43}$/;

export const subscriberTokenSchema = z
  .string({ error: "The link is missing its token" })
  .trim()
  .max(200)
  .regex(TOKEN_PATTERN, "The link is not valid");

/** Reads the signup fields out of a form submission (checkboxes repeat their name). */
export function signupInputFromForm(form: FormData): Record<string, unknown> {
  return {
    email: form.get("email") ?? undefined,
    firstName: form.get("firstName") ?? undefined,
    lastName: form.get("lastName") ?? undefined,
    topics: form.has("topics") ? form.getAll("topics") : undefined,
    topicsOffered: form.get("topicsOffered") ?? undefined,
    website: form.get("website") ?? undefined,
  };
}

export function preferencesInputFromForm(form: FormData): Record<string, unknown> {
  return {
    firstName: form.get("firstName") ?? undefined,
    lastName: form.get("lastName") ?? undefined,
    frequency: form.get("frequency") ?? undefined,
    topics: form.getAll("topics"),
  };
}

/** Text as typed, bounded, to refill a form after a submission; anything else is "". */
export function echoedText(value: unknown, max = 300): string {
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** Checkbox values as sent, bounded. */
export function echoedList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .filter((item): item is string => typeof item === "string")
    .slice(0, MAX_TOPICS)
    .map((item) => item.slice(0, 200));
}
