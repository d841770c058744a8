/**
 * Where an old address (a WordPress permalink the import recorded) moved, read by the HTTP
 * server for requests shaped like one (lib/http/legacy-redirects.mjs). One indexed lookup;
 * uncached, as unknown addresses must not fill a cache.
 */
import { db } from "@/lib/db";

export async function findLegacyRedirect(fromPath: string): Promise<{ toPath: string; statusCode: number } | null> {
  return db.redirect.findUnique({ where: { fromPath }, select: { toPath: true, statusCode: true } });
}
