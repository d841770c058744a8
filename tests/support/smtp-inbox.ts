/** A real SMTP server on a free local port, keeping every message it receives, parsed. */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpInbox = {
  url: string;
  messages: ParsedMail[];
  /** The first message to `address` received after `since` messages, waiting up to 10 s. */
  nextTo(address: string, since?: number): Promise<ParsedMail>;
  close(): Promise<void>;
};

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sentTo = (mail: ParsedMail, address: string) => JSON.stringify(mail.to).toLowerCase().includes(address.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    messages,
    async nextTo(address, since = 0) {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = messages.slice(since).find((mail) => sentTo(mail, address));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`No email to ${address} arrived.`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
