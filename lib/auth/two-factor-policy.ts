/**
 * Whether a second factor is required: off by default; an admin can require it of every
 * ADMIN and EDITOR on /admin/settings. Someone required to have one who has none is sent
 * to set it up after signing in, and may do nothing else until they have
 * (`authorize` and `requirePermission` in lib/auth/session.ts).
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";

export const REQUIRE_SECOND_FACTOR_SETTING = "auth.requireTwoFactor";

/** The roles the requirement applies to: those who can publish, or manage people and settings. */
export const ROLES_REQUIRING_SECOND_FACTOR: readonly Role[] = ["ADMIN", "EDITOR"];

export async function isSecondFactorRequired(database: Pick<DatabaseClient, "setting">): Promise<boolean> {
  const row = await database.setting.findUnique({ where: { key: REQUIRE_SECOND_FACTOR_SETTING } });
  return row?.value === true;
}

export async function hasSecondFactor(database: Pick<DatabaseClient, "twoFactor">, userId: number): Promise<boolean> {
  const row = await database.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/**
 * True when `user`'s role requires a second factor and they have none. Costs one lookup
 * by key (the setting) per request of an admin or editor while nothing is required.
 */
export async function mustEnrolSecondFactor(
  database: Pick<DatabaseClient, "setting" | "twoFactor">,
  user: { id: number; role: Role },
): Promise<boolean> {
  if (!ROLES_REQUIRING_SECOND_FACTOR.includes(user.role)) return false;
  if (!(await isSecondFactorRequired(database))) return false;
  return !(await hasSecondFactor(database, user.id));
}
