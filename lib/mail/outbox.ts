/**
 * The outbox folder as an admin reads it: newest message first, one file at a time, with
 * every secret the mail carries redacted. Password reset and invitation links, and the
 * signed links of subscriber mail, are credentials: whoever reads them can act as their
 * recipient, so they are never shown to another person, in any part of a message.
 * Every view is recorded in the audit log.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DatabaseClient } from "@/lib/db-client";
import { parseEml } from "./eml";

const OUTBOX_PAGE_SIZE = 50;

/** Names the outbox writes (lib/mail/transport.ts); anything else, such as "../x", is refused. */
const OUTBOX_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.eml$/;

export type OutboxPage = {
  files: Array<{ name: string; size: number; modifiedAt: Date }>;
  total: number;
  page: number;
  pageCount: number;
};

export async function listOutbox(directory: string, page: number): Promise<OutboxPage> {
  let names: string[] = [];
  try {
    names = (await fs.readdir(directory)).filter((name) => OUTBOX_FILE_NAME.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // Names start with the time of sending, so the newest sort last.
  names.sort().reverse();
  const pageCount = Math.max(1, Math.ceil(names.length / OUTBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const slice = names.slice((current - 1) * OUTBOX_PAGE_SIZE, current * OUTBOX_PAGE_SIZE);
  const files = await Promise.all(
    slice.map(async (name) => {
      const stat = await fs.stat(path.join(directory, name));
      return { name, size: stat.size, modifiedAt: stat.mtime };
    }),
  );
  return { files, total: names.length, page: current, pageCount };
}

/** One message's source, or null when the name is not an outbox file or it is gone. */
export async function readOutboxFile(directory: string, name: string): Promise<string | null> {
  if (!OUTBOX_FILE_NAME.test(name)) return null;
  try {
    const file = path.join(directory, name);
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > 10 * 1024 * 1024) return null;
    return await fs.readFile(file, "utf8");
  } catch {
    return null;
  }
}

/** What stands in for a secret in a message shown to staff. */
export const REDACTED = "[redacted]";

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // A link's token parameter, wherever it appears: text, href (&amp;), List-Unsubscribe, percent-encoded.
  [/((?:[?&;]|&amp;|%3F|%26)token(?:=|%3D))[^&\s"'<>#)\]]+/gi, `$1${REDACTED}`],
  // Private preview links carry their signature in the path.
  [/(\/preview\/)[^\s"'<>?#)\]]+/g, `$1${REDACTED}`],
  // Anything shaped like a signature or key (HMAC-SHA256 in base64url is 43 characters).
  [/[A-Za-z0-9_-]{40,}/g, REDACTED],
];

/** `text` with every link token, preview link and signature-like string replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}

export type OutboxMessage = {
  headers: Array<{ name: string; value: string }>;
  subject: string;
  html: string;
  text: string;
};

/** One message as staff may see it (secrets redacted in headers, HTML and text), or null. */
export async function readOutboxMessage(directory: string, name: string): Promise<OutboxMessage | null> {
  const source = await readOutboxFile(directory, name);
  if (source === null) return null;
  const message = parseEml(source);
  const headers = message.headers.map((entry) => ({ name: entry.name, value: redactSecrets(entry.value) }));
  return {
    headers,
    subject: headers.find((entry) => entry.name.toLowerCase() === "subject")?.value ?? "(no subject)",
    html: redactSecrets(message.html),
    text: redactSecrets(message.text),
  };
}

/** Records that `actorId` opened the outbox (`name`: one message; null: the list, `page`). */
export async function recordOutboxView(
  database: DatabaseClient,
  actorId: number,
  view: { name: string } | { page: number },
): Promise<void> {
  await database.auditLog.create({
    data: {
      actorId,
      action: "name" in view ? "outbox.message_view" : "outbox.list_view",
      entityType: "Outbox",
      entityId: "name" in view ? view.name : null,
      details: "page" in view ? { page: view.page } : {},
    },
  });
}
