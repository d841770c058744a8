import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { FORBIDDEN_MESSAGE, refuse, SIGN_IN_MESSAGE, type Refusal } from "@/lib/result";
import { sessionUserFromCookies } from "./config";
import { safeCallbackPath } from "./callback-url";
import { can, type Permission } from "./permissions";

export type CurrentUser = { id: number; email: string; name: string; role: Role };

/**
 * The signed-in staff member, or null; read once per request. Their role and whether the
 * session still counts come from the database on every request (lib/auth/config.ts).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  return sessionUserFromCookies(db, (name) => store.get(name)?.value);
});

export type Authorized = { ok: true; user: CurrentUser };

/**
 * The one guard of every staff server action and route handler: the signed-in user when
 * their role holds `permission` (lib/auth/permissions.ts), otherwise the 401 or 403 to
 * answer with. Never a redirect, so callers and tests see why.
 */
export async function authorize(permission: Permission): Promise<Authorized | Refusal> {
  const user = await getCurrentUser();
  if (!user) return refuse(401, SIGN_IN_MESSAGE);
  if (!can(user.role, permission)) return refuse(403, FORBIDDEN_MESSAGE);
  return { ok: true, user };
}

/**
 * Thrown for a signed-in user without the permission. Its digest is the one Next.js gives
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
 * The same guard for staff pages, which answer with a page rather than data: anonymous
 * visitors go to /login (coming back to `from`), a signed-in user without the permission
 * gets the 403 page.
 */
export async function requirePermission(permission: Permission, from: string): Promise<CurrentUser> {
  const access = await authorize(permission);
  if (access.ok) return access.user;
  if (access.status === 401) redirect(loginUrl(from));
  throw new ForbiddenError();
}
