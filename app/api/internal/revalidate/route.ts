import { NextResponse } from "next/server";
import { z } from "zod";
import { INTERNAL_KEY_HEADER, isInternalKey, revalidateTags } from "@/lib/cache/invalidate";

const requestSchema = z.object({
  tags: z
    .array(
      z
        .string()
        .min(1)
        .max(300)
        .regex(/^[a-z0-9:-]+$/),
    )
    .min(1)
    .max(100),
});

/**
 * Revalidation asked for by this server's own background jobs (lib/cache/invalidate.ts):
 * only with the key derived from NEXTAUTH_SECRET; everyone else gets a 404.
 */
export async function POST(request: Request) {
  if (!isInternalKey(request.headers.get(INTERNAL_KEY_HEADER)))
    return NextResponse.json({ ok: false, message: "Not found." }, { status: 404 });
  const parsed = requestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return NextResponse.json({ ok: false, message: "Expected { tags: string[] }." }, { status: 400 });
  revalidateTags(parsed.data.tags);
  return NextResponse.json({ ok: true, revalidated: parsed.data.tags });
}
