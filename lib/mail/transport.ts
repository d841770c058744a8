/**
 * Sends mail: over SMTP when SMTP_URL is set, otherwise into the outbox, a folder of .eml
 * files (.data/outbox/) that development, demos and the admin can read without a mail
 * server. Both paths build the same MIME message with nodemailer.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";

export type MailAddress = { name: string; address: string };

export type OutgoingMail = {
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  /** For bulk mail: RFC 2369 List-Unsubscribe and RFC 8058 one-click (see templates/bulk.ts). */
  list?: { id: string; name: string; unsubscribeUrl: string; oneClick: boolean };
  /** Sender and reply address from the settings; the mailer's `from` when absent. */
  from?: MailAddress;
  replyTo?: MailAddress;
  /** A Message-ID chosen by the caller (bulk mail records it before sending); random otherwise. */
  messageId?: string;
  /** Files sent with the message, e.g. an event's calendar file (text/calendar). */
  attachments?: MailAttachment[];
};

export type MailAttachment = { filename: string; content: string; contentType: string };

export type SentMail = { messageId: string; outboxFile?: string };

export type Mailer = {
  readonly kind: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
};

/**
 * Mail that did not go out. `temporary` says whether trying again later may work: SMTP 4xx
 * replies and connection failures are temporary, 5xx replies are final.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** nodemailer's error: `responseCode` is the SMTP reply code when the server answered. */
function isTemporarySmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  if (typeof code === "number") return code < 500;
  return true;
}

export type MailerOptions = {
  /** smtp(s)://…; without it, mail goes to `outboxDir`. */
  smtpUrl?: string;
  outboxDir: string;
  /** Sender and reply address, e.g. `Quire Institute <no-reply@example.org>`. */
  from: string;
  /** Used for Message-ID when the sender's address has no usable domain. */
  siteUrl: string;
  /** Keep SMTP connections open between messages (bulk sending). */
  pool?: boolean;
};

/**
 * SMTP connections a pooled (bulk) mailer keeps open. Each message costs a few round trips,
 * so throughput grows with connections; the sending rate setting caps it for the relay.
 */
export const BULK_CONNECTIONS = 10;

/** Bounds every SMTP call, so a sender never waits longer than its claim lease allows. */
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as const;

/** The domain for Message-IDs: the sender's, else the site's. */
export function messageIdDomain(from: string, siteUrl: string): string {
  const match = /@([a-z0-9.-]+)>?\s*$/i.exec(from);
  return match?.[1] ?? new URL(siteUrl).hostname;
}

/** RFC 2919: `"Name" <id>`; the phrase is left out when it is not plain printable ASCII. */
function listId(name: string, id: string): string {
  return /^[\x20-\x7e]+$/.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}" <${id}>` : `<${id}>`;
}

/** nodemailer reads transport options from the URL's query; values already there win. */
function withTransportDefaults(smtpUrl: string, defaults: Record<string, number | boolean>): string {
  const url = new URL(smtpUrl);
  for (const [name, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

export function createMailer(options: MailerOptions): Mailer {
  const domain = messageIdDomain(options.from, options.siteUrl);

  const compose = (mail: OutgoingMail): SendMailOptions & { messageId: string } => ({
    from: mail.from ?? options.from,
    replyTo: mail.replyTo ?? mail.from ?? options.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId ?? `<${randomUUID()}@${domain}>`,
    ...(mail.attachments && { attachments: mail.attachments }),
    ...(mail.list && {
      list: { unsubscribe: mail.list.unsubscribeUrl },
      headers: {
        // Written here rather than through nodemailer's `list.id`, which prefixes the id with "http://".
        "List-ID": { prepared: true, value: listId(mail.list.name, mail.list.id) },
        ...(mail.list.oneClick && { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }),
        // Bulk mail: tells autoresponders not to answer.
        Precedence: "bulk",
      },
    }),
  });

  if (options.smtpUrl) {
    const pooling: Record<string, number | boolean> = options.pool
      ? { pool: true, maxConnections: BULK_CONNECTIONS }
      : { pool: false };
    const transport: Transporter = nodemailer.createTransport(
      withTransportDefaults(options.smtpUrl, { ...SMTP_TIMEOUTS_MS, ...pooling }),
    );
    return {
      kind: "smtp",
      async send(mail) {
        const message = compose(mail);
        try {
          await transport.sendMail(message);
        } catch (error) {
          throw new MailDeliveryError(
            `SMTP delivery failed: ${(error as Error).message}`,
            isTemporarySmtpFailure(error),
            { cause: error },
          );
        }
        return { messageId: message.messageId };
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "outbox",
    async send(mail) {
      const message = compose(mail);
      try {
        const info = await transport.sendMail(message);
        await fs.mkdir(options.outboxDir, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`;
        const file = path.join(options.outboxDir, name);
        // Written aside and renamed, so a reader of the folder never sees half a message.
        await fs.writeFile(`${file}.partial`, info.message as Buffer, { mode: 0o600 });
        await fs.rename(`${file}.partial`, file);
        return { messageId: message.messageId, outboxFile: file };
      } catch (error) {
        throw new MailDeliveryError(`Writing to the outbox failed: ${(error as Error).message}`, true, {
          cause: error,
        });
      }
    },
    close: () => transport.close(),
  };
}
