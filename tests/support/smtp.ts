/**
 * A real SMTP server for tests (smtp-server), keeping every accepted message parsed
 * (mailparser). `reply` lets a test answer a recipient with an SMTP error instead, and
 * `holdWhen` keeps a message waiting (accepted by nobody) until the test lets it go.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

export type SmtpReply = { code: number; message: string } | null;

export type TestSmtpServer = {
  url: string;
  inbox: ParsedMail[];
  /** Called per recipient at RCPT TO; an error answer refuses that recipient. */
  reply: (recipient: string) => SmtpReply;
  /** Called per message before it is accepted: a promise the server waits for. */
  holdWhen: (mail: ParsedMail) => Promise<void> | void;
  mailsTo(address: string): ParsedMail[];
  /** How many messages each recipient got. */
  countsByRecipient(): Map<string, number>;
  /** The first message to `address` among those after the first `since`, waiting up to 10 s. */
  nextTo(address: string, since?: number): Promise<ParsedMail>;
  close(): Promise<void>;
};

function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address?.toLowerCase() ?? "";
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const handle = {
    inbox: [] as ParsedMail[],
    reply: (() => null) as TestSmtpServer["reply"],
    holdWhen: (() => undefined) as TestSmtpServer["holdWhen"],
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const answer = handle.reply(address.address.toLowerCase());
      if (!answer) return callback();
      const error = Object.assign(new Error(answer.message), { responseCode: answer.code });
      callback(error);
    },
    onData(stream: SMTPServerDataStream, _session, callback) {
      simpleParser(stream).then(
        async (mail) => {
          await handle.holdWhen(mail);
          handle.inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(handle, {
    url: `smtp://127.0.0.1:${port}`,
    mailsTo: (address: string) => handle.inbox.filter((mail) => recipientOf(mail) === address.toLowerCase()),
    countsByRecipient() {
      const counts = new Map<string, number>();
      for (const mail of handle.inbox) counts.set(recipientOf(mail), (counts.get(recipientOf(mail)) ?? 0) + 1);
      return counts;
    },
    async nextTo(address: string, since = 0) {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = handle.inbox.slice(since).find((mail) => recipientOf(mail) === address.toLowerCase());
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`No email to ${address} arrived.`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as TestSmtpServer;
}
