import "server-only";
import path from "node:path";
import { DATA_DIR } from "@/lib/data-dir";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMailSettings } from "./settings";
import { createMailer, type Mailer, type OutgoingMail, type SentMail } from "./transport";

/** Where mail goes when SMTP_URL is unset: .data/outbox (QUIRE_DATA_DIR/outbox). */
export const OUTBOX_DIR = path.join(DATA_DIR, "outbox");

let configured: Mailer | undefined;
let bulk: Mailer | undefined;

const mailerOptions = () => ({
  smtpUrl: env.SMTP_URL,
  outboxDir: OUTBOX_DIR,
  from: env.MAIL_FROM,
  siteUrl: env.SITE_URL,
});

/** The mailer the environment asks for (not pooled: nothing to leak across hot reloads). */
export function mailer(): Mailer {
  configured ??= createMailer(mailerOptions());
  return configured;
}

/** For digests and alerts: the same transport with SMTP connections kept open between messages. */
export function bulkMailer(): Mailer {
  bulk ??= createMailer({ ...mailerOptions(), pool: true });
  return bulk;
}

/** Sends one message with the sender and reply address staff configured. */
export async function sendMail(mail: OutgoingMail): Promise<SentMail> {
  const settings = await loadMailSettings(db, env.MAIL_FROM);
  return mailer().send({ from: settings.from, replyTo: settings.replyTo, ...mail });
}
