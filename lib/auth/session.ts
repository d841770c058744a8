import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { sessionUserFromCookies } from "./config";
import { safeCallbackPath } from "./callback-url";
import { can, type Permission } from "./permissions";

export type CurrentUser = { id: number; email: string; name: string; role: Role };

export const STAFF_ROLES: readonly Role[] = ["ADMIN", "EDITOR", "AUTHOR"];

/**
 * The signed-in staff member, or null; read once per request. Their role and whether the
 * session still counts come from the database on every request (lib/auth/config.ts).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  return sessionUserFromCookies(db, (name) => store.get(name)?.value);
});

export type RoleCheck =
  { status: "ok"; user: CurrentUser } | { status: "anonymous" } | { status: "forbidden"; user: CurrentUser };

/** Whether the current user holds one of `roles` (any staff role when none is given). */
export async function checkRole(...roles: Role[]): Promise<RoleCheck> {
  const user = await getCurrentUser();
  if (!user) return { status: "anonymous" };
  const allowed = roles.length === 0 ? STAFF_ROLES : roles;
  return allowed.includes(user.role) ? { status: "ok", user } : { status: "forbidden", user };
}

export const FORBIDDEN_MESSAGE = "You do not have permission to do this.";
export const SIGN_IN_MESSAGE = "Sign in to continue.";

/**
 * Thrown for a signed-in user without the role. Its digest is the one Next.js gives
 * `forbidden()`, so a page answers HTTP 403 with app/forbidden.tsx.
 */
export class ForbiddenError extends Error {
  readonly status = 403;
  readonly digest = "NEXT_HTTP_ERROR_FALLBACK;403";
  constructor() {
    super(FORBIDDEN_MESSAGE);
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

/** What a server action answers when the session does not allow it. */
export type ActionRefusal = { ok: false; status: 401 | 403; message: string };

/**
 * For server actions: the user when their role holds `permission`, otherwise a refusal
 * to return as the action's result (never a redirect, so callers and tests see why).
 */
export async function authorizeAction(
  permission: Permission,
): Promise<{ user: CurrentUser; refusal?: never } | { user?: never; refusal: ActionRefusal }> {
  const user = await getCurrentUser();
  if (!user) return { refusal: { ok: false, status: 401, message: SIGN_IN_MESSAGE } };
  if (!can(user.role, permission)) return { refusal: { ok: false, status: 403, message: FORBIDDEN_MESSAGE } };
  return { user };
}

/** For route handlers: the user, or a 401/403 JSON response to return as is. */
export async function requireRoleForRoute(
  ...roles: Role[]
): Promise<{ user: CurrentUser; response?: never } | { user?: never; response: NextResponse }> {
  const check = await checkRole(...roles);
  if (check.status === "anonymous") {
    return {
      response: NextResponse.json(
        { error: SIGN_IN_MESSAGE },
        { status: 401, headers: { "WWW-Authenticate": "Session" } },
      ),
    };
  }
  if (check.status === "forbidden")
    return { response: NextResponse.json({ error: FORBIDDEN_MESSAGE }, { status: 403 }) };
  return { user: check.user };
}
