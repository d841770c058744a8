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
import { mustEnrolSecondFactor } from "./two-factor-policy";

export type CurrentUser = { id: number; email: string; name: string; role: Role };

/** The signed-in user, and whether they must set up a second factor before anything else. */
export type SignedInStaff = CurrentUser & { mustEnrolSecondFactor: boolean };

/** Where someone who must set up a second factor is sent. */
export const ACCOUNT_PATH = "/admin/account";
export const ENROL_SECOND_FACTOR_MESSAGE =
  "Set up two-factor authentication on your account page before using the staff area.";

/**
 * The signed-in staff member, or null; read once per request. Their role and whether the
 * session still counts come from the database on every request (lib/auth/config.ts), and
 * so does whether an admin requires them to have a second factor they lack.
 */
export const getCurrentUser = cache(async (): Promise<SignedInStaff | null> => {
  const store = await cookies();
  const user = await sessionUserFromCookies(db, (name) => store.get(name)?.value);
  return user && { ...user, mustEnrolSecondFactor: await mustEnrolSecondFactor(db, user) };
});

export type Authorized = { ok: true; user: SignedInStaff };

/**
 * The one guard of every staff server action and route handler: the signed-in user when
 * their role holds `permission` (lib/auth/permissions.ts), otherwise the 401 or 403 to
 * answer with. Never a redirect, so callers and tests see why.
 */
export async function authorize(permission: Permission): Promise<Authorized | Refusal> {
  const user = await getCurrentUser();
  if (!user) return refuse(401, SIGN_IN_MESSAGE);
  // Until they set one up, a person required to have a second factor may only do that.
  if (user.mustEnrolSecondFactor && permission !== "account.manage") return refuse(403, ENROL_SECOND_FACTOR_MESSAGE);
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
 * visitors go to /login (coming back to `from`), someone who must first set up a second
 * factor to their account page, a signed-in user without the permission gets the 403 page.
 */
export async function requirePermission(permission: Permission, from: string): Promise<SignedInStaff> {
  const access = await authorize(permission);
  if (access.ok) return access.user;
  if (access.status === 401) redirect(loginUrl(from));
  if ((await getCurrentUser())?.mustEnrolSecondFactor) redirect(ACCOUNT_PATH);
  throw new ForbiddenError();
}
