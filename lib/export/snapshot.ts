/**
 * A consistent view of the database for as long as an export or backup reads it: one
 * read-only REPEATABLE READ transaction, so every table is read as of the same moment
 * while the site goes on writing. Also the temporary folder such a run spools into.
 */
import { randomBytes } from "node:crypto";
import fsPromises from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { createPgClient } from "./tables";

/** Runs `read` inside a read-only snapshot of the database, on a connection of its own. */
export async function withSnapshot<T>(databaseUrl: string, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = createPgClient(databaseUrl);
  client.on("error", () => {}); // a dropped connection fails the query in hand instead
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await read(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh folder under `parent` (created), removed by the returned function. */
export async function temporaryFolder(
  parent: string,
  prefix: string,
): Promise<{ path: string; remove(): Promise<void> }> {
  await fsPromises.mkdir(parent, { recursive: true, mode: 0o700 });
  const folder = path.join(parent, `${prefix}-${Date.now()}-${randomBytes(4).toString("hex")}`);
  await fsPromises.mkdir(folder, { mode: 0o700 });
  return { path: folder, remove: () => fsPromises.rm(folder, { recursive: true, force: true }) };
}

/** Storage keys of every media file the Media rows name: originals and their renditions. */
export async function mediaKeys(client: Pick<pg.Client, "query">): Promise<string[]> {
  const { rows } = await client.query<{ storageKey: string; variants: unknown }>(
    `SELECT "storageKey", variants FROM "Media" ORDER BY id`,
  );
  const keys = new Set<string>();
  for (const row of rows) {
    keys.add(row.storageKey);
    if (Array.isArray(row.variants))
      for (const variant of row.variants) {
        const key = (variant as { storageKey?: unknown })?.storageKey;
        if (typeof key === "string") keys.add(key);
      }
  }
  return [...keys];
}
