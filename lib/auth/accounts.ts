/**
 * Staff accounts created from the command line and at first start. (Accounts created in
 * the admin go through server actions that check the session first.)
 */
import type { DatabaseClient } from "@/lib/db-client";
import { newUserSchema, type NewUser } from "@/lib/validations/user";
import { generatePassword, hashPassword } from "./password";

export class AccountExistsError extends Error {}

/** Unvalidated input: createStaffAccount parses it with newUserSchema. */
type NewUserInput = { email: string; role: string; name?: string; password: string };

export async function createStaffAccount(database: DatabaseClient, input: NewUserInput) {
  const user: NewUser = newUserSchema.parse(input);
  const existing = await database.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) throw new AccountExistsError(`An account for ${user.email} already exists.`);
  const passwordHash = await hashPassword(user.password);
  return database.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: user.email, name: user.name, role: user.role, passwordHash },
      select: { id: true, email: true, role: true },
    });
    await tx.auditLog.create({
      data: {
        action: "user.create",
        entityType: "User",
        entityId: String(created.id),
        details: { role: created.role, via: "cli" },
      },
    });
    return created;
  });
}

export type FirstAdminResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * Creates the first admin when there is no staff account yet: from ADMIN_EMAIL and
 * ADMIN_PASSWORD when given, otherwise admin@example.org with a generated password that the
 * caller prints once.
 */
export async function ensureFirstAdmin(
  database: DatabaseClient,
  configured: { email?: string; password?: string },
): Promise<FirstAdminResult> {
  if ((await database.user.count()) > 0) return { created: false };
  const generatedPassword = configured.password ? null : generatePassword();
  const account = await createStaffAccount(database, {
    email: configured.email ?? "admin@example.org",
    name: "Administrator",
    role: "ADMIN",
    password: configured.password ?? generatedPassword!,
  });
  return { created: true, email: account.email, generatedPassword };
}
