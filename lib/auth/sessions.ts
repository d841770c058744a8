/**
 * Staff sessions are next-auth JWTs (lib/auth/config.ts), each with an id (sid). Signing
 * out records that id here until the JWT would have expired anyway, so the session ends
 * at once even though the token itself stays valid; "Sign out everywhere" raises the
 * account's sessionVersion instead, ending every session at once. The daily audit-retention
 * job forgets signed-out sessions once their JWT has expired (lib/auth/audit-log.ts).
 */
import type { JWT } from "next-auth/jwt";
import type { DatabaseClient } from "@/lib/db-client";

/** How long a session lasts without signing out. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * "Sign out": this session's id joins RevokedSession until the JWT would have expired,
 * so the cookie no longer counts even if it was copied; the same person's other sessions
 * go on. Recorded in the audit log, in the same transaction.
 */
export async function endSession(database: DatabaseClient, token: JWT | null): Promise<void> {
  if (!token || typeof token.userId !== "number" || typeof token.sid !== "string") return;
  const userId = token.userId;
  const expiresAt = new Date(
    typeof token.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_MAX_AGE_SECONDS * 1000,
  );
  if (!(await database.user.findUnique({ where: { id: userId }, select: { id: true } }))) return;
  await database.$transaction([
    database.revokedSession.createMany({ data: [{ id: token.sid, userId, expiresAt }], skipDuplicates: true }),
    database.auditLog.create({
      data: { action: "auth.sign_out", actorId: userId, entityType: "User", entityId: String(userId) },
    }),
  ]);
}
