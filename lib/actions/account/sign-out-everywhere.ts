"use server";

import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { signOutEverywhere } from "@/lib/users/manage";
import type { Result } from "@/lib/result";

/** "Sign out everywhere" for oneself: every session, this one included, ends at its next request. */
export async function signOutEverywhereAction(): Promise<Result> {
  const access = await authorize("account.manage");
  if (!access.ok) return access;
  const { user } = access;
  return signOutEverywhere(db, user, user.id);
}
