import { NextResponse } from "next/server";
import { rolesFor } from "@/lib/auth/permissions";
import { requireRoleForRoute } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { applyEffects, withoutEffects } from "@/lib/publications/effects";
import { savePublication } from "@/lib/publications/save";
import { isSameOrigin } from "@/lib/http/same-origin";
import { publicationIdSchema } from "@/lib/data/admin-publications";

const MAX_REQUEST_BYTES = 2_500_000;

/**
 * The editor's last save when the page is hidden or closed (fetch keepalive / sendBeacon,
 * which cannot wait for a server action). Same checks and lock as Save: session, role,
 * Origin, version.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request))
    return NextResponse.json({ error: "Cross-site requests are not accepted." }, { status: 403 });
  const guard = await requireRoleForRoute(...rolesFor("content.write"));
  if (guard.response) return guard.response;
  const id = publicationIdSchema.safeParse((await params).id);
  if (!id.success) return NextResponse.json({ error: "Unknown publication." }, { status: 404 });
  const text = await request.text();
  if (text.length > MAX_REQUEST_BYTES)
    return NextResponse.json({ error: "The publication is too large to save." }, { status: 413 });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: "The request body must be JSON." }, { status: 400 });
  }
  const body = payload && typeof payload === "object" ? { ...payload, id: id.data } : payload;
  const result = await savePublication(db, guard.user, body);
  if (!result.ok)
    return NextResponse.json(
      { error: result.message, fieldErrors: result.fieldErrors, conflict: result.conflict },
      { status: result.status },
    );
  await applyEffects(result.effects, result.id);
  return NextResponse.json(withoutEffects(result));
}
