/**
 * Staff account changes an admin makes: invite, change role, disable or enable, send a
 * password link, sign out everywhere. Each writes an AuditLog entry. The caller (a server
 * action) has already checked that the actor may manage users.
 */
import "server-only";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { refuse, type FormResult, type Refusal, type Result } from "@/lib/result";
import type { DatabaseClient } from "@/lib/db-client";
import { unusablePasswordHash } from "@/lib/auth/password";
import { sendPasswordLink } from "@/lib/auth/password-links";
import type { CurrentUser } from "@/lib/auth/session";

type Transaction = Prisma.TransactionClient;

const NOT_FOUND = refuse(404, "There is no such user.");

function audit(
  database: DatabaseClient | Transaction,
  actor: CurrentUser,
  action: string,
  userId: number,
  details: Prisma.InputJsonObject = {},
) {
  return database.auditLog.create({
    data: { action, actorId: actor.id, entityType: "User", entityId: String(userId), details },
  });
}

/**
 * Runs `change` with every admin-affecting change serialized (a transaction-scoped advisory
 * lock), so two admins demoting each other at once cannot leave the site without one.
 */
async function withAdminLock<T>(database: DatabaseClient, change: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('quire.user-admin-changes'))`;
    return change(tx);
  });
}

/** The account an admin is about to change, with what the admin protections look at. */
function findTarget(tx: Transaction, userId: number) {
  return tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabledAt: true } });
}

/**
 * Refuses changes that would lock the site out: an admin changing their own role or
 * disabling themselves, and removing the last active admin.
 */
async function protectAdmins(
  tx: Transaction,
  actor: CurrentUser,
  target: { id: number; role: Role; disabledAt: Date | null },
  verb: string,
): Promise<Refusal | null> {
  if (target.id === actor.id)
    return { ok: false, status: 409, message: `You cannot ${verb} your own account. Ask another administrator.` };
  if (target.role === "ADMIN" && !target.disabledAt) {
    const activeAdmins = await tx.user.count({ where: { role: "ADMIN", disabledAt: null } });
    if (activeAdmins <= 1)
      return { ok: false, status: 409, message: `You cannot ${verb} the last active administrator.` };
  }
  return null;
}

export async function inviteUser(
  database: DatabaseClient,
  actor: CurrentUser,
  input: { email: string; name: string; role: Role },
): Promise<FormResult<"email">> {
  let userId: number;
  try {
    userId = await database.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash: unusablePasswordHash(),
          invitedAt: new Date(),
        },
        select: { id: true },
      });
      await audit(tx, actor, "user.invite", created.id, { role: input.role, email: input.email });
      return created.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = "There is already an account with this email.";
      return refuse(409, message, { email: message });
    }
    throw error;
  }
  await sendPasswordLink(database, userId, {
    purpose: "invite",
    actorId: actor.id,
    invitedBy: actor.name || actor.email,
  });
  return { ok: true, message: `Invitation sent to ${input.email}.` };
}

export async function changeUserRole(
  database: DatabaseClient,
  actor: CurrentUser,
  userId: number,
  role: Role,
): Promise<Result> {
  return withAdminLock(database, async (tx) => {
    const target = await findTarget(tx, userId);
    if (!target) return NOT_FOUND;
    if (target.role === role) return { ok: true, message: `${target.email} is already ${role.toLowerCase()}.` };
    if (target.role === "ADMIN" || target.id === actor.id) {
      const refusal = await protectAdmins(tx, actor, target, "change the role of");
      if (refusal) return refusal;
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await audit(tx, actor, "user.role_change", userId, { from: target.role, to: role });
    return { ok: true, message: `${target.email} is now ${role.toLowerCase()}.` };
  });
}

export async function setUserDisabled(
  database: DatabaseClient,
  actor: CurrentUser,
  userId: number,
  disabled: boolean,
): Promise<Result> {
  return withAdminLock(database, async (tx) => {
    const target = await findTarget(tx, userId);
    if (!target) return NOT_FOUND;
    if (disabled) {
      if (target.disabledAt) return { ok: true, message: `${target.email} is already disabled.` };
      const refusal = await protectAdmins(tx, actor, target, "disable");
      if (refusal) return refusal;
      await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
      await audit(tx, actor, "user.disable", userId);
      return { ok: true, message: `${target.email} is disabled and signed out.` };
    }
    if (!target.disabledAt) return { ok: true, message: `${target.email} is already active.` };
    await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await audit(tx, actor, "user.enable", userId);
    return { ok: true, message: `${target.email} can sign in again.` };
  });
}

/** Ends every session of `userId` at their next request. */
export async function signOutEverywhere(database: DatabaseClient, actor: CurrentUser, userId: number): Promise<Result> {
  const updated = await database.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  if (updated.count === 0) return NOT_FOUND;
  await audit(database, actor, "user.sign_out_everywhere", userId);
  return {
    ok: true,
    message: userId === actor.id ? "You are signed out on every device." : "Signed out on every device.",
  };
}

export async function sendResetLink(database: DatabaseClient, actor: CurrentUser, userId: number): Promise<Result> {
  const target = await database.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
  if (!target) return NOT_FOUND;
  if (target.disabledAt)
    return { ok: false, status: 409, message: "Enable the account before sending it a reset link." };
  // Recorded as auth.password_link.sent, with the admin as its actor.
  await sendPasswordLink(database, userId, { purpose: "reset", actorId: actor.id });
  return { ok: true, message: `Reset link sent to ${target.email}.` };
}
