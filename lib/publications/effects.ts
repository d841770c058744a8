/** Carries out what a publication change requires (results.ts `Effects`), from a request. */
import "server-only";
import { checkRole, type CurrentUser } from "@/lib/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { enqueue } from "@/lib/jobs/queue";
import { publishDueJob } from "./jobs";
import { refuse, type Effects, type Refusal } from "./results";
import { revalidatePublicTags } from "./revalidate";

export async function applyEffects(effects: Effects, publicationId?: number): Promise<void> {
  revalidatePublicTags(effects.revalidate);
  // The every-minute sweep publishes it anyway; the timed job makes it go live on the second.
  if (effects.goLiveAt) await enqueue(publishDueJob, { publicationId }, { startAfter: effects.goLiveAt });
}

/** The signed-in staff member who may write content, or the 401/403 refusal to return. */
export async function staffWriter(): Promise<
  { user: CurrentUser; refusal?: never } | { user?: never; refusal: Refusal }
> {
  const check = await checkRole(...rolesFor("content.write"));
  if (check.status === "anonymous")
    return {
      refusal: refuse(401, "Your session has ended. Sign in again to save; your changes are kept in this tab."),
    };
  if (check.status === "forbidden") return { refusal: refuse(403, "You do not have permission to do this.") };
  return { user: check.user };
}

/** A result without its server-side effects, as sent to the browser. */
export function withoutEffects<T extends { effects?: Effects }>(result: T): Omit<T, "effects"> {
  const rest: T = { ...result };
  delete rest.effects;
  return rest;
}
