import "server-only";
import path from "node:path";
import { DATA_DIR } from "@/lib/data-dir";
import { env } from "@/lib/env";
import { createMailer, type Mailer } from "./transport";

/** Where mail goes when SMTP_URL is unset: .data/outbox (QUIRE_DATA_DIR/outbox). */
export const OUTBOX_DIR = path.join(DATA_DIR, "outbox");

let configured: Mailer | undefined;

/** The mailer the environment asks for (not pooled: nothing to leak across hot reloads). */
export function mailer(): Mailer {
  configured ??= createMailer({ smtpUrl: env.SMTP_URL, outboxDir: OUTBOX_DIR, from: env.MAIL_FROM, siteUrl: env.SITE_URL });
  return configured;
}
