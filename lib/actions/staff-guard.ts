import "server-only";
import { rolesFor, type Permission } from "@/lib/auth/permissions";
import { checkRole, type CurrentUser } from "@/lib/auth/session";
import type { ActionResult } from "./result";

/** For staff server actions: the user holding `permission`, or the answer to give instead. */
export async function staffWith(
  permission: Permission,
): Promise<{ user: CurrentUser; refusal?: never } | { user?: never; refusal: ActionResult }> {
  const check = await checkRole(...rolesFor(permission));
  if (check.status === "ok") return { user: check.user };
  return {
    refusal:
      check.status === "anonymous"
        ? { ok: false, status: 401, message: "Your session has ended. Sign in again to continue." }
        : { ok: false, status: 403, message: "You do not have permission to do this." },
  };
}
