/** The outbox folder as the admin reads it: newest message first, one file at a time. */
import fs from "node:fs/promises";
import path from "node:path";

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
