/**
 * The suppression list: addresses erased on request, kept only as SHA-256 of the
 * lower-cased address, so that neither a signup nor an import adds them again.
 */
import { createHash } from "node:crypto";
import type { DatabaseClient } from "@/lib/db-client";

export function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export async function isSuppressed(database: Pick<DatabaseClient, "suppression">, email: string): Promise<boolean> {
  return (await database.suppression.count({ where: { emailHash: emailHash(email) } })) > 0;
}
