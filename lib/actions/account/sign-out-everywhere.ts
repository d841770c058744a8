"use server";

import { authorizeAction } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { signOutEverywhere } from "@/lib/users/manage";
import type { ActionResult } from "../result";

/** "Sign out everywhere" for oneself: every session, this one included, ends at its next request. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const { user, refusal } = await authorizeAction("content.write");
  if (refusal) return refusal;
  return signOutEverywhere(db, user, user.id);
}
