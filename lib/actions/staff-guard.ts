import type { StaffResult } from "./result";

/** The answer to an action by someone not signed in, or without the permission. */
export function forbidden(status: "anonymous" | "forbidden"): StaffResult {
  return status === "anonymous"
    ? { ok: false, status: 403, message: "Your session has ended. Sign in again to continue." }
    : { ok: false, status: 403, message: "You do not have permission to do this." };
}
