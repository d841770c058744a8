import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { refusalResponse, resultResponse } from "@/lib/http/respond";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/http/same-origin";
import { applyEffects, withoutEffects } from "@/lib/publications/effects";
import { savePublication } from "@/lib/publications/save";
import { refuse } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";

const MAX_REQUEST_BYTES = 2_500_000;

/**
 * The editor's last save when the page is hidden or closed (fetch keepalive / sendBeacon,
 * which cannot wait for a server action). Same checks and lock as Save: session, role,
 * Origin, version.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return refusalResponse(refuse(403, CROSS_ORIGIN_MESSAGE));
  const access = await authorize("content.write");
  if (!access.ok) return refusalResponse(access);
  const id = databaseIdSchema.safeParse((await params).id);
  if (!id.success) return refusalResponse(refuse(404, "Unknown publication."));
  const text = await request.text();
  if (text.length > MAX_REQUEST_BYTES) return refusalResponse(refuse(413, "The publication is too large to save."));
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return refusalResponse(refuse(400, "The request body must be JSON."));
  }
  const body = payload && typeof payload === "object" ? { ...payload, id: id.data } : payload;
  const result = await savePublication(db, access.user, body);
  if (result.ok) await applyEffects(result.effects);
  return resultResponse(result.ok ? withoutEffects(result) : result);
}
