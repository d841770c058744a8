import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/client";
import { authOptions } from "./config";
import { safeCallbackPath } from "./callback-url";

export type CurrentUser = { id: number; email: string; name: string; role: Role };

export const STAFF_ROLES: readonly Role[] = ["ADMIN", "EDITOR", "AUTHOR"];

/** The signed-in staff member, or null; read once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user || typeof user.id !== "number" || !user.role) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

export type RoleCheck = { status: "ok"; user: CurrentUser } | { status: "anonymous" } | { status: "forbidden"; user: CurrentUser };

/** Whether the current user holds one of `roles` (any staff role when none is given). */
export async function checkRole(...roles: Role[]): Promise<RoleCheck> {
  const user = await getCurrentUser();
  if (!user) return { status: "anonymous" };
  const allowed = roles.length === 0 ? STAFF_ROLES : roles;
  return allowed.includes(user.role) ? { status: "ok", user } : { status: "forbidden", user };
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor() {
    super("You do not have permission to do this.");
  }
}

export function loginUrl(from: string): string {
  return `/login?callbackUrl=${encodeURIComponent(safeCallbackPath(from))}`;
}

/**
 * For server components and server actions: the user when they hold one of `roles`;
 * otherwise redirects anonymous visitors to /login (coming back to `from`) and throws
 * ForbiddenError for a signed-in user without the role.
 */
export async function requireRoleFrom(from: string, ...roles: Role[]): Promise<CurrentUser> {
  const check = await checkRole(...roles);
  if (check.status === "anonymous") redirect(loginUrl(from));
  if (check.status === "forbidden") throw new ForbiddenError();
  return check.user;
}

/** requireRoleFrom, returning to the dashboard after sign-in. */
export function requireRole(...roles: Role[]): Promise<CurrentUser> {
  return requireRoleFrom("/admin", ...roles);
}

/** For route handlers: the user, or a 401/403 JSON response to return as is. */
export async function requireRoleForRoute(...roles: Role[]): Promise<{ user: CurrentUser; response?: never } | { user?: never; response: NextResponse }> {
  const check = await checkRole(...roles);
  if (check.status === "anonymous") {
    return { response: NextResponse.json({ error: "Sign in to continue." }, { status: 401, headers: { "WWW-Authenticate": "Session" } }) };
  }
  if (check.status === "forbidden") return { response: NextResponse.json({ error: "You do not have permission to do this." }, { status: 403 }) };
  return { user: check.user };
}
